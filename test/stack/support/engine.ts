// A stack engine on a temporary state folder, wired as the CLI wires it: ECR repositories live in
// the real local registry (opened in-process on first use, on `<home>/registry`, maintenance off).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, type LocalRegistry } from '../../../src/local/registry/index.js';
import { registryRepositoryControl, StackEngine, type StackEvent } from '../../../src/local/stack/index.js';

/** A temporary engine; call `dispose()` in afterEach. */
export interface TestEngine {
  engine: StackEngine;
  home: string;
  events: StackEvent[];
  /** The engine's registry (opened now if the engine has not opened it yet). */
  registry(): LocalRegistry;
  dispose(): Promise<void>;
}

/** Opens an engine on a fresh temporary home (or on `home`, which is then left in place). */
export function testEngine(options: { home?: string; region?: string } = {}): TestEngine {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'slipway-stack-'));
  const events: StackEvent[] = [];
  let registry: LocalRegistry | undefined;
  const open = () => (registry ??= openRegistry({ dataDir: join(home, 'registry'), requireAuth: false, maintenanceIntervalMs: 0 }));
  const engine = new StackEngine({ home, region: options.region, repositories: registryRepositoryControl(open), registryEndpoint: '127.0.0.1:5999', reporter: { emit: (event) => events.push(event.event) } });
  return {
    engine, home, events, registry: open,
    dispose: async () => {
      engine.close();
      await registry?.close();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The text of a corpus template. */
export function corpusTemplate(name: string): { templateBody: string; templateFile: string } {
  const templateFile = join(import.meta.dirname, '..', '..', 'cloudformation', 'templates', name);
  return { templateBody: readFileSync(templateFile, 'utf8'), templateFile };
}
