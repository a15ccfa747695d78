// The typed events the deploy, destroy and status flows emit. The CLI renders them: a spinner
// with sub-task lines on a terminal, one timestamped line each otherwise, NDJSON with --json.
import type { ChangeSetSummary } from './change-set-summary.js';
import type { TemplateWarning } from './template-checks.js';

interface Stamped {
  /** When the event happened, ISO 8601, from the flow's Clock. */
  at: string;
}

/** Everything a deploy, destroy or status run reports while it works. */
export type DeployEvent = Stamped &
  (
    | { type: 'identity.resolved'; account: string; arn: string; region?: string }
    | { type: 'template.warning'; warning: TemplateWarning }
    | { type: 'template.uploaded'; bucket: string; key: string; bytes: number; url: string; skipped: boolean }
    | { type: 'stack.found'; stackName: string; status: string }
    | { type: 'changeset.creating'; stackName: string; changeSetType: 'CREATE' | 'UPDATE' }
    | { type: 'changeset.ready'; stackName: string; summary: ChangeSetSummary }
    | { type: 'changeset.empty'; stackName: string; reason: string }
    | { type: 'changeset.deleted'; stackName: string; changeSetName: string }
    | { type: 'stack.operation.started'; stackName: string; operation: 'CREATE' | 'UPDATE' | 'DELETE' }
    | { type: 'stack.resource'; logicalId: string; resourceType: string; status: string; reason?: string; physicalId?: string }
    | { type: 'stack.operation.finished'; stackName: string; status: string }
    | { type: 'stack.failed-create.deleting'; stackName: string; status: string }
    | { type: 'connection.pending'; arn: string; name?: string; consoleUrl: string }
    | { type: 'connection.waiting'; arn: string; status: string }
    | { type: 'connection.available'; arn: string }
    | { type: 'pipeline.started'; pipelineName: string; executionId: string }
    | { type: 'pipeline.execution'; pipelineName: string; executionId: string; status: string }
    | { type: 'bucket.emptied'; bucket: string; deletedObjects: number }
    | { type: 'images.deleted'; repository: string; deletedImages: number }
  );

/** Event types, for renderers that switch on them. */
export type DeployEventType = DeployEvent['type'];

/** The fields of one event type, without its stamp. */
export type DeployEventBody<T extends DeployEventType = DeployEventType> = Omit<Extract<DeployEvent, { type: T }>, 'at'>;
