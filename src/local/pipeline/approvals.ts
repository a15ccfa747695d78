// Open manual approvals (CodePipeline PutApprovalResult): each waiting approval action has a token
// (GetPipelineState's actionStates[].latestExecution.token, and the externalExecutionId that
// PARALLEL pipelines answer with); an answer names the pipeline, stage, action and token. A token
// that is not the action's is InvalidApprovalTokenException; one already answered (or timed out,
// or abandoned) is ApprovalAlreadyCompletedException.
import { SlipwayError } from '../../errors.js';
import type { ExecutionStore } from './execution-store.js';
import type { StoredPipeline } from './model.js';

/** A reviewer's answer (PutApprovalResult's `result`, and who gave it). */
export interface ApprovalAnswer {
  status: 'Approved' | 'Rejected';
  summary: string;
  by: string;
}

/** PutApprovalResult's input. */
export interface ApprovalResultInput {
  pipelineName: string;
  stageName: string;
  actionName: string;
  token: string;
  result: { status: 'Approved' | 'Rejected'; summary: string };
  /** Who answers (the caller's ARN); shown as lastUpdatedBy. */
  by: string;
}

/** The approvals waiting in this process. */
export class ApprovalBoard {
  private readonly open = new Map<string, (answer: ApprovalAnswer) => void>();

  /** `minuteMs`: how long a minute of TimeoutInMinutes lasts (tests shorten it). */
  constructor(readonly minuteMs = 60_000) {}

  /** Waits for the answer to `token`: undefined when `timeoutMinutes` passed first or `signal` aborted. */
  wait(token: string, timeoutMinutes: number, signal: AbortSignal): Promise<ApprovalAnswer | undefined> {
    return new Promise((resolve) => {
      const end = (answer: ApprovalAnswer | undefined) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', abandoned);
        this.open.delete(token);
        resolve(answer);
      };
      const abandoned = () => end(undefined);
      const timer = setTimeout(() => end(undefined), timeoutMinutes * this.minuteMs);
      signal.addEventListener('abort', abandoned, { once: true });
      this.open.set(token, end);
      if (signal.aborted) end(undefined);
    });
  }

  /** PutApprovalResult: checks the token against the action's runs and hands the answer to the waiting action. */
  answer(store: ExecutionStore, stored: StoredPipeline, input: ApprovalResultInput): { approvedAt: Date } {
    const stage = stored.pipeline.stages.find((one) => one.name === input.stageName);
    if (!stage) throw new SlipwayError('StageNotFoundException', `Stage ${input.stageName} does not exist in pipeline ${stored.pipeline.name}`);
    const action = stage.actions.find((one) => one.name === input.actionName);
    if (!action) throw new SlipwayError('ActionNotFoundException', `Action ${input.actionName} does not exist in stage ${input.stageName} of pipeline ${stored.pipeline.name}`);
    const run = store.actionRuns(
      stored.pipeline.name, input.stageName, input.actionName,
    ).find((one) => one.token === input.token || one.output.executionResult?.externalExecutionId === input.token);
    if (action.actionTypeId.category !== 'Approval' || !run) throw new SlipwayError('InvalidApprovalTokenException', `The approval token ${input.token} is not one of action ${input.actionName} in stage ${input.stageName}`);
    if (run.status !== 'InProgress') throw new SlipwayError('ApprovalAlreadyCompletedException', `The approval request of execution ${run.pipelineExecutionId} has already ended (${run.status})`);
    const resolve = this.open.get(input.token);
    if (!resolve) {
      throw new SlipwayError('ValidationException', `The approval of execution ${run.pipelineExecutionId} waits in another slipway process, which alone can answer it`, { hint: 'answer it through the running slipway up, or in the process that runs the execution' });
    }
    resolve({ ...input.result, by: input.by });
    return { approvedAt: new Date() };
  }
}
