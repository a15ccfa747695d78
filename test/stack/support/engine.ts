// A stack engine on a temporary state folder, with the events it emitted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StackEngine, type StackEvent, type RepositoryControl } from '../../../src/local/stack/index.js';
import { MemoryRepositories } from './memory-repositories.js';

/** A temporary engine; call `dispose()` in afterEach. */
export interface TestEngine {
  engine: StackEngine;
  home: string;
  events: StackEvent[];
  repositories: RepositoryControl;
  dispose(): void;
}

/** Opens an engine on a fresh temporary home. */
export function testEngine(options: { repositories?: RepositoryControl; home?: string } = {}): TestEngine {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'slipway-stack-'));
  const events: StackEvent[] = [];
  const repositories = options.repositories ?? new MemoryRepositories();
  const engine = new StackEngine({ home, repositories, registryEndpoint: '127.0.0.1:5999', reporter: { emit: (event) => events.push(event.event) } });
  return {
    engine, home, events, repositories,
    dispose: () => {
      engine.close();
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The text of a corpus template. */
export function corpusTemplate(name: string): { templateBody: string; templateFile: string } {
  const templateFile = join(import.meta.dirname, '..', '..', 'cloudformation', 'templates', name);
  return { templateBody: readFileSync(templateFile, 'utf8'), templateFile };
}
