// Runs one pipeline execution (CodePipeline's execution rules, aws-semantics §2): stages in
// order, each entered through its stage lock and inbound transition (stage-pass.ts); a stage that
// fails ends the execution there, a stop ends it Stopped, and a newer execution may supersede it
// while it waits between stages. A retried execution (RetryStageExecution) resumes at the retried
// stage with the artifacts and variables it had; a rollback execution runs its one stage. Every
// step is recorded (execution-store.ts) and reported (events.ts) as it happens.
import type { Reporter } from '../../reporter.js';
import type { ActionRunner, PipelineServices } from './action-run.js';
import type { ApprovalBoard } from './approvals.js';
import { StopRequested, type ExecutionControl } from './execution-control.js';
import type { PipelineEvent } from './events.js';
import type { PipelineExecution } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import type { ActionDeclaration, StoredPipeline } from './model.js';
import { passStage } from './stage-pass.js';
import type { RetryMode } from './stage-run.js';
import { Superseded, type StageLocks } from './stage-locks.js';

/** What one execution runs with. */
export interface ExecutionContext {
  services: PipelineServices;
  store: ExecutionStore;
  locks: StageLocks;
  runners: (action: ActionDeclaration) => ActionRunner | undefined;
  reporter: Reporter<PipelineEvent>;
  /** Where actions get folders of their own. */
  workRoot: string;
  /** The commit each source action is to take (a push, StartPipelineExecution's sourceRevisions, or a retried execution's own). */
  revisions: Record<string, string>;
  control: ExecutionControl;
  approvals: ApprovalBoard;
  /** Whether executions may pass into a stage now (its transitions), and why not. */
  passable(stageName: string): { open: boolean; reason?: string };
  /** Starts the execution rolling `stageName` back after `failed` failed there (a ROLLBACK condition result); says what happened. */
  rollback(stageName: string, failed: PipelineExecution): string;
}

/** Where a resumed execution starts: a retried stage, or the one stage a rollback runs. */
export interface ResumePoint {
  stageName: string;
  retryMode: RetryMode;
  /** Run this stage only (a rollback execution). */
  only?: boolean;
}

/** Runs `execution` of `stored` to its end (from `resume` when given) and returns it as it ended. */
export async function runExecution(
  ctx: ExecutionContext, stored: StoredPipeline, execution: PipelineExecution, resume?: ResumePoint,
): Promise<PipelineExecution> {
  const ids = { pipelineName: execution.pipelineName, pipelineExecutionId: execution.pipelineExecutionId };
  if (resume && !resume.only) ctx.reporter.emit({ type: 'execution.resumed', ...ids, stageName: resume.stageName, retryMode: resume.retryMode });
  else ctx.reporter.emit({ type: 'execution.started', ...ids, trigger: execution.trigger });
  const stages = stored.pipeline.stages;
  const first = resume ? stages.findIndex((stage) => stage.name === resume.stageName) : 0;
  try {
    for (let index = first; index < stages.length; index += 1) {
      const outcome = await passStage(ctx, stored, execution, stages[index]!, index === first ? resume : undefined);
      if (outcome.status === 'Stopped' || (ctx.control.stopping && (outcome.status === 'Failed' || index < stages.length - 1))) return finish(ctx, execution, 'Stopped', ctx.control.reason);
      if (outcome.status === 'Failed') return finish(ctx, execution, 'Failed', outcome.summary ?? `Stage ${stages[index]!.name} failed`);
      if (resume?.only) break;
    }
    return finish(ctx, execution, 'Succeeded');
  } catch (error) {
    if (error instanceof Superseded) return finish(ctx, execution, 'Superseded', `Superseded by execution ${error.by}`);
    if (error instanceof StopRequested) return finish(ctx, execution, 'Stopped', error.reason);
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
