// The one place the dashboard's buttons reach the pipeline engine, with the engine's own calls,
// so a start from the page runs exactly as StartPipelineExecution on the endpoint and
// `slipway start` in the running up do (same engine, same stage locks, same variable checks).
// Stop, retry, approval and transitions are being added to the engine (issue 13); until a call
// exists there, its button is shown disabled and the request is answered 501 NotYetAvailable,
// naming the operation. Each waits for its engine call, with the signature written beside it.
import { SlipwayError } from '../../errors.js';
import type { PipelineEngine } from '../pipeline/index.js';

/** The operations the page can ask for, by their CodePipeline names. */
export const CONTROL_NAMES = ['StartPipelineExecution', 'StopPipelineExecution', 'RetryStageExecution', 'PutApprovalResult', 'EnableStageTransition', 'DisableStageTransition'] as const;
export type ControlName = (typeof CONTROL_NAMES)[number];

/** StopPipelineExecution: stop-and-wait, or stop-and-abandon. */
export interface StopInput { pipelineExecutionId: string; abandon: boolean; reason?: string }
/** RetryStageExecution. */
export interface RetryInput { pipelineExecutionId: string; stageName: string; retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS' }
/** PutApprovalResult, the approval found by execution, stage and action (as `slipway approve` finds it). */
export interface ApprovalInput { pipelineExecutionId: string; stageName: string; actionName: string; status: 'Approved' | 'Rejected'; summary: string }
/** EnableStageTransition and DisableStageTransition (a reason is required to disable). */
export interface TransitionInput { pipelineName: string; stageName: string; transitionType: 'Inbound' | 'Outbound'; enabled: boolean; reason?: string }

/** The engine calls behind the buttons. */
export class PipelineControls {
  constructor(private readonly engine: PipelineEngine) {}

  /** Which operations this engine runs; the page disables the buttons of the others. */
  available(): Record<ControlName, boolean> {
    return { StartPipelineExecution: true, StopPipelineExecution: false, RetryStageExecution: false, PutApprovalResult: false, EnableStageTransition: false, DisableStageTransition: false };
  }

  /** StartPipelineExecution with V2 variables; resolves once the execution is recorded. */
  async start(pipelineName: string, variables: Record<string, string>): Promise<{ pipelineExecutionId: string }> {
    const execution = await this.engine.start(pipelineName, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'slipway dashboard' }, variables });
    return { pipelineExecutionId: execution.pipelineExecutionId };
  }

  /** Waits for `engine.stop(pipelineExecutionId, { abandon, reason }): Promise<PipelineExecution>`. */
  stop(input: StopInput): Promise<unknown> {
    return notYet('StopPipelineExecution', `stop execution ${input.pipelineExecutionId}`);
  }

  /** Waits for `engine.retryStage(pipelineExecutionId, stageName, retryMode): Promise<PipelineExecution>`. */
  retry(input: RetryInput): Promise<unknown> {
    return notYet('RetryStageExecution', `retry stage ${input.stageName}`);
  }

  /** Waits for `engine.putApprovalResult({ pipelineExecutionId, stageName, actionName, result: { status, summary } }): Promise<{ approvedAt: string }>`. */
  answerApproval(input: ApprovalInput): Promise<unknown> {
    return notYet('PutApprovalResult', `answer the approval ${input.stageName}/${input.actionName}`);
  }

  /** Waits for `engine.setStageTransition(pipelineName, stageName, transitionType, { enabled, reason })`. */
  setTransition(input: TransitionInput): Promise<unknown> {
    return notYet(input.enabled ? 'EnableStageTransition' : 'DisableStageTransition', `${input.enabled ? 'enable' : 'disable'} the transition into ${input.stageName}`);
  }
}

function notYet(operation: ControlName, what: string): Promise<never> {
  return Promise.reject(new SlipwayError('NotYetAvailable', `cannot ${what}: the local pipeline engine does not run ${operation} yet`, { kind: 'environment', hint: 'the CodePipeline controls arrive with issue 13 ("The rest of CodePipeline locally")' }));
}
