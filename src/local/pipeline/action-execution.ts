// One action of an execution (CodePipeline ActionExecution): its configuration resolved, its input
// artifacts found, its provider's runner called, and every step recorded and reported. An action
// still running when its execution is abandoned ends Abandoned. What a succeeded action made
// (artifacts, variables, the source revision) replaces what the same action made before in this
// execution, as a retried stage "overrides output artifacts of previously successful actions".
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_PROVIDERS } from './action-providers.js';
import { failed, type ActionOutcome } from './action-run.js';
import type { ActionExecution, PipelineExecution } from './execution-model.js';
import type { ExecutionContext } from './execution-runner.js';
import type { ActionDeclaration, StageDeclaration, StoredPipeline } from './model.js';
import { resolveConfiguration } from './variables.js';

/** Runs one action to its end and records it. */
export async function runAction(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, action: ActionDeclaration,
): Promise<ActionOutcome> {
  const record = startRecord(ctx, stored, execution, stage, action);
  const base = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, actionName: action.name };
  ctx.reporter.emit({ type: 'action.started', ...base, stageName: stage.name, provider: `${action.actionTypeId.owner}/${action.actionTypeId.provider}` });
  const workDir = join(ctx.workRoot, execution.pipelineExecutionId, stage.name, action.name);
  const outcome = await attemptAction(ctx, stored, execution, action, record, workDir, (text) => ctx.reporter.emit({ type: 'action.message', ...base, text }));
  await rm(workDir, { recursive: true, force: true });
  recordOutcome(ctx, execution, action, record, outcome);
  ctx.reporter.emit({ type: 'action.finished', ...base, stageName: stage.name, status: record.status, summary: outcome.executionResult?.errorDetails?.message ?? outcome.executionResult?.externalExecutionSummary });
  return { ...outcome, status: record.status === 'Succeeded' ? 'Succeeded' : 'Failed' };
}

async function attemptAction(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, action: ActionDeclaration, record: ActionExecution,
  workDir: string, say: (text: string) => void,
): Promise<ActionOutcome> {
  const runner = ctx.runners(action);
  const { owner, provider, category } = action.actionTypeId;
  if (!runner) return failed('ConfigurationError', `${category} actions of provider ${owner}/${provider} are not run locally yet (slipway runs ${LOCAL_PROVIDERS})`);
  const inputs = action.inputArtifacts.map((name) => execution.artifacts[name]).filter((input) => input !== undefined);
  if (inputs.length !== action.inputArtifacts.length) return failed('ConfigurationError', `an input artifact of ${action.name} was not produced: ${action.inputArtifacts.join(', ')}`);
  try {
    record.input.resolvedConfiguration = resolveConfiguration(action.configuration, {
      pipelineExecutionId: execution.pipelineExecutionId,
      pipelineVariables: Object.fromEntries(execution.variables.map((v) => [v.name, v.resolvedValue])),
      namespaces: execution.outputs,
    }, action.name);
  } catch (error) {
    return failed('ConfigurationError', (error as Error).message);
  }
  record.input.inputArtifacts = inputs;
  const bucket = stored.pipeline.artifactStore?.location ?? stored.pipeline.artifactStores?.[0]?.artifactStore.location ?? '';
  const progress = ({ token, ...result }: { externalExecutionId: string; token?: string }) => {
    record.output.executionResult = { ...record.output.executionResult, ...result };
    if (token) record.token = token;
    ctx.store.saveAction(record, execution.pipelineName);
  };
  return runner({
    services: ctx.services, pipeline: stored.pipeline, execution, action, configuration: record.input.resolvedConfiguration,
    inputs, revision: ctx.revisions[action.name], bucket, workDir,
    signal: ctx.control.signal, say, progress, approvals: ctx.approvals,
  });
}

function startRecord(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, action: ActionDeclaration,
): ActionExecution {
  const now = new Date().toISOString();
  const record: ActionExecution = {
    actionExecutionId: randomUUID(), pipelineExecutionId: execution.pipelineExecutionId, pipelineVersion: stored.version,
    stageName: stage.name, actionName: action.name,
    status: 'InProgress', startTime: now, lastUpdateTime: now,
    input: {
      actionTypeId: action.actionTypeId, configuration: action.configuration, resolvedConfiguration: {}, inputArtifacts: [],
      namespace: action.namespace,
    },
    output: { outputArtifacts: [], outputVariables: {} },
  };
  ctx.store.saveAction(record, execution.pipelineName);
  return record;
}

function recordOutcome(ctx: ExecutionContext, execution: PipelineExecution, action: ActionDeclaration, record: ActionExecution, outcome: ActionOutcome): void {
  const abandoned = ctx.control.signal.aborted && outcome.status !== 'Succeeded';
  Object.assign(record, {
    status: abandoned ? 'Abandoned' : outcome.status, token: undefined, lastUpdatedBy: outcome.lastUpdatedBy, lastUpdateTime: new Date().toISOString(),
    output: { outputArtifacts: outcome.outputArtifacts, outputVariables: outcome.outputVariables, executionResult: outcome.executionResult },
  });
  ctx.store.saveAction(record, execution.pipelineName);
  if (record.status !== 'Succeeded') return;
  for (const artifact of outcome.outputArtifacts) execution.artifacts[artifact.name] = artifact;
  // Every action's variables are kept; only a namespaced action's can be referenced (#{namespace.name}).
  if (action.namespace) execution.outputs[action.namespace] = outcome.outputVariables;
  if (outcome.sourceRevision) execution.sourceRevisions = [
    ...execution.sourceRevisions.filter((one) => one.actionName !== action.name), outcome.sourceRevision,
  ];
  execution.lastUpdateTime = record.lastUpdateTime;
  ctx.store.save(execution);
}
