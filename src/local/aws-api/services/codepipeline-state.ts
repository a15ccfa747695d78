// GetPipelineState from the execution records and the engine of the `up` that answers: per stage
// the latest execution that reached it (status and type), the executions waiting at its inbound
// transition and whether that transition is enabled (with the reason, who changed it and when),
// its conditions as last checked; per action its latest run (status, summary, the build it ran,
// its error, a waiting approval's token and who answered it), as the CodePipeline API reference
// shapes it.
import type { ActionExecution, ConditionRecord, PipelineExecution, StoredPipeline } from '../../pipeline/index.js';
import type { ApiContext } from '../handler.js';

/** A stage's status in one execution, from its actions' statuses, for records kept before stage statuses were. */
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
    ...(latest.output.outputVariables.CommitId ? { currentRevision: {
      revisionId: latest.output.outputVariables.CommitId, revisionChangeId: latest.output.outputVariables.CommitId,
      created: new Date(latest.lastUpdateTime),
    } } : {}),
    latestExecution: {
      actionExecutionId: latest.actionExecutionId, status: latest.status, lastStatusChange: new Date(latest.lastUpdateTime),
      ...(result?.externalExecutionSummary ? { summary: result.externalExecutionSummary } : {}),
      ...(result?.externalExecutionId ? { externalExecutionId: result.externalExecutionId } : {}),
      ...(result?.externalExecutionUrl ? { externalExecutionUrl: result.externalExecutionUrl } : {}),
      ...(result?.errorDetails ? { errorDetails: result.errorDetails } : {}),
      ...(latest.status === 'InProgress' && latest.token ? { token: latest.token } : {}),
      ...(latest.lastUpdatedBy ? { lastUpdatedBy: latest.lastUpdatedBy } : {}),
    },
  };
}

/** StageConditionState of one kind of condition, as last checked. */
function conditionState(record: ConditionRecord | undefined): Record<string, unknown> | undefined {
  if (!record) return undefined;
  const lastStatusChange = new Date(record.time);
  return {
    latestExecution: { status: record.status, summary: record.summary },
    conditionStates: [{
      latestExecution: { status: record.status, summary: record.summary, lastStatusChange },
      ruleStates: record.rules.map((rule) => ({ ruleName: rule.ruleName, latestExecution: { status: rule.status, summary: rule.summary, lastStatusChange } })),
    }],
  };
}

function stageState(
  ctx: ApiContext, stored: StoredPipeline, stageName: string, runs: ActionExecution[], executions: PipelineExecution[],
): Record<string, unknown> {
  const latest = executions.find((execution) => execution.stages?.[stageName] !== undefined);
  const latestId = latest?.pipelineExecutionId ?? runs.find((run) => run.stageName === stageName)?.pipelineExecutionId;
  const inLatest = runs.filter((run) => run.stageName === stageName && run.pipelineExecutionId === latestId);
  const type = executions.find((execution) => execution.pipelineExecutionId === latestId)?.executionType ?? 'STANDARD';
  const { transition, waiting } = ctx.engine.inbound(stored.pipeline.name, stageName);
  const inbound = waiting.map((pipelineExecutionId) => ({ pipelineExecutionId, status: 'InProgress', type: 'STANDARD' }));
  const conditions = latest?.conditions?.[stageName];
  return {
    stageName,
    ...(inbound.length > 0 ? { inboundExecution: inbound[0], inboundExecutions: inbound } : {}),
    inboundTransitionState: { ...transition, ...(transition.lastChangedAt ? { lastChangedAt: new Date(transition.lastChangedAt) } : {}) },
    actionStates: stored.pipeline.stages.find((stage) => stage.name === stageName)!.actions.map((action) => actionState(
      action.name, inLatest.find((run) => run.actionName === action.name),
    )),
    ...(latestId ? { latestExecution: { pipelineExecutionId: latestId, status: latest?.stages?.[stageName] ?? stageStatus(inLatest), type } } : {}),
    ...Object.fromEntries((['beforeEntry', 'onSuccess', 'onFailure'] as const).flatMap((kind) => (conditions?.[kind] ? [[`${kind}ConditionState`, conditionState(conditions[kind])]] : []))),
  };
}

/** GetPipelineState's answer for one pipeline. */
export function pipelineState(ctx: ApiContext, stored: StoredPipeline): Record<string, unknown> {
  // Newest first: the first run found for a stage or an action is its latest.
  const runs = ctx.account.executions.actions({ pipelineName: stored.pipeline.name });
  const executions = ctx.account.executions.list({ pipelineName: stored.pipeline.name, limit: 200 });
  return {
    pipelineName: stored.pipeline.name,
    pipelineVersion: stored.version,
    stageStates: stored.pipeline.stages.map((stage) => stageState(ctx, stored, stage.name, runs, executions)),
    created: new Date(stored.metadata.created),
    updated: new Date(stored.metadata.updated),
  };
}
