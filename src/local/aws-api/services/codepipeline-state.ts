// GetPipelineState from the execution records: per stage the latest execution that reached it
// and its status, per action its latest run (status, summary, the build it ran, its error), and
// whether the stage's inbound transition is enabled, as the CodePipeline API reference shapes it.
import type { ActionExecution, StoredPipeline } from '../../pipeline/index.js';
import type { ApiContext } from '../handler.js';

/** A stage's status in one execution, from its actions' statuses (StageExecution.status). */
function stageStatus(actions: ActionExecution[]): string {
  if (actions.some((action) => action.status === 'InProgress')) return 'InProgress';
  if (actions.some((action) => action.status === 'Failed')) return 'Failed';
  if (actions.some((action) => action.status === 'Abandoned')) return 'Stopped';
  return 'Succeeded';
}

function actionState(name: string, latest: ActionExecution | undefined): Record<string, unknown> {
  if (!latest) return { actionName: name };
  const result = latest.output.executionResult;
  return {
    actionName: name,
    // A source action's current revision: the commit, its change id the commit too (as for Git sources on AWS).
    ...(latest.output.outputVariables.CommitId ? { currentRevision: { revisionId: latest.output.outputVariables.CommitId, revisionChangeId: latest.output.outputVariables.CommitId, created: new Date(latest.lastUpdateTime) } } : {}),
    latestExecution: {
      actionExecutionId: latest.actionExecutionId, status: latest.status, lastStatusChange: new Date(latest.lastUpdateTime),
      ...(result?.externalExecutionSummary ? { summary: result.externalExecutionSummary } : {}),
      ...(result?.externalExecutionId ? { externalExecutionId: result.externalExecutionId } : {}),
      ...(result?.externalExecutionUrl ? { externalExecutionUrl: result.externalExecutionUrl } : {}),
      ...(result?.errorDetails ? { errorDetails: result.errorDetails } : {}),
    },
  };
}

/** GetPipelineState's answer for one pipeline. */
export function pipelineState(ctx: ApiContext, stored: StoredPipeline): Record<string, unknown> {
  const disabled = new Map(stored.pipeline.disableInboundStageTransitions.map((entry) => [entry.stageName, entry.reason]));
  // Newest first: the first run found for a stage or an action is its latest.
  const runs = ctx.account.executions.actions({ pipelineName: stored.pipeline.name });
  return {
    pipelineName: stored.pipeline.name,
    pipelineVersion: stored.version,
    stageStates: stored.pipeline.stages.map((stage) => {
      const latestId = runs.find((run) => run.stageName === stage.name)?.pipelineExecutionId;
      const inLatest = runs.filter((run) => run.stageName === stage.name && run.pipelineExecutionId === latestId);
      return {
        stageName: stage.name,
        inboundTransitionState: disabled.has(stage.name) ? { enabled: false, disabledReason: disabled.get(stage.name) } : { enabled: true },
        actionStates: stage.actions.map((action) => actionState(action.name, inLatest.find((run) => run.actionName === action.name))),
        ...(latestId ? { latestExecution: { pipelineExecutionId: latestId, status: stageStatus(inLatest) } } : {}),
      };
    }),
    created: new Date(stored.metadata.created),
    updated: new Date(stored.metadata.updated),
  };
}
