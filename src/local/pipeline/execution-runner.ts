// Runs one pipeline execution (CodePipeline's execution rules, aws-semantics §2): stages in
// order, each entered through its stage lock (stage-locks.ts: an execution waiting at a locked
// stage may be superseded); in a stage, actions by RunOrder, those with equal RunOrder in
// parallel; a failed action fails its stage, which ends the execution there. Every step is
// recorded (execution-store.ts) and reported (events.ts) as it happens.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reporter } from '../../reporter.js';
import { LOCAL_PROVIDERS } from './action-providers.js';
import { failed, type ActionOutcome, type ActionRunner, type PipelineServices } from './action-run.js';
import type { PipelineEvent } from './events.js';
import type { ActionExecution, PipelineExecution } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import type { ActionDeclaration, StageDeclaration, StoredPipeline } from './model.js';
import { Superseded, type StageLocks } from './stage-locks.js';
import { resolveConfiguration } from './variables.js';

/** What one execution runs with. */
export interface ExecutionContext {
  services: PipelineServices;
  store: ExecutionStore;
  locks: StageLocks;
  runners: (action: ActionDeclaration) => ActionRunner | undefined;
  reporter: Reporter<PipelineEvent>;
  /** Where actions get folders of their own. */
  workRoot: string;
  /** The commit each source action is to take (a push, or StartPipelineExecution's sourceRevisions). */
  revisions: Record<string, string>;
  signal: AbortSignal;
}

/** Runs `execution` of `stored` to its end and returns it as it ended. */
export async function runExecution(ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution): Promise<PipelineExecution> {
  const event = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId };
  ctx.reporter.emit({ type: 'execution.started', ...event, trigger: execution.trigger });
  try {
    for (const stage of stored.pipeline.stages) {
      await ctx.locks.enter(stage.name, execution.pipelineExecutionId);
      const ok = await runStage(ctx, stored, execution, stage).finally(() => ctx.locks.leave(stage.name, execution.pipelineExecutionId));
      if (!ok) return finish(ctx, execution, ctx.signal.aborted ? 'Stopped' : 'Failed', ctx.signal.aborted ? 'Stopped' : `Stage ${stage.name} failed`);
    }
    return finish(ctx, execution, 'Succeeded');
  } catch (error) {
    if (error instanceof Superseded) return finish(ctx, execution, 'Superseded', `Superseded by execution ${error.by}`);
    finish(ctx, execution, 'Failed', `slipway could not run the execution: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

function finish(ctx: ExecutionContext, execution: PipelineExecution, status: PipelineExecution['status'], summary?: string): PipelineExecution {
  Object.assign(execution, { status, statusSummary: summary, lastUpdateTime: new Date().toISOString() });
  ctx.store.save(execution);
  ctx.reporter.emit({ type: 'execution.finished', pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, status, statusSummary: summary });
  return execution;
}

/** Runs a stage's actions by RunOrder; false when one failed (or the execution was stopped). */
async function runStage(ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration): Promise<boolean> {
  const event = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, stageName: stage.name };
  ctx.reporter.emit({ type: 'stage.started', ...event });
  const orders = [...new Set(stage.actions.map((action) => action.runOrder))].sort((a, b) => a - b);
  let ok = true;
  for (const order of orders) {
    const outcomes = await Promise.all(stage.actions.filter((action) => action.runOrder === order).map((action) => runAction(ctx, stored, execution, stage, action)));
    if (outcomes.some((outcome) => outcome.status !== 'Succeeded') || ctx.signal.aborted) {
      ok = false;
      break;
    }
  }
  ctx.reporter.emit({ type: 'stage.finished', ...event, status: ok ? 'Succeeded' : 'Failed' });
  return ok;
}

async function runAction(ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, action: ActionDeclaration): Promise<ActionOutcome> {
  const record = startRecord(ctx, stored, execution, stage, action);
  const base = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, actionName: action.name };
  ctx.reporter.emit({ type: 'action.started', ...base, stageName: stage.name, provider: `${action.actionTypeId.owner}/${action.actionTypeId.provider}` });
  const workDir = join(ctx.workRoot, execution.pipelineExecutionId, stage.name, action.name);
  const outcome = await attemptAction(ctx, stored, execution, action, record, workDir, (text) => ctx.reporter.emit({ type: 'action.message', ...base, text }));
  await rm(workDir, { recursive: true, force: true });
  recordOutcome(ctx, execution, action, record, outcome);
  ctx.reporter.emit({ type: 'action.finished', ...base, stageName: stage.name, status: record.status, summary: outcome.executionResult?.errorDetails?.message ?? outcome.executionResult?.externalExecutionSummary });
  return outcome;
}

async function attemptAction(ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, action: ActionDeclaration, record: ActionExecution, workDir: string, say: (text: string) => void): Promise<ActionOutcome> {
  const runner = ctx.runners(action);
  const { owner, provider, category } = action.actionTypeId;
  if (!runner) return failed('ConfigurationError', `${category} actions of provider ${owner}/${provider} are not run locally yet (slipway runs ${LOCAL_PROVIDERS})`);
  const inputs = action.inputArtifacts.map((name) => execution.artifacts[name]).filter((input) => input !== undefined);
  if (inputs.length !== action.inputArtifacts.length) return failed('ConfigurationError', `an input artifact of ${action.name} was not produced: ${action.inputArtifacts.join(', ')}`);
  try {
    record.input.resolvedConfiguration = resolveConfiguration(action.configuration, { pipelineExecutionId: execution.pipelineExecutionId, pipelineVariables: Object.fromEntries(execution.variables.map((v) => [v.name, v.resolvedValue])), namespaces: execution.outputs }, action.name);
  } catch (error) {
    return failed('ConfigurationError', (error as Error).message);
  }
  record.input.inputArtifacts = inputs;
  const bucket = stored.pipeline.artifactStore?.location ?? stored.pipeline.artifactStores?.[0]?.artifactStore.location ?? '';
  const progress = (result: { externalExecutionId: string }) => {
    record.output.executionResult = { ...record.output.executionResult, ...result };
    ctx.store.saveAction(record, execution.pipelineName);
  };
  return runner({ services: ctx.services, pipeline: stored.pipeline, execution, action, configuration: record.input.resolvedConfiguration, inputs, revision: ctx.revisions[action.name], bucket, workDir, signal: ctx.signal, say, progress });
}

function startRecord(ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, action: ActionDeclaration): ActionExecution {
  const now = new Date().toISOString();
  const record: ActionExecution = {
    actionExecutionId: randomUUID(), pipelineExecutionId: execution.pipelineExecutionId, pipelineVersion: stored.version, stageName: stage.name, actionName: action.name,
    status: 'InProgress', startTime: now, lastUpdateTime: now,
    input: { actionTypeId: action.actionTypeId, configuration: action.configuration, resolvedConfiguration: {}, inputArtifacts: [], namespace: action.namespace },
    output: { outputArtifacts: [], outputVariables: {} },
  };
  ctx.store.saveAction(record, execution.pipelineName);
  return record;
}

function recordOutcome(ctx: ExecutionContext, execution: PipelineExecution, action: ActionDeclaration, record: ActionExecution, outcome: ActionOutcome): void {
  const stopped = ctx.signal.aborted && outcome.status !== 'Succeeded';
  Object.assign(record, { status: stopped ? 'Abandoned' : outcome.status, lastUpdateTime: new Date().toISOString(), output: { outputArtifacts: outcome.outputArtifacts, outputVariables: outcome.outputVariables, executionResult: outcome.executionResult } });
  ctx.store.saveAction(record, execution.pipelineName);
  if (outcome.status !== 'Succeeded') return;
  for (const artifact of outcome.outputArtifacts) execution.artifacts[artifact.name] = artifact;
  // Every action's variables are kept; only a namespaced action's can be referenced (#{namespace.name}).
  if (action.namespace) execution.outputs[action.namespace] = outcome.outputVariables;
  if (outcome.sourceRevision) execution.sourceRevisions.push(outcome.sourceRevision);
  execution.lastUpdateTime = record.lastUpdateTime;
  ctx.store.save(execution);
}
