// The actions of one stage in one execution (CodePipeline's execution rules, aws-semantics §2): by
// RunOrder, those with equal RunOrder in parallel; a failed action fails the stage, and nothing of
// a higher RunOrder starts. Stopping starts nothing more: the stage ends Stopped once the actions
// in progress are done (stop and wait) or abandoned. A retry (RetryStageExecution) runs the whole
// stage again (ALL_ACTIONS) or only what did not succeed the last time (FAILED_ACTIONS: the
// failed, abandoned and never-started actions, in RunOrder).
import { runAction } from './action-execution.js';
import type { ExecutionContext } from './execution-runner.js';
import type { PipelineExecution, StageStatus } from './execution-model.js';
import type { ActionDeclaration, StageDeclaration, StoredPipeline } from './model.js';

/** How a stage is run again. */
export type RetryMode = 'FAILED_ACTIONS' | 'ALL_ACTIONS';

/** The stage's actions a run takes: all of them, or for FAILED_ACTIONS those that did not succeed in this execution. */
function actionsToRun(ctx: ExecutionContext, execution: PipelineExecution, stage: StageDeclaration, retryMode?: RetryMode): ActionDeclaration[] {
  if (retryMode !== 'FAILED_ACTIONS') return stage.actions;
  const runs = ctx.store.actions({ pipelineExecutionId: execution.pipelineExecutionId }).filter((run) => run.stageName === stage.name);
  // Newest first: the first run found for an action is its latest.
  return stage.actions.filter((action) => runs.find((run) => run.actionName === action.name)?.status !== 'Succeeded');
}

/** Runs a stage's actions by RunOrder and says how the stage ended: Succeeded, Failed or Stopped. */
export async function runStage(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, retryMode?: RetryMode,
): Promise<StageStatus> {
  const actions = actionsToRun(ctx, execution, stage, retryMode);
  const orders = [...new Set(actions.map((action) => action.runOrder))].sort((a, b) => a - b);
  for (const order of orders) {
    if (ctx.control.stopping) return 'Stopped';
    const outcomes = await Promise.all(actions.filter((action) => action.runOrder === order).map((action) => runAction(ctx, stored, execution, stage, action)));
    if (ctx.control.signal.aborted) return 'Stopped';
    if (outcomes.some((outcome) => outcome.status !== 'Succeeded')) return 'Failed';
  }
  return 'Succeeded';
}
