// Where each branch and tag of a V2-triggered source action's repository stood when slipway last
// looked, kept in the home: a push is a ref whose commit differs from its position, so a push
// that came while slipway was down is found when it starts, and none is taken twice. The first
// look at an action takes the refs as they are: the pipeline's creation ran its first execution.
import type { Migration, StateDatabase } from '../state/index.js';

/** The table of ref positions. */
export const REF_POSITION_MIGRATIONS: Migration[] = [
  {
    id: 'pipeline-0101-trigger-refs',
    sql: 'CREATE TABLE codepipeline_trigger_refs (pipeline TEXT NOT NULL, action TEXT NOT NULL, ref TEXT NOT NULL, revision TEXT NOT NULL, PRIMARY KEY (pipeline, action, ref))',
  },
];

// The row that says the action's refs were looked at (an empty repository has no other row).
const SEEN = '';

/** Ref positions of one account's V2-triggered source actions. */
export class RefPositions {
  constructor(private readonly db: StateDatabase) {}

  /** The refs as last seen, or undefined when this action's refs were never looked at. */
  get(pipeline: string, action: string): Map<string, string> | undefined {
    const rows = this.db.prepare('SELECT ref, revision FROM codepipeline_trigger_refs WHERE pipeline = ? AND action = ?').all(pipeline, action) as { ref: string; revision: string }[];
    if (rows.length === 0) return undefined;
    return new Map(rows.filter((row) => row.ref !== SEEN).map((row) => [row.ref, row.revision]));
  }

  /** Records where one ref stands now (or that it is gone, with undefined). */
  set(pipeline: string, action: string, ref: string, revision: string | undefined): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO codepipeline_trigger_refs VALUES (?, ?, ?, ?)').run(pipeline, action, SEEN, SEEN);
      if (revision === undefined) this.db.prepare('DELETE FROM codepipeline_trigger_refs WHERE pipeline = ? AND action = ? AND ref = ?').run(pipeline, action, ref);
      else this.db.prepare('INSERT OR REPLACE INTO codepipeline_trigger_refs VALUES (?, ?, ?, ?)').run(pipeline, action, ref, revision);
    })();
  }

  /** Moves one ref from `from` (undefined: not recorded) to `to` unless another caller moved it first; true for the one that moved it. */
  claim(pipeline: string, action: string, ref: string, from: string | undefined, to: string): boolean {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT revision FROM codepipeline_trigger_refs WHERE pipeline = ? AND action = ? AND ref = ?').get(pipeline, action, ref) as { revision: string } | undefined;
      if (row?.revision !== from) return false;
      this.set(pipeline, action, ref, to);
      return true;
    }).immediate();
  }

  /** Takes the refs as they are now (the first look). */
  baseline(pipeline: string, action: string, refs: ReadonlyMap<string, string>): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO codepipeline_trigger_refs VALUES (?, ?, ?, ?)').run(pipeline, action, SEEN, SEEN);
      for (const [ref, revision] of refs) this.set(pipeline, action, ref, revision);
    })();
  }

  /** Forgets a pipeline's positions (it was deleted). */
  forget(pipeline: string): void {
    this.db.prepare('DELETE FROM codepipeline_trigger_refs WHERE pipeline = ?').run(pipeline);
  }
}
