// The words for each deploy event, shared by every renderer (terminal spinner, plain log lines).
// Pure: an event in, lines of text out; the CLI decides where and how they are written.
import { describeChangeSet } from './change-set-summary.js';
import type { DeployEvent } from './events.js';

/** The text of one event: usually one line, several for a change set summary. */
export function eventText(event: DeployEvent): string[] {
  switch (event.type) {
    case 'identity.resolved':
      return [`using AWS account ${event.account} as ${event.arn}`];
    case 'template.warning':
      return [`warning: ${event.warning.message}`];
    case 'template.uploaded':
      return [
        event.skipped
          ? `template (${event.bytes} bytes) already at s3://${event.bucket}/${event.key}, not uploaded again`
          : `uploaded the template (${event.bytes} bytes) to s3://${event.bucket}/${event.key}`,
      ];
    case 'stack.found':
      return [`stack ${event.stackName} is ${event.status}`];
    case 'changeset.creating':
      return [`creating ${event.changeSetType === 'UPDATE' ? 'an' : 'a'} ${event.changeSetType} change set for ${event.stackName}`];
    case 'changeset.ready':
      return [`change set for ${event.stackName}:`, ...describeChangeSet(event.summary).map((line) => `  ${line}`)];
    case 'changeset.empty':
      return [`no changes: ${event.stackName} already matches the template`];
    case 'changeset.deleted':
      return [`deleted change set ${event.changeSetName}`];
    case 'stack.operation.started':
      return [`${event.operation} ${event.stackName}`];
    case 'stack.resource':
      return [[event.logicalId, event.resourceType, event.status, event.reason].filter(Boolean).join('  ')];
    case 'stack.operation.finished':
      return [`${event.stackName} is ${event.status}`];
    case 'stack.failed-create.deleting':
      return [`deleting ${event.stackName} (${event.status} from an earlier failed create) to create it again`];
    case 'connection.pending':
      return [
        `connection ${event.name ?? event.arn} is PENDING: AWS requires one approval in the console`,
        `  open ${event.consoleUrl}, choose the connection, then "Update pending connection"`,
      ];
    case 'connection.waiting':
      return [`connection ${event.arn} is ${event.status}, waiting`];
    case 'connection.available':
      return [`connection ${event.arn} is AVAILABLE`];
    case 'pipeline.started':
      return [`started pipeline ${event.pipelineName}: execution ${event.executionId}`];
    case 'pipeline.execution':
      return [`pipeline ${event.pipelineName}: execution ${event.executionId} is ${event.status}`];
    case 'bucket.emptied':
      return [`emptied bucket ${event.bucket} (${event.deletedObjects} object${event.deletedObjects === 1 ? '' : 's'})`];
    case 'images.deleted':
      return [`deleted ${event.deletedImages} image${event.deletedImages === 1 ? '' : 's'} from ${event.repository}`];
  }
}

/** One timestamped line per event (continuation lines indented under it), for logs and non-terminals. */
export function timestampedLines(event: DeployEvent): string[] {
  const [first = '', ...rest] = eventText(event);
  const stamp = event.at.replace(/\.\d{3}Z$/, 'Z');
  return [`${stamp}  ${first}`, ...rest.map((line) => `${' '.repeat(stamp.length)}  ${line}`)];
}
