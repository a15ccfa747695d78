// The local CodePipeline engine: it runs executions (execution-engine.ts) and controls them as
// CodePipeline's operations do: StopPipelineExecution (stop and wait, or abandon),
// RetryStageExecution (the failed execution resumes under the same id, with its own artifacts,
// variables and source revisions), PutApprovalResult, and Disable/EnableStageTransition. An
// execution can be stopped, and a manual approval answered, only by the engine that runs it; the
// CLI and the dashboard reach the engine of the running `slipway up`.
import { SlipwayError } from '../../errors.js';
import type { ApprovalResultInput } from './approvals.js';
import type { StopOptions } from './execution-control.js';
import { ExecutionEngine } from './execution-engine.js';
import type { PipelineExecution } from './execution-model.js';
import { refuseRetry } from './stage-retry.js';
import type { RetryMode } from './stage-run.js';
import type { TransitionState, TransitionType } from './stage-transitions.js';

export type { PipelineEngineOptions, StartInput } from './execution-engine.js';

/** A transition change (DisableStageTransition / EnableStageTransition). */
export interface TransitionChange {
  enabled: boolean;
  /** Default Inbound. */
  transitionType?: TransitionType;
  /** Why it is disabled (required to disable, at most 300 characters). */
  reason?: string;
  /** Who changes it (the caller's ARN), shown as lastChangedBy. */
  by?: string;
}

/** Runs and controls the executions of one account's pipelines in this process. */
export class PipelineEngine extends ExecutionEngine {
  /** StopPipelineExecution: the execution is Stopping when this returns, and Stopped once its actions are done or abandoned. */
  stop(pipelineName: string, pipelineExecutionId: string, options: StopOptions = {}): PipelineExecution {
    const execution = this.executionOf(pipelineName, pipelineExecutionId);
    if (execution.status !== 'InProgress' && execution.status !== 'Stopping') {
      throw new SlipwayError('PipelineExecutionNotStoppableException', `Unable to stop pipeline execution ${pipelineExecutionId}: it is ${execution.status}, no longer in progress`, { kind: 'failed' });
    }
    const running = this.running.get(pipelineExecutionId);
    if (!running) throw elsewhere(pipelineExecutionId, 'stop');
    running.control.stop(options);
    return running.control.execution;
  }

  /** RetryStageExecution: resumes a failed (or stopped) execution at `stageName`; returns it InProgress. */
  retry(pipelineName: string, pipelineExecutionId: string, stageName: string, retryMode: RetryMode): PipelineExecution {
    const stored = this.options.pipelines.require(pipelineName);
    const execution = this.executionOf(pipelineName, pipelineExecutionId);
    if (this.running.has(pipelineExecutionId)) throw new SlipwayError('ConflictException', `Execution ${pipelineExecutionId} is already running; wait for it to end before retrying a stage`);
    refuseRetry(this.options.store, stored, execution, stageName);
    if (!this.options.store.claim(execution, this.options.owner)) throw new SlipwayError('ConflictException', `Execution ${pipelineExecutionId} was just taken by another retry`);
    Object.assign(execution, { status: 'InProgress', statusSummary: undefined, lastUpdateTime: new Date().toISOString() });
    this.options.store.save(execution);
    // The same source revisions: a retry resumes the execution, it does not take new commits.
    const revisions = Object.fromEntries(execution.sourceRevisions.map((revision) => [revision.actionName, revision.revisionId]));
    this.launch(stored, execution, revisions, { stageName, retryMode });
    return execution;
  }

  /** PutApprovalResult: answers a manual approval waiting in an execution this engine runs. */
  putApprovalResult(input: ApprovalResultInput): { approvedAt: Date } {
    return this.approvals.answer(this.options.store, this.options.pipelines.require(input.pipelineName), input);
  }

  /** DisableStageTransition / EnableStageTransition: held executions enter once it is enabled again. */
  setTransition(pipelineName: string, stageName: string, change: TransitionChange): void {
    const stages = this.options.pipelines.require(pipelineName).pipeline.stages;
    const index = stages.findIndex((stage) => stage.name === stageName);
    if (index < 0) throw new SlipwayError('StageNotFoundException', `Stage ${stageName} does not exist in pipeline ${pipelineName} (its stages: ${stages.map((stage) => stage.name).join(', ')})`);
    const type = change.transitionType ?? 'Inbound';
    if ((type === 'Inbound' && index === 0) || (type === 'Outbound' && index === stages.length - 1)) {
      throw new SlipwayError('ValidationException', `Stage ${stageName} has no ${type.toLowerCase()} transition: it is the ${index === 0 ? 'first' : 'last'} stage of pipeline ${pipelineName}`);
    }
    if (!change.enabled && !change.reason) throw new SlipwayError('ValidationException', 'A reason is required to disable a transition');
    this.options.store.transitions.set(pipelineName, stageName, type, change);
    this.gates.refresh();
  }

  /** A stage's inbound transition and the executions waiting at it, oldest first (GetPipelineState's inbound fields). */
  inbound(pipelineName: string, stageName: string): { transition: TransitionState; waiting: string[] } {
    const stored = this.options.pipelines.require(pipelineName);
    return {
      transition: this.options.store.transitions.state(stored.pipeline, stageName),
      waiting: this.gates.existing(pipelineName)?.state(stageName).waiting ?? [],
    };
  }

  private executionOf(pipelineName: string, pipelineExecutionId: string): PipelineExecution {
    const execution = this.running.get(pipelineExecutionId)?.control.execution ?? this.options.store.get(pipelineExecutionId);
    if (!execution || execution.pipelineName !== pipelineName) throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution with ID ${pipelineExecutionId} does not exist for pipeline ${pipelineName}`);
    return execution;
  }
}

/** The error for an execution another process runs: only that process can stop it or answer its approvals. */
function elsewhere(pipelineExecutionId: string, what: string): SlipwayError {
  return new SlipwayError('PipelineExecutionNotStoppableException', `Execution ${pipelineExecutionId} is run by another slipway process, and only the process running an execution can ${what} it`, {
    hint: 'run executions in `slipway up` to control them from other commands, or press Ctrl-C in the `slipway start` that runs it',
  });
}
