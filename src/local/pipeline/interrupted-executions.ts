// Executions whose slipway process died (killed, or the machine stopped): the next engine or
// command to open the home ends each as Failed with a reason, with its unfinished actions (a
// waiting approval's token is dropped) and the stage it was in, so that the stage can be retried
// (RetryStageExecution). Each is taken by one caller only: the owner is cleared compare-and-set.
import type { StateDatabase } from '../state/index.js';
import { ownerIsAlive } from '../state/index.js';
import type { PipelineExecution, StageStatus } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';

const INTERRUPTED = 'The slipway process that ran this execution ended before it finished';

/** Ends the interrupted executions of the home; returns them as they were ended. */
export function endInterrupted(db: StateDatabase, store: ExecutionStore): PipelineExecution[] {
  const rows = db.prepare("SELECT id, owner FROM codepipeline_executions WHERE status IN ('InProgress', 'Stopping')").all() as { id: string; owner: string | null }[];
  const ended: PipelineExecution[] = [];
  for (const row of rows.filter((one) => one.owner === null || !ownerIsAlive(one.owner))) {
    if (db.prepare('UPDATE codepipeline_executions SET owner = NULL WHERE id = ? AND owner IS ?').run(row.id, row.owner).changes !== 1) continue;
    const execution = store.get(row.id)!;
    const now = new Date().toISOString();
    const stages = Object.fromEntries(Object.entries(execution.stages ?? {}).map(([stage, status]) => [stage, status === 'InProgress' || status === 'Stopping' ? 'Failed' : status])) as Record<string, StageStatus>;
    Object.assign(execution, { status: 'Failed', statusSummary: INTERRUPTED, lastUpdateTime: now, stages });
    store.save(execution);
    for (const action of store.actions({ pipelineExecutionId: execution.pipelineExecutionId }).filter((one) => one.status === 'InProgress')) {
      const executionResult = { ...action.output.executionResult, errorDetails: { code: 'JobFailed', message: INTERRUPTED } };
      store.saveAction({ ...action, status: 'Failed', token: undefined, lastUpdateTime: now, output: { ...action.output, executionResult } }, execution.pipelineName);
    }
    ended.push(execution);
  }
  return ended;
}
