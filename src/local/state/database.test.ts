// The state database between processes: several CLIs opening a new database at the same moment
// all succeed, and each migration is applied exactly once.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_BARRIER, passBarrier, startRacers } from '../../../test/support/child-barrier.js';
import { openStateDatabase, type Migration } from './index.js';

const STATE_MODULE = fileURLToPath(new URL('../../../dist/local/state/index.js', import.meta.url));

const MIGRATIONS: Migration[] = [
  { id: 'test-0001-things', sql: 'CREATE TABLE things (id INTEGER PRIMARY KEY)' },
  { id: 'test-0002-colour', sql: "ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'red'" },
];

let dir: string;
beforeEach(() => {
  if (!existsSync(STATE_MODULE)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'slipway-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts `count` processes that all open the same new database at one moment (a barrier, not a
 * start time on the clock); resolves with their exit codes and errors.
 */
async function openAtOnce(file: string, count: number): Promise<string[]> {
  const script = `
    import { openStateDatabase } from ${JSON.stringify(STATE_MODULE)};
    ${CHILD_BARRIER}
    await barrier();
    openStateDatabase(${JSON.stringify(file)}, ${JSON.stringify(MIGRATIONS)}).close();
  `;
  const children = startRacers(count, script);
  try {
    await passBarrier(children);
  } finally {
    // With its stdin closed, a child past the barrier exits once it has opened the database.
    for (const child of children) child.close();
  }
  return Promise.all(children.map(async (child) => `${await child.exited} ${child.stderr()}`.trim()));
}

interface ChildOpen {
  /** Resolves once the child is about to open the database (it has printed `opening`). */
  opening: Promise<void>;
  /** Resolves with the exit code and error output. */
  exit: Promise<string>;
  running: () => boolean;
}

/** Opens the database in a new process. */
function openInChild(file: string): ChildOpen {
  const script = `
    import { openStateDatabase } from ${JSON.stringify(STATE_MODULE)};
    process.stdout.write('opening\\n');
    openStateDatabase(${JSON.stringify(file)}, ${JSON.stringify(MIGRATIONS)}).close();
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const opening = new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
  const exit = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(`${code} ${err}`.trim()));
  });
  return { opening, exit, running: () => child.exitCode === null && child.signalCode === null };
}

describe('openStateDatabase', () => {
  it('applies each migration once when several processes open a new database at the same moment', async () => {
    // The race is a matter of timing: three rounds make a regression show up nearly always.
    for (const round of [1, 2, 3]) expect(await openAtOnce(join(dir, `round-${round}.db`), 4)).toEqual(['0', '0', '0', '0']);
    const file = join(dir, 'round-1.db');
    const db = openStateDatabase(file, MIGRATIONS);
    try {
      expect(db.prepare('SELECT id FROM schema_migrations ORDER BY id').all()).toEqual([{ id: 'test-0001-things' }, { id: 'test-0002-colour' }]);
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').all('things')).toEqual([{ name: 'id' }, { name: 'colour' }]);
    } finally {
      db.close();
    }
  });

  it('waits for a writer that holds the lock while it switches a new file to WAL', async () => {
    // SQLite answers SQLITE_BUSY at once, without calling the busy handler, when a connection
    // that is reading asks for the write lock another connection holds (its deadlock rule);
    // switching to WAL is such a request, so the opener must retry it itself.
    const file = join(dir, 'held.db');
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE; CREATE TABLE other (id INTEGER)');
    const child = openInChild(file);
    await Promise.race([child.opening, child.exit]);
    // Some time for the child to meet the lock; however slow the machine, it cannot have
    // finished, because the lock is still held.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.running()).toBe(true);
    writer.exec('COMMIT');
    writer.close();
    expect(await child.exit).toBe('0');
  });
});
