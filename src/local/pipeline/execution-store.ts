// The record of pipeline executions, their action executions, and the revision each source
// action last started an execution for (so that on a restart no commit is lost and none is built
// twice). An execution carries the process that runs it, so that an execution whose process was
// killed is recognised and ended by the next engine to start.
import type { Migration, ProcessOwner, StateDatabase } from '../state/index.js';
import type { ActionExecution, PipelineExecution } from './execution-model.js';
import { endInterrupted } from './interrupted-executions.js';
import { StageTransitions, TRANSITION_MIGRATIONS } from './stage-transitions.js';

/** The execution tables. */
export const EXECUTION_MIGRATIONS: Migration[] = [
  {
    id: 'pipeline-0002-executions',
    sql: `
      CREATE TABLE codepipeline_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, pipeline TEXT NOT NULL, status TEXT NOT NULL, owner TEXT, record TEXT NOT NULL);
      CREATE INDEX codepipeline_executions_by_pipeline ON codepipeline_executions (pipeline, seq);
      CREATE TABLE codepipeline_action_executions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, execution_id TEXT NOT NULL, pipeline TEXT NOT NULL, stage TEXT NOT NULL,
        action TEXT NOT NULL, status TEXT NOT NULL, record TEXT NOT NULL);
      CREATE INDEX codepipeline_action_executions_by_execution ON codepipeline_action_executions (execution_id, seq);
      CREATE INDEX codepipeline_action_executions_by_pipeline ON codepipeline_action_executions (pipeline, seq);
      CREATE TABLE codepipeline_source_positions (pipeline TEXT NOT NULL, action TEXT NOT NULL, revision TEXT NOT NULL, PRIMARY KEY (pipeline, action));`,
  },
  ...TRANSITION_MIGRATIONS,
];

/** Executions of one account. */
export class ExecutionStore {
  /** Stage transitions set by DisableStageTransition and EnableStageTransition. */
  readonly transitions: StageTransitions;

  constructor(private readonly db: StateDatabase) {
    this.transitions = new StageTransitions(db);
  }

  /** Records a new execution, run by `owner`. */
  insert(execution: PipelineExecution, owner: ProcessOwner): void {
    this.db.prepare('INSERT INTO codepipeline_executions (id, pipeline, status, owner, record) VALUES (?, ?, ?, ?, ?)')
      .run(execution.pipelineExecutionId, execution.pipelineName, execution.status, owner, JSON.stringify(execution));
  }

  /** Writes an execution's current state; an ended execution has no owner. */
  save(execution: PipelineExecution): void {
    const ended = execution.status !== 'InProgress' && execution.status !== 'Stopping';
    this.db.prepare(`UPDATE codepipeline_executions SET status = ?, record = ?${ended ? ', owner = NULL' : ''} WHERE id = ?`)
      .run(execution.status, JSON.stringify(execution), execution.pipelineExecutionId);
  }

  get(id: string): PipelineExecution | undefined {
    const row = this.db.prepare('SELECT record FROM codepipeline_executions WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as PipelineExecution) : undefined;
  }

  /** Executions, newest first; of one pipeline when it is named. */
  list(options: { pipelineName?: string; limit?: number } = {}): PipelineExecution[] {
    const where = options.pipelineName === undefined ? '' : 'WHERE pipeline = @pipeline';
    const rows = this.db.prepare(`SELECT record FROM codepipeline_executions ${where} ORDER BY seq DESC LIMIT @limit`).all({ pipeline: options.pipelineName, limit: options.limit ?? -1 });
    return (rows as { record: string }[]).map((row) => JSON.parse(row.record) as PipelineExecution);
  }

  /** Writes an action execution (new or changed). */
  saveAction(action: ActionExecution, pipelineName: string): void {
    this.db.prepare(`INSERT INTO codepipeline_action_executions (id, execution_id, pipeline, stage, action, status, record) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = excluded.status, record = excluded.record`)
      .run(action.actionExecutionId, action.pipelineExecutionId, pipelineName, action.stageName, action.actionName, action.status, JSON.stringify(action));
  }

  /** The action executions of one execution, or of a pipeline's executions, newest first (ListActionExecutions). */
  actions(filter: { pipelineExecutionId: string } | { pipelineName: string }): ActionExecution[] {
    const [column, value] = 'pipelineExecutionId' in filter ? ['execution_id', filter.pipelineExecutionId] : ['pipeline', filter.pipelineName];
    return (this.db.prepare(`SELECT record FROM codepipeline_action_executions WHERE ${column} = ? ORDER BY seq DESC`).all(value) as { record: string }[])
      .map((row) => JSON.parse(row.record) as ActionExecution);
  }

  /** The runs of one action of a pipeline, newest first (PutApprovalResult finds its token among them). */
  actionRuns(pipelineName: string, stageName: string, actionName: string, limit = 100): ActionExecution[] {
    return (this.db.prepare('SELECT record FROM codepipeline_action_executions WHERE pipeline = ? AND stage = ? AND action = ? ORDER BY seq DESC LIMIT ?').all(pipelineName, stageName, actionName, limit) as { record: string }[])
      .map((row) => JSON.parse(row.record) as ActionExecution);
  }

  /** The executions of the same pipeline started after `execution`, oldest first. */
  newerThan(execution: PipelineExecution): PipelineExecution[] {
    const rows = this.db.prepare('SELECT record FROM codepipeline_executions WHERE pipeline = ? AND seq > (SELECT seq FROM codepipeline_executions WHERE id = ?) ORDER BY seq')
      .all(execution.pipelineName, execution.pipelineExecutionId) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as PipelineExecution);
  }

  /**
   * Takes an ended (Failed or Stopped) execution back to run it on in `owner` (RetryStageExecution);
   * false when it is not ended or another caller took it first (compare-and-set).
   */
  claim(execution: PipelineExecution, owner: ProcessOwner): boolean {
    const taken = this.db.prepare("UPDATE codepipeline_executions SET owner = ?, status = 'InProgress' WHERE id = ? AND owner IS NULL AND status IN ('Failed', 'Stopped')")
      .run(owner, execution.pipelineExecutionId).changes === 1;
    if (taken) this.save({ ...execution, status: 'InProgress' });
    return taken;
  }

  /** The revision a source action last started an execution for. */
  position(pipelineName: string, actionName: string): string | undefined {
    const row = this.db.prepare('SELECT revision FROM codepipeline_source_positions WHERE pipeline = ? AND action = ?').get(pipelineName, actionName) as { revision: string } | undefined;
    return row?.revision;
  }

  /** Records the revision a source action started an execution for. */
  setPosition(pipelineName: string, actionName: string, revision: string): void {
    this.db.prepare('INSERT OR REPLACE INTO codepipeline_source_positions VALUES (?, ?, ?)').run(pipelineName, actionName, revision);
  }

  /**
   * Ends, as Failed, the executions still InProgress (or Stopping) whose process has ended, and
   * their unfinished actions and stages; each is taken by one caller only (interrupted-executions.ts).
   */
  endInterrupted(): PipelineExecution[] {
    return endInterrupted(this.db, this);
  }
}

