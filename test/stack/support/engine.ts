// A local account on a temporary home, for stack tests: its stack engine, the stack events it
// reported, and the real local registry its ECR repositories live in (opened in-process on
// `<home>/registry`, maintenance off, only when a test asks for it).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalAccount } from '../../../src/local/account/index.js';
import { openRegistry, type LocalRegistry } from '../../../src/local/registry/index.js';
import type { StackEngine, StackEngineEvent, StackEvent } from '../../../src/local/stack/index.js';

/** A temporary account; call `dispose()` in afterEach. */
export interface TestEngine {
  account: LocalAccount;
  engine: StackEngine;
  home: string;
  events: StackEvent[];
  /** The account's registry (opened now if the test has not opened it yet). */
  registry(): LocalRegistry;
  dispose(): Promise<void>;
}

/** Opens an account on a fresh temporary home (or on `home`, which is then left in place). */
export function testEngine(options: { home?: string; region?: string } = {}): TestEngine {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'slipway-stack-'));
  const account = new LocalAccount({ home });
  account.changeSettings({ registryEndpoint: '127.0.0.1:5999', ...(options.region ? { region: options.region } : {}) });
  const events: StackEvent[] = [];
  account.events.subscribe((event) => {
    if (event.source === 'cloudformation') events.push((event.payload as StackEngineEvent).event);
  });
  let registry: LocalRegistry | undefined;
  const open = () => (registry ??= openRegistry({
    dataDir: account.layout.registry, requireAuth: false, maintenanceIntervalMs: 0, region: account.settings.region,
  }));
  return {
    account, engine: account.stacks, home, events, registry: open,
    dispose: async () => {
      account.close();
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
