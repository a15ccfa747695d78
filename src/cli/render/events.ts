// The one place the local account's events become text: every command that watches the account
// (build, stack, registry, and later up) renders envelopes here, as human lines on stderr or, with
// --json, as NDJSON envelopes on stdout.
import type { AccountEvent, AccountEventListener } from '../../local/account/events.js';
import type { BuildEvent } from '../../local/codebuild/events.js';
import { formatBuildEvent } from '../../local/codebuild/log-format.js';
import type { PipelineEvent } from '../../local/pipeline/events.js';
import type { StackEngineEvent, StackEvent } from '../../local/stack/model.js';
import type { CliContext } from '../context.js';
import { printJson, say } from '../output.js';

/** A stack event as one line: time, status, type, logical id and reason. */
export function formatStackEvent(event: StackEvent): string {
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${event.Timestamp.slice(11, 19)}  ${event.ResourceStatus.padEnd(36)} ${event.ResourceType.padEnd(38)} ${event.LogicalResourceId}${reason}`;
}

/** A pipeline event as one line (without its time). */
export function formatPipelineEvent(event: PipelineEvent): string {
  const execution = `${event.pipelineName} ${event.pipelineExecutionId.slice(0, 8)}`;
  switch (event.type) {
    case 'execution.started':
      return `${execution}  execution started (${event.trigger.triggerType}${event.trigger.triggerDetail ? `: ${event.trigger.triggerDetail}` : ''})`;
    case 'stage.started':
      return `${execution}  stage ${event.stageName} started`;
    case 'action.started':
      return `${execution}  ${event.stageName}/${event.actionName} (${event.provider}) started`;
    case 'action.message':
      return `${execution}  ${event.actionName}: ${event.text}`;
    case 'action.finished':
      return `${execution}  ${event.stageName}/${event.actionName} ${event.status}${event.summary ? `: ${event.summary}` : ''}`;
    case 'stage.finished':
      return `${execution}  stage ${event.stageName} ${event.status}`;
    case 'execution.finished':
      return `${execution}  execution ${event.status}${event.statusSummary ? `: ${event.statusSummary}` : ''}`;
  }
}

/** The human lines for one event. */
export function renderEvent(event: AccountEvent): string[] {
  switch (event.source) {
    case 'codebuild':
      return formatBuildEvent(event.payload as BuildEvent);
    case 'cloudformation':
      return [formatStackEvent((event.payload as StackEngineEvent).event)];
    case 'codepipeline':
      return [`${event.time.slice(11, 19)}  ${formatPipelineEvent(event.payload as PipelineEvent)}`];
    default:
      return [`${event.time}  ${event.source}  ${event.type}`];
  }
}

/**
 * A listener that prints events: NDJSON envelopes on stdout when `json` (the command streams its
 * events before its result), human lines on stderr otherwise.
 */
export function eventPrinter(ctx: CliContext, json: boolean): AccountEventListener {
  return json ? (event) => printJson(ctx, event) : (event) => renderEvent(event).forEach((line) => say(ctx, line));
}
