// Which stages may be retried (CodePipeline RetryStageExecution, "Retry a failed stage or failed
// actions"): only a stage that failed (or was stopped) in a Failed or Stopped execution, of the
// pipeline structure the execution ran with (StageNotRetryableException), and only while no newer
// execution has entered that stage: "another execution enters the failed stage and supersedes
// the failed execution; at this point the failed execution cannot be retried"
// (NotLatestPipelineExecutionException). PARALLEL executions are independent of one another, so
// there a newer execution does not stand in the way.
import { SlipwayError } from '../../errors.js';
import type { PipelineExecution, StageStatus } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import type { StoredPipeline } from './model.js';

/** How a stage ended in an execution; from its actions for records kept before stage statuses were. */
export function stageStatusIn(store: ExecutionStore, execution: PipelineExecution, stageName: string): StageStatus | undefined {
  const recorded = execution.stages?.[stageName];
  if (recorded) return recorded;
  const runs = store.actions({ pipelineExecutionId: execution.pipelineExecutionId }).filter((run) => run.stageName === stageName);
  if (runs.length === 0) return undefined;
  if (runs.some((run) => run.status === 'Failed')) return 'Failed';
  return runs.some((run) => run.status === 'Abandoned') ? 'Stopped' : 'Succeeded';
}

/** Throws AWS's error when `stageName` of `execution` may not be retried now. */
export function refuseRetry(store: ExecutionStore, stored: StoredPipeline, execution: PipelineExecution, stageName: string): void {
  const not = (why: string) => new SlipwayError('StageNotRetryableException', `Stage ${stageName} of execution ${execution.pipelineExecutionId} cannot be retried: ${why}`, { kind: 'failed' });
  if (!stored.pipeline.stages.some((stage) => stage.name === stageName)) throw new SlipwayError('StageNotFoundException', `Stage ${stageName} does not exist in pipeline ${stored.pipeline.name} (its stages: ${stored.pipeline.stages.map((stage) => stage.name).join(', ')})`);
  if (execution.status !== 'Failed' && execution.status !== 'Stopped') throw not(`the execution is ${execution.status}; only a Failed or Stopped execution can be retried`);
  if (execution.pipelineVersion !== stored.version) throw not(`the pipeline's structure changed since (version ${execution.pipelineVersion} then, ${stored.version} now)`);
  const status = stageStatusIn(store, execution, stageName);
  if (status !== 'Failed' && status !== 'Stopped') throw not(status ? `the stage is ${status}, not failed` : 'the execution never reached it');
  if (stored.pipeline.executionMode === 'PARALLEL') return;
  const newer = store.newerThan(execution).find((other) => stageStatusIn(store, other, stageName) !== undefined);
  if (newer) {
    throw new SlipwayError('NotLatestPipelineExecutionException', `Execution ${newer.pipelineExecutionId} has entered stage ${stageName} since execution ${execution.pipelineExecutionId} failed there, so only the latest can be retried`, { kind: 'failed' });
  }
}
