// The one place the local account's events become text: every command that watches the account
// (build, stack, registry, and later up) renders envelopes here, as human lines on stderr or, with
// --json, as NDJSON envelopes on stdout.
import type { AccountEvent, AccountEventListener } from '../../local/account/events.js';
import type { BuildEvent } from '../../local/codebuild/events.js';
import { formatBuildEvent } from '../../local/codebuild/log-format.js';
import type { StackEngineEvent, StackEvent } from '../../local/stack/model.js';
import type { CliContext } from '../context.js';
import { printJson, say } from '../output.js';

/** A stack event as one line: time, status, type, logical id and reason. */
export function formatStackEvent(event: StackEvent): string {
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${event.Timestamp.slice(11, 19)}  ${event.ResourceStatus.padEnd(36)} ${event.ResourceType.padEnd(38)} ${event.LogicalResourceId}${reason}`;
}

/** The human lines for one event. */
export function renderEvent(event: AccountEvent): string[] {
  switch (event.source) {
    case 'codebuild':
      return formatBuildEvent(event.payload as BuildEvent);
    case 'cloudformation':
      return [formatStackEvent((event.payload as StackEngineEvent).event)];
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
