// A table of JSON records by name, for services whose records are read and written whole
// (pipelines, webhooks, connections, event rules, CodeCommit repositories). Each service owns its
// own table; this only spares each of them the same four statements.
import type { StateDatabase } from './database.js';

/** The SQL that creates such a table. */
export function recordTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, record TEXT NOT NULL, updated_at TEXT NOT NULL)`;
}

/** Records of one type, keyed by name. */
export class RecordTable<T> {
  constructor(
    private readonly db: StateDatabase,
    private readonly table: string,
  ) {}

  /** Inserts a new record; false when the name is taken (nothing is written). */
  insert(name: string, record: T): boolean {
    return this.db.prepare(`INSERT OR IGNORE INTO ${this.table} VALUES (?, ?, ?)`).run(name, JSON.stringify(record), new Date().toISOString()).changes === 1;
  }

  /** Inserts or replaces a record. */
  put(name: string, record: T): void {
    this.db.prepare(`INSERT OR REPLACE INTO ${this.table} VALUES (?, ?, ?)`).run(name, JSON.stringify(record), new Date().toISOString());
  }

  get(name: string): T | undefined {
    const row = this.db.prepare(`SELECT record FROM ${this.table} WHERE name = ?`).get(name) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as T) : undefined;
  }

  /** Every record, by name. */
  list(): T[] {
    return (this.db.prepare(`SELECT record FROM ${this.table} ORDER BY name`).all() as { record: string }[]).map((row) => JSON.parse(row.record) as T);
  }

  /** Removes a record; removing a missing one is not an error. */
  delete(name: string): void {
    this.db.prepare(`DELETE FROM ${this.table} WHERE name = ?`).run(name);
  }
}
