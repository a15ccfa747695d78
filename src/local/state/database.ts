// The engine's SQLite database, `<home>/slipway.db`, opened with named migrations so that each
// part of the local engine (stacks, pipelines, ...) can add its own tables without clashing.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/** An open state database (better-sqlite3, synchronous). */
export type StateDatabase = Database.Database;

/** One schema change; applied once, in the order given, and recorded by id. */
export interface Migration {
  /** Stable and unique across the project, e.g. `stack-0001-stacks`. */
  id: string;
  sql: string;
}

/** How long an opener waits for another process's lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;
const RETRY_PAUSE_MS = 20;

/** The database file inside the state folder. */
export function stateDatabasePath(home: string): string {
  return join(home, 'slipway.db');
}

/** Opens (creating if needed) the state database and applies the migrations not yet applied. */
export function openStateDatabase(path: string, migrations: readonly Migration[]): StateDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // The busy timeout waits for another process's lock instead of failing; WAL lets a CLI read
  // while another process writes.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  useWriteAheadLog(db);
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations);
  return db;
}

/**
 * Switches the file to WAL (a no-op once it is: the mode is stored in the file). SQLite answers
 * SQLITE_BUSY at once, without calling the busy handler, when a connection that has read the file
 * asks for the write lock another connection holds (its deadlock rule), and switching the journal
 * mode is such a request; so this waits and retries itself, within the same timeout.
 */
function useWriteAheadLog(db: StateDatabase): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_PAUSE_MS);
    }
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
}

/**
 * Applies pending migrations, all in one BEGIN IMMEDIATE transaction: it takes the write lock
 * before reading which ids are applied, so of two processes opening a new database at once the
 * second waits (busy timeout) and then finds everything applied, instead of applying them again.
 */
export function applyMigrations(db: StateDatabase, migrations: readonly Migration[]): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((row) => row.id));
    const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    }
  }).immediate();
}
