// CodePipeline's execution operations on the account's execution records: StartPipelineExecution
// (run by the engine of the `up` that answers), GetPipelineExecution, ListPipelineExecutions and
// ListActionExecutions (newest first, paged), as the CodePipeline API reference shapes them.
import { SlipwayError } from '../../../errors.js';
import type { ActionExecution, ArtifactLocation, PipelineExecution } from '../../pipeline/index.js';
import type { ApiContext, OperationHandler } from '../handler.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { callerIdentity } from './sts.js';

const NAME = { test: /^[A-Za-z0-9.@\-_]{1,100}$/, says: 'Member must satisfy regular expression pattern: [A-Za-z0-9.@\\-_]+ (at most 100 characters)' };
const EXECUTION_ID = { test: /^[0-9a-f-]{36}$/, says: 'Member must satisfy regular expression pattern: [0-9a-f-]{36}' };
const read = (input: Record<string, unknown>) => new OperationInput(input, 'ValidationException');
const invalidToken = () => new SlipwayError('InvalidNextTokenException', 'The next token was specified in an invalid format. Make sure that the next token you provide is the token returned by a previous call.');

function executionOf(ctx: ApiContext, pipelineName: string, id: string): PipelineExecution {
  const execution = ctx.account.executions.get(id);
  if (!execution || execution.pipelineName !== pipelineName) {
    throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution with ID ${id} does not exist for pipeline ${pipelineName}`);
  }
  return execution;
}

/** PipelineExecutionSummary. */
export function executionSummary(execution: PipelineExecution): Record<string, unknown> {
  const { pipelineExecutionId, status, statusSummary, startTime, lastUpdateTime, sourceRevisions, trigger, executionMode } = execution;
  return {
    pipelineExecutionId, status, ...(statusSummary ? { statusSummary } : {}), startTime: new Date(startTime),
    lastUpdateTime: new Date(lastUpdateTime), sourceRevisions, trigger, executionMode,
    executionType: execution.executionType ?? 'STANDARD', ...(execution.rollbackMetadata ? { rollbackMetadata: execution.rollbackMetadata } : {}),
    // StopPipelineExecution's reason.
    ...((status === 'Stopped' || status === 'Stopping') && statusSummary ? { stopTrigger: { reason: statusSummary } } : {}),
  };
}

const artifactShape = (artifact: ArtifactLocation) => ({ name: artifact.name, s3location: { bucket: artifact.bucket, key: artifact.key } });

/** ActionExecutionDetail. */
function actionShape(action: ActionExecution, region: string): Record<string, unknown> {
  const { input, output } = action;
  const text = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  return {
    pipelineExecutionId: action.pipelineExecutionId, actionExecutionId: action.actionExecutionId,
    pipelineVersion: action.pipelineVersion, stageName: action.stageName, actionName: action.actionName,
    startTime: new Date(action.startTime), lastUpdateTime: new Date(action.lastUpdateTime), status: action.status,
    input: {
      actionTypeId: input.actionTypeId, configuration: text(input.configuration),
      resolvedConfiguration: text(input.resolvedConfiguration), region, inputArtifacts: input.inputArtifacts.map(artifactShape),
      ...(input.namespace ? { namespace: input.namespace } : {})
    },
    output: {
      outputArtifacts: output.outputArtifacts.map(artifactShape),
      ...(output.executionResult ? { executionResult: output.executionResult } : {}), outputVariables: output.outputVariables,
    },
  };
}

/** The execution operations, by name. */
export const executionHandlers: Record<string, OperationHandler> = {
  StartPipelineExecution: async (input, ctx) => {
    const reader = read(input);
    const name = reader.string('name', NAME);
    const variables = Object.fromEntries(((reader.optionalList('variables', 50) ?? []) as { name: string; value: string }[]).map((variable) => [variable.name, variable.value]));
    const revisions = (reader.optionalList('sourceRevisions', 50) ?? []) as { actionName: string; revisionType: string; revisionValue: string }[];
    const unsupported = revisions.find((revision) => revision.revisionType !== 'COMMIT_ID');
    if (unsupported) throw new SlipwayError('ValidationException', `sourceRevisions of type ${unsupported.revisionType} are not supported locally (only COMMIT_ID)`);
    const started = await ctx.engine.start(name, {
      // As on AWS, the detail names who started it.
      trigger: { triggerType: 'StartPipelineExecution', triggerDetail: callerIdentity(ctx).Arn },
      variables, revisions: Object.fromEntries(revisions.map((revision) => [revision.actionName, revision.revisionValue])),
    });
    return { pipelineExecutionId: started.pipelineExecutionId };
  },
  GetPipelineExecution: (input, ctx) => {
    const reader = read(input);
    const name = reader.string('pipelineName', NAME);
    const actions = ctx.account.pipelines.require(name).pipeline.stages.flatMap((stage) => stage.actions);
    const execution = executionOf(ctx, name, reader.string('pipelineExecutionId', EXECUTION_ID));
    // ArtifactRevision names the source action's output artifact.
    const artifactOf = (actionName: string) => actions.find((action) => action.name === actionName)?.outputArtifacts[0] ?? actionName;
    const artifactRevisions = execution.sourceRevisions.map((revision) => ({
      name: artifactOf(revision.actionName), revisionId: revision.revisionId,
      ...(revision.revisionSummary ? { revisionSummary: revision.revisionSummary } : {})
    }));
    const { pipelineExecutionId, pipelineName, pipelineVersion, status, statusSummary, variables, trigger, executionMode } = execution;
    const rollback = execution.rollbackMetadata ? { rollbackMetadata: execution.rollbackMetadata } : {};
    return { pipelineExecution: { pipelineExecutionId, pipelineName, pipelineVersion, status, ...(statusSummary ? { statusSummary } : {}), artifactRevisions, variables, trigger, executionMode, executionType: execution.executionType ?? 'STANDARD', ...rollback } };
  },
  ListPipelineExecutions: (input, ctx) => {
    const reader = read(input);
    const name = reader.string('pipelineName', NAME);
    ctx.account.pipelines.require(name);
    const page = pageOf(ctx.account.executions.list({ pipelineName: name }), { keyOf: (execution) => execution.pipelineExecutionId, size: reader.optionalInteger('maxResults', 1, 100) ?? 100, token: reader.optionalString('nextToken'), invalidToken });
    return { pipelineExecutionSummaries: page.items.map(executionSummary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
  ListActionExecutions: (input, ctx) => {
    const reader = read(input);
    const name = reader.string('pipelineName', NAME);
    ctx.account.pipelines.require(name);
    const filterId = (input.filter as { pipelineExecutionId?: string } | undefined)?.pipelineExecutionId;
    if (filterId !== undefined) executionOf(ctx, name, filterId);
    const actions = ctx.account.executions.actions(filterId === undefined ? { pipelineName: name } : { pipelineExecutionId: filterId });
    const page = pageOf(actions, { keyOf: (action) => action.actionExecutionId, size: reader.optionalInteger('maxResults', 1, 100) ?? 100, token: reader.optionalString('nextToken'), invalidToken });
    return { actionExecutionDetails: page.items.map((action) => actionShape(action, ctx.region)), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
};
