// The one place the dashboard's buttons reach the pipeline engine, with the engine's own calls,
// so a change from the page runs exactly as the same operation on the endpoint
// (codepipeline-control.ts) and the CLI verbs in the running up do: the same engine, stage locks,
// variable checks and errors. The page names an execution by its id (the pipeline is found from
// its record) and an approval by its stage and action (its token is found as `slipway approve`
// finds it). Who made a change is the account's root user, as STS's GetCallerIdentity names the
// holder of the account's own key: the identity every other local caller of these operations has.
import { partitionOf } from '../../cloudformation/index.js';
import { SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../account/index.js';
import type { PipelineEngine } from '../pipeline/index.js';
import type { Notice } from './change-feed.js';

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

/** An execution after a change: what the page announces. */
export interface ExecutionAnswer { pipelineExecutionId: string; status: string }

/** The engine calls behind the buttons. */
export class PipelineControls {
  /** `changed` tells the open pages of a change no engine event reports (a transition). */
  constructor(private readonly engine: PipelineEngine, private readonly account: LocalAccount, private readonly changed: (notice: Notice) => void) {}

  /** Which operations this engine runs; the page disables the buttons of the others. */
  available(): Record<ControlName, boolean> {
    return Object.fromEntries(CONTROL_NAMES.map((name) => [name, true])) as Record<ControlName, boolean>;
  }

  /** StartPipelineExecution with V2 variables; resolves once the execution is recorded. */
  async start(pipelineName: string, variables: Record<string, string>): Promise<{ pipelineExecutionId: string }> {
    const execution = await this.engine.start(pipelineName, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'slipway dashboard' }, variables });
    return { pipelineExecutionId: execution.pipelineExecutionId };
  }

  /** StopPipelineExecution: the execution is Stopping when this answers. */
  async stop(input: StopInput): Promise<ExecutionAnswer> {
    const stopped = this.engine.stop(
      this.pipelineOf(input.pipelineExecutionId), input.pipelineExecutionId,
      { abandon: input.abandon, ...(input.reason ? { reason: input.reason } : {}) },
    );
    return { pipelineExecutionId: stopped.pipelineExecutionId, status: stopped.status };
  }

  /** RetryStageExecution: the same execution runs again from the stage, InProgress when this answers. */
  async retry(input: RetryInput): Promise<ExecutionAnswer> {
    const retried = this.engine.retry(this.pipelineOf(input.pipelineExecutionId), input.pipelineExecutionId, input.stageName, input.retryMode);
    return { pipelineExecutionId: retried.pipelineExecutionId, status: retried.status };
  }

  /** PutApprovalResult for the approval waiting in the execution's action. */
  async answerApproval(input: ApprovalInput): Promise<{ approvedAt: string }> {
    const pipelineName = this.pipelineOf(input.pipelineExecutionId);
    const run = this.account.executions.actions({ pipelineExecutionId: input.pipelineExecutionId })
      .find((one) => one.stageName === input.stageName && one.actionName === input.actionName);
    if (!run || run.status !== 'InProgress' || !run.token) {
      throw new SlipwayError('ApprovalNotWaiting', `Action ${input.stageName}/${input.actionName} of execution ${input.pipelineExecutionId} is not waiting for approval${run ? ` (it is ${run.status})` : ' (it has not started)'}`, { kind: 'failed' });
    }
    const { approvedAt } = this.engine.putApprovalResult({
      pipelineName, stageName: input.stageName, actionName: input.actionName, token: run.token,
      result: { status: input.status, summary: input.summary }, by: this.caller(),
    });
    return { approvedAt: approvedAt.toISOString() };
  }

  /** DisableStageTransition / EnableStageTransition; executions held at it enter once it is enabled. */
  async setTransition(input: TransitionInput): Promise<Record<string, never>> {
    this.engine.setTransition(
      input.pipelineName, input.stageName,
      { enabled: input.enabled, transitionType: input.transitionType, ...(input.reason ? { reason: input.reason } : {}), by: this.caller() },
    );
    this.changed({ kind: 'pipeline', pipelineName: input.pipelineName });
    return {};
  }

  /** The pipeline an execution belongs to, from its record. */
  private pipelineOf(pipelineExecutionId: string): string {
    const execution = this.account.executions.get(pipelineExecutionId);
    if (!execution) throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution ${pipelineExecutionId} does not exist`, { hint: 'the page may show an execution of a home that was reset; reload it' });
    return execution.pipelineName;
  }

  /** The account's root user (GetCallerIdentity's Arn for the account's own key), shown as lastUpdatedBy and lastChangedBy. */
  private caller(): string {
    const { accountId, region } = this.account.settings;
    return `arn:${partitionOf(region)}:iam::${accountId}:root`;
  }
}
