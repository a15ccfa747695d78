// The one place the local account's events become text: every command that watches the account
// (build, stack, registry, and later up) renders envelopes here, as human lines on stderr or, with
// --json, as NDJSON envelopes on stdout.
import type { AccountEvent, AccountEventListener } from '../../local/account/events.js';
import type { AwsApiEvent } from '../../local/aws-api/gateway/events.js';
import type { BuildEvent } from '../../local/codebuild/events.js';
import { formatBuildEvent } from '../../local/codebuild/log-format.js';
import type { PipelineEvent } from '../../local/pipeline/events.js';
import type { RegistryEvent } from '../../local/registry/registry-events.js';
import type { StackEngineEvent, StackEvent } from '../../local/stack/model.js';
import type { UpEvent } from '../../local/up/up-events.js';
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
    case 'execution.resumed':
      return `${execution}  execution resumed: retrying stage ${event.stageName} (${event.retryMode})`;
    case 'execution.stopping':
      return `${execution}  execution stopping (${event.abandon ? 'abandoning actions in progress' : 'letting actions in progress finish'})${event.reason ? `: ${event.reason}` : ''}`;
    case 'stage.waiting':
      return `${execution}  waiting: the transition into stage ${event.stageName} is disabled${event.reason ? ` (${event.reason})` : ''}`;
    case 'condition.checked':
      return `${execution}  stage ${event.stageName} ${event.kind} condition ${event.status}${event.result ? ` (result ${event.result})` : ''}: ${event.summary}`;
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

/** A registry event as one line. */
export function formatRegistryEvent(event: RegistryEvent): string {
  switch (event.type) {
    case 'registry.image.pushed':
      return `pushed ${event.repositoryName}${event.imageTag ? `:${event.imageTag}` : ''} ${event.imageDigest}`;
    case 'registry.image.deleted':
      return `deleted ${event.repositoryName}@${event.imageDigest} (${event.reason})`;
    case 'registry.garbage.collected':
      return `garbage collection: ${event.deletedBlobs} blobs (${event.freedBytes} bytes), ${event.expiredUploads} uploads removed`;
    case 'registry.request.failed':
      return `internal error on ${event.method} ${event.path}: ${event.error}`;
    case 'registry.maintenance.failed':
      return `maintenance failed: ${event.error}`;
  }
}

/** An AWS API event as lines: answered requests are not shown (they are in --json), failures are. */
function formatAwsApiEvent(event: AwsApiEvent): string[] {
  switch (event.type) {
    case 'aws-api.request':
      return [];
    case 'aws-api.request.failed':
      return [`internal error in ${event.service} ${event.operation} (request ${event.requestId}): ${event.error}`];
    case 'aws-api.output.invalid':
      return [`${event.service} ${event.operation} answered outside its output shape (request ${event.requestId}): ${event.problems.join('; ')}`];
  }
}

/** What `up` itself reports, as one line. */
function formatUpEvent(event: UpEvent): string {
  switch (event.type) {
    case 'up.task.failed':
      return `background work ${event.name} failed: ${event.error}`;
    case 'up.project.synced':
      return `stack ${event.stackName}: ${event.status}${event.reason ? ` (${event.reason})` : ''}`;
    case 'up.project.failed':
      return `stack ${event.stackName} was not brought up to date: ${event.error}`;
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
    case 'ecr':
      return [`${event.time.slice(11, 19)}  ${formatRegistryEvent(event.payload as RegistryEvent)}`];
    case 'aws-api':
      return formatAwsApiEvent(event.payload as AwsApiEvent).map((line) => `${event.time.slice(11, 19)}  ${line}`);
    case 'slipway':
      return [`${event.time.slice(11, 19)}  ${formatUpEvent(event.payload as UpEvent)}`];
  }
}

/**
 * A listener that prints events: NDJSON envelopes on stdout when `json` (the command streams its
 * events before its result), human lines on stderr otherwise.
 */
export function eventPrinter(ctx: CliContext, json: boolean): AccountEventListener {
  return json ? (event) => printJson(ctx, event) : (event) => renderEvent(event).forEach((line) => say(ctx, line));
}
