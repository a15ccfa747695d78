// One execution's pass through one stage: it waits at the stage's inbound transition and lock
// (stage-locks.ts; a disabled transition holds it), checks the stage's BeforeEntry conditions, runs
// the actions, and on failure or success applies the stage's OnFailure and OnSuccess conditions
// (stage-conditions.ts): an automatic retry runs the stage once more with the configured retry mode,
// a rollback starts a ROLLBACK execution before the lock is let go. A ROLLBACK execution applies
// no conditions of its own (AWS does not roll back to, or from, a rollback).
import type { ConditionKind, ConditionRecord, PipelineExecution, StageStatus } from './execution-model.js';
import type { ExecutionContext, ResumePoint } from './execution-runner.js';
import type { StageDeclaration, StoredPipeline } from './model.js';
import { checkCondition, stageConditions, type StageCondition } from './stage-conditions.js';
import { runStage } from './stage-run.js';

/** How a stage ended, with why where it failed for another reason than a failed action. */
export interface StageOutcome {
  status: StageStatus;
  summary?: string;
}

/** Takes `execution` through `stage` (resumed there when `resume` is given). */
export async function passStage(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, resume?: ResumePoint,
): Promise<StageOutcome> {
  const ids = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, stageName: stage.name };
  const passable = ctx.passable(stage.name);
  if (!resume && !passable.open) ctx.reporter.emit({ type: 'stage.waiting', ...ids, reason: passable.reason });
  await (resume ? ctx.locks.reenter(stage.name, ids.pipelineExecutionId) : ctx.locks.enter(stage.name, ids.pipelineExecutionId));
  try {
    setStage(ctx, execution, stage.name, 'InProgress');
    ctx.reporter.emit({ type: 'stage.started', ...ids });
    const outcome = ctx.control.stopping ? { status: 'Stopped' as const } : await stageOutcome(ctx, stored, execution, stage, resume);
    setStage(ctx, execution, stage.name, outcome.status);
    ctx.reporter.emit({ type: 'stage.finished', ...ids, status: outcome.status });
    return outcome;
  } finally {
    ctx.locks.leave(stage.name, ids.pipelineExecutionId);
  }
}

function setStage(ctx: ExecutionContext, execution: PipelineExecution, stageName: string, status: StageStatus): void {
  execution.stages = { ...execution.stages, [stageName]: status };
  execution.lastUpdateTime = new Date().toISOString();
  ctx.store.save(execution);
}

async function stageOutcome(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, stage: StageDeclaration, resume?: ResumePoint,
): Promise<StageOutcome> {
  const conditions = execution.executionType === 'ROLLBACK' ? { beforeEntry: [], onSuccess: [], onFailure: undefined } : stageConditions(stage);
  const unmet = resume ? undefined : check(ctx, execution, stage, 'beforeEntry', conditions.beforeEntry);
  if (unmet?.record.status === 'Failed' && unmet.condition.result === 'SKIP') return { status: 'Skipped' };
  if (unmet) return { status: 'Failed', summary: `Stage ${stage.name} failed: its BeforeEntry condition was not met (${unmet.record.summary})` };
  let status = await runStage(ctx, stored, execution, stage, resume?.retryMode);
  const onFailure = conditions.onFailure;
  if (status === 'Failed' && onFailure && !ctx.control.stopping) {
    // With conditions, the result engages only when they are met.
    const blocked = check(ctx, execution, stage, 'onFailure', onFailure.conditions);
    if (blocked) return { status, summary: `Stage ${stage.name} failed; its OnFailure ${onFailure.result ?? ''} did not engage (${blocked.record.summary})` };
    if (onFailure.result === 'ROLLBACK') return { status, summary: `Stage ${stage.name} failed; ${ctx.rollback(stage.name, execution)}` };
    if (onFailure.result === 'RETRY') {
      say(ctx, execution, stage, `stage ${stage.name} failed: retrying it once (${onFailure.retryMode})`);
      status = await runStage(ctx, stored, execution, stage, onFailure.retryMode);
      if (status === 'Failed') return { status, summary: `Stage ${stage.name} failed, and again on its automatic retry` };
    }
  }
  if (status !== 'Succeeded') return { status };
  const failed = check(ctx, execution, stage, 'onSuccess', conditions.onSuccess);
  if (!failed) return { status };
  const why = `its OnSuccess condition was not met (${failed.record.summary})`;
  if (failed.record.status === 'Failed' && failed.condition.result === 'ROLLBACK') return { status: 'Failed', summary: `Stage ${stage.name} failed: ${why}; ${ctx.rollback(stage.name, execution)}` };
  return { status: 'Failed', summary: `Stage ${stage.name} failed: ${why}` };
}

/** Checks conditions in order, records and reports each; the first one not met, if any. */
function check(
  ctx: ExecutionContext, execution: PipelineExecution, stage: StageDeclaration, kind: ConditionKind, conditions: StageCondition[],
): { condition: StageCondition; record: ConditionRecord } | undefined {
  for (const condition of conditions) {
    const record = checkCondition(condition, execution);
    execution.conditions = { ...execution.conditions, [stage.name]: { ...execution.conditions?.[stage.name], [kind]: record } };
    ctx.store.save(execution);
    ctx.reporter.emit({ type: 'condition.checked', pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, stageName: stage.name, kind, status: record.status, result: condition.result, summary: record.summary });
    if (record.status !== 'Succeeded') return { condition, record };
  }
  return undefined;
}

function say(ctx: ExecutionContext, execution: PipelineExecution, stage: StageDeclaration, text: string): void {
  ctx.reporter.emit({ type: 'action.message', pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId, actionName: stage.name, text });
}
