// The bodies of `slipway stop`, `slipway approve` and `slipway reject`: they act on an execution
// through the running `slipway up`, whose engine runs it (StopPipelineExecution,
// PutApprovalResult). Without a running up, an execution is run by the process that started it
// (`slipway start`), and only that process can stop it (Ctrl-C) or answer its approvals.
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { PipelineExecution } from '../../local/pipeline/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { printData, printJson, say } from '../output.js';
import { callUp } from './up-codepipeline.js';

/** The flags of `slipway stop`. */
export interface StopCommandOptions extends GlobalOptions {
  abandon?: boolean;
  reason?: string;
  json?: boolean;
}

/** The flags of `slipway approve` and `slipway reject`. */
export interface ApprovalCommandOptions extends GlobalOptions {
  comment?: string;
  json?: boolean;
}

/** The recorded execution of that id, or a clear error. */
export function executionNamed(account: LocalAccount, id: string): PipelineExecution {
  const execution = account.executions.get(id);
  if (!execution) throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution ${id} does not exist in this home`, { hint: 'list executions with: slipway runs' });
  return execution;
}

/** The endpoint of the running up, or the error saying that only the process running the execution controls it. */
export function upEndpoint(account: LocalAccount, execution: PipelineExecution, what: string): string {
  const running = account.runningUp();
  if (running) return running.endpoint;
  throw new SlipwayError('NoRunningUp', `cannot ${what} execution ${execution.pipelineExecutionId}: no slipway up runs on this home, and only the process running an execution can ${what} it`, {
    kind: 'environment', hint: 'press Ctrl-C in the `slipway start` that runs it, or run executions in `slipway up` to control them from other commands',
  });
}

/** `slipway stop <execution>`: stops (or abandons) it in the running up and waits until it has stopped. */
export function runStopCommand(ctx: CliContext, id: string, options: StopCommandOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const execution = executionNamed(account, id);
    if (execution.status !== 'InProgress' && execution.status !== 'Stopping') {
      throw new SlipwayError('PipelineExecutionNotStoppableException', `Unable to stop pipeline execution ${id}: it is ${execution.status}, no longer in progress`, { kind: 'failed' });
    }
    const endpoint = upEndpoint(account, execution, 'stop');
    const { StopPipelineExecutionCommand } = await import('@aws-sdk/client-codepipeline');
    await callUp(account, endpoint, (client) => client.send(new StopPipelineExecutionCommand({
      pipelineName: execution.pipelineName, pipelineExecutionId: id, abandon: options.abandon === true, reason: options.reason,
    })));
    say(ctx, `${options.abandon ? 'abandoning' : 'stopping'} ${execution.pipelineName} ${id}${options.abandon ? '' : ' once its actions in progress finish'}`);
    let current = account.executions.get(id)!;
    while ((current.status === 'InProgress' || current.status === 'Stopping') && !ctx.signal.aborted) {
      await sleep(100, undefined, { signal: ctx.signal }).catch(() => undefined);
      current = account.executions.get(id)!;
    }
    if (options.json) printJson(ctx, current);
    else printData(ctx, `${current.pipelineName} ${id} ${current.status}${current.statusSummary ? ` (${current.statusSummary})` : ''}`);
    return ctx.signal.aborted ? EXIT_CODES.interrupted : EXIT_CODES.success;
  });
}

/** `slipway approve|reject <execution> <action>`: answers the action's waiting approval (PutApprovalResult). */
export function runApprovalCommand(ctx: CliContext, status: 'Approved' | 'Rejected', id: string, actionName: string, options: ApprovalCommandOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const execution = executionNamed(account, id);
    const stages = account.pipelines.require(execution.pipelineName).pipeline.stages;
    const stage = stages.find((one) => one.actions.some((action) => action.name === actionName));
    if (!stage) {
      const approvals = stages.flatMap((one) => one.actions.filter((action) => action.actionTypeId.category === 'Approval').map((action) => action.name));
      throw new SlipwayError('ActionNotFoundException', `Pipeline ${execution.pipelineName} has no action ${actionName}${approvals.length ? ` (its approval actions: ${approvals.join(', ')})` : ''}`);
    }
    const run = account.executions.actions({ pipelineExecutionId: id }).find((one) => one.actionName === actionName);
    if (!run || run.status !== 'InProgress' || !run.token) {
      throw new SlipwayError('ApprovalNotWaiting', `Action ${actionName} of execution ${id} is not waiting for approval${run ? ` (it is ${run.status})` : ' (it has not started)'}`, { kind: 'failed' });
    }
    const endpoint = upEndpoint(account, execution, status === 'Approved' ? 'approve' : 'reject');
    const summary = options.comment ?? `${status} with slipway ${status === 'Approved' ? 'approve' : 'reject'}`;
    const { PutApprovalResultCommand } = await import('@aws-sdk/client-codepipeline');
    const { approvedAt } = await callUp(account, endpoint, (client) => client.send(new PutApprovalResultCommand({
      pipelineName: execution.pipelineName, stageName: stage.name, actionName, token: run.token, result: { status, summary },
    })));
    const answer = {
      pipelineName: execution.pipelineName, pipelineExecutionId: id, stageName: stage.name, actionName, status, summary,
      approvedAt: approvedAt?.toISOString(),
    };
    if (options.json) printJson(ctx, answer);
    else printData(ctx, `${status.toLowerCase()} ${execution.pipelineName} ${id} ${stage.name}/${actionName}: ${summary}`);
    return EXIT_CODES.success;
  });
}
