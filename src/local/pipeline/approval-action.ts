// The manual approval action (`Approval/AWS/Manual/1`, CodePipeline "Add a manual approval
// action"): the execution waits at the action until a reviewer approves (it succeeds) or rejects
// (it fails, and its stage with it), or until TimeoutInMinutes passes (default 7 days; a timed-out
// approval is processed as a failed action). CustomData is the summary shown while it waits and
// ExternalEntityLink the URL to review; the SNS notification to NotificationArn is not sent locally,
// so the message it would carry (AWS's JSON format for approval notifications) is written to the log.
import { randomUUID } from 'node:crypto';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';

/** Seven days, in minutes: the approval timeout when the action sets none (CodePipeline quotas). */
export const DEFAULT_APPROVAL_MINUTES = 7 * 24 * 60;

/** The notification AWS would publish to the action's NotificationArn. */
function notification(run: ActionRun, token: string, expires: Date): Record<string, unknown> {
  const config = run.configuration;
  return {
    approval: {
      pipelineName: run.pipeline.name, stageName: run.pipeline.stages.find((stage) => stage.actions.includes(run.action))?.name, actionName: run.action.name, token, expires: expires.toISOString().slice(0, 16) + 'Z',
      ...(config.ExternalEntityLink ? { externalEntityLink: String(config.ExternalEntityLink) } : {}),
      ...(config.CustomData ? { customData: String(config.CustomData) } : {}),
    },
  };
}

/** Runs a manual approval action. */
export async function runManualApproval(run: ActionRun): Promise<ActionOutcome> {
  if (!run.approvals) return failed('ConfigurationError', 'manual approvals are answered through the engine that runs the execution, and this one has none');
  const config = run.configuration;
  const token = randomUUID();
  const minutes = run.action.timeoutInMinutes ?? DEFAULT_APPROVAL_MINUTES;
  const expires = new Date(Date.now() + minutes * 60_000);
  const summary = config.CustomData === undefined ? undefined : String(config.CustomData);
  const url = config.ExternalEntityLink === undefined ? undefined : String(config.ExternalEntityLink);
  run.progress({ externalExecutionId: token, token, ...(summary ? { externalExecutionSummary: summary } : {}), ...(url ? { externalExecutionUrl: url } : {}) });
  run.say(`waiting for approval (times out after ${minutes} minutes)${summary ? `: ${summary}` : ''}`);
  if (url) run.say(`review: ${url}`);
  if (config.NotificationArn) run.say(`SNS is not run locally; ${String(config.NotificationArn)} would get ${JSON.stringify(notification(run, token, expires))}`);
  run.say(`answer with: slipway approve ${run.execution.pipelineExecutionId} ${run.action.name} --comment TEXT (or slipway reject)`);
  const answer = await run.approvals.wait(token, minutes, run.signal);
  const result = { externalExecutionId: token, ...(url ? { externalExecutionUrl: url } : {}) };
  if (!answer) {
    if (run.signal.aborted) return failed('JobFailed', 'The approval was abandoned', { executionResult: result });
    return failed('JobFailed', `The approval request timed out: no answer within ${minutes} minutes`, { executionResult: result });
  }
  const by = { lastUpdatedBy: answer.by };
  if (answer.status === 'Rejected') return failed('JobFailed', `Rejected: ${answer.summary}`, { ...by, executionResult: { ...result, externalExecutionSummary: answer.summary } });
  return { status: 'Succeeded', outputArtifacts: [], outputVariables: {}, ...by, executionResult: { ...result, externalExecutionSummary: answer.summary } };
}
