// Stage rollback on a condition's ROLLBACK result (CodePipeline "Configuring stage rollback"): a
// new execution of type ROLLBACK runs the stage again with "the variables and artifacts from the
// execution to which it is rolling back", the most recent STANDARD execution that succeeded in the
// stage and was started with the current pipeline structure. There is none to roll back to before
// a first success; source stages and PARALLEL pipelines are never rolled back.
import { randomUUID } from 'node:crypto';
import type { PipelineExecution } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import type { StoredPipeline } from './model.js';

/** The ROLLBACK execution for `stageName` after `failed` failed there, or why there is none. */
export function rollbackExecution(
  store: ExecutionStore, stored: StoredPipeline, stageName: string, failed: PipelineExecution,
): { execution?: PipelineExecution; message: string } {
  if (stored.pipeline.executionMode === 'PARALLEL') return { message: 'PARALLEL pipelines do not roll back' };
  if (stored.pipeline.stages[0]?.name === stageName) return { message: 'a source stage is not rolled back' };
  const target = store.list({ pipelineName: stored.pipeline.name }).find((one) => one.pipelineExecutionId !== failed.pipelineExecutionId
    && (one.executionType ?? 'STANDARD') === 'STANDARD' && one.pipelineVersion === stored.version && one.stages?.[stageName] === 'Succeeded');
  if (!target) return { message: `no earlier execution of this pipeline version succeeded in stage ${stageName}, so there was nothing to roll back to` };
  const now = new Date().toISOString();
  const execution: PipelineExecution = {
    pipelineExecutionId: randomUUID(), pipelineName: stored.pipeline.name, pipelineVersion: stored.version, status: 'InProgress', executionMode: stored.pipeline.executionMode,
    trigger: { triggerType: 'AutomatedRollback', triggerDetail: failed.pipelineExecutionId }, sourceRevisions: target.sourceRevisions, variables: target.variables,
    artifacts: structuredClone(target.artifacts), outputs: structuredClone(target.outputs), startTime: now, lastUpdateTime: now, stages: {},
    executionType: 'ROLLBACK', rollbackMetadata: { rollbackTargetPipelineExecutionId: target.pipelineExecutionId },
  };
  return { execution, message: `rolled back to execution ${target.pipelineExecutionId} by execution ${execution.pipelineExecutionId}` };
}
