// The journal of pipeline changes: each CreatePipeline, UpdatePipeline and DeletePipeline adds a
// row (with the pipeline as the change left it) in the same transaction as the change, whichever
// process made it. So the process that runs executions (`slipway up`) sees changes made by
// `slipway stack` or `slipway deploy` in another process, each once, in the order they were made.
import type { Migration, StateDatabase } from '../state/index.js';
import type { StoredPipeline } from './model.js';

/** The journal's table. */
export const PIPELINE_CHANGE_MIGRATIONS: Migration[] = [
  { id: 'pipeline-0004-changes', sql: 'CREATE TABLE codepipeline_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, record TEXT NOT NULL)' },
];

/** A change to a pipeline, for whoever runs pipelines. */
export interface PipelineChange {
  kind: 'created' | 'updated' | 'deleted';
  pipeline: StoredPipeline;
}

/** How many changes the journal keeps: far more than a reader polling every second falls behind by. */
const KEPT = 1000;

/** One reader's position in the journal: it reads each change once. */
export class PipelineChangeJournal {
  private seen: number;

  constructor(private readonly db: StateDatabase) {
    // A reader learns of changes made after it was made; what came before is the pipelines' state.
    this.seen = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM codepipeline_changes').get() as { seq: number }).seq;
  }

  /** Adds a change (call inside the transaction that makes it) and forgets the oldest beyond KEPT. */
  append(change: PipelineChange): void {
    const { lastInsertRowid } = this.db.prepare('INSERT INTO codepipeline_changes (kind, record) VALUES (?, ?)').run(change.kind, JSON.stringify(change.pipeline));
    this.db.prepare('DELETE FROM codepipeline_changes WHERE seq <= ?').run(Number(lastInsertRowid) - KEPT);
  }

  /** The changes this reader has not read yet, oldest first. */
  unread(): PipelineChange[] {
    const rows = this.db.prepare('SELECT seq, kind, record FROM codepipeline_changes WHERE seq > ? ORDER BY seq').all(this.seen) as { seq: number; kind: PipelineChange['kind']; record: string }[];
    this.seen = rows.at(-1)?.seq ?? this.seen;
    return rows.map((row) => ({ kind: row.kind, pipeline: JSON.parse(row.record) as StoredPipeline }));
  }
}
