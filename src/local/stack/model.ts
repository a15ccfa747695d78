// The stack engine's records and events, named as CloudFormation names them.

/** Stack statuses (AWS::CloudFormation StackStatus values the local engine uses). */
export type StackStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'CREATE_FAILED'
  | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_COMPLETE' | 'ROLLBACK_FAILED'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_COMPLETE'
  | 'UPDATE_ROLLBACK_IN_PROGRESS' | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_ROLLBACK_COMPLETE' | 'UPDATE_ROLLBACK_FAILED'
  | 'DELETE_IN_PROGRESS' | 'DELETE_COMPLETE' | 'DELETE_FAILED'
  | 'REVIEW_IN_PROGRESS';

/** One output of a stack (DescribeStacks Outputs). */
export interface StackOutput {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

/**
 * Something not emulated, listed at the end of every create and update: a resource type that has
 * no local provider, or (with `attribute`) a Fn::GetAtt whose value is only a placeholder string,
 * with `usedAt`, the template path that received it.
 */
export interface NotEmulated {
  logicalId: string;
  type: string;
  attribute?: string;
  usedAt?: string;
}

/** A stack as stored. */
export interface StackRecord {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  description?: string;
  templateFile?: string;
  templateBody: string;
  /** Raw parameter values (for update's "use previous value"). */
  parameters: Record<string, string>;
  noEcho: string[];
  outputs: StackOutput[];
  notEmulated: NotEmulated[];
  parentStackId?: string;
  createdAt: string;
  updatedAt?: string;
  deletedAt?: string;
  /** The process running an operation on the stack (`<pid>@<start time>`), absent when none runs. */
  owner?: string;
  /** Values the user supplied for attributes of resources slipway does not emulate (`Logical.Attribute` → value). */
  resourceAttributes?: Record<string, string>;
}

/** A resource as stored. */
export interface StackResourceRecord {
  logicalId: string;
  type: string;
  physicalId?: string;
  status: string;
  statusReason?: string;
  /** Properties after evaluation (what the provider was given). */
  properties: Record<string, unknown>;
  ref?: string;
  attributes: Record<string, unknown>;
  /** Provider-private data (never shown to templates). */
  internal: Record<string, unknown>;
  dependsOn: string[];
  deletionPolicy: string;
  updateReplacePolicy: string;
  position: number;
}

/**
 * One step of an update, written before the step is made, so that an update interrupted by a
 * crash can be rolled back or finished: a resource `created`, `kept` (unchanged but for its place
 * and policies), `updated` in place or `replaced` (each with the record it had before), or, in the
 * cleanup phase, `removed` (with the record to delete).
 */
export interface JournalEntry {
  kind: 'created' | 'kept' | 'updated' | 'replaced' | 'removed';
  logicalId: string;
  record?: StackResourceRecord;
}

/** A stack event, in the shape of CloudFormation's DescribeStackEvents. */
export interface StackEvent {
  StackId: string;
  EventId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Timestamp: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
}

/** What the engine reports while it works: each stack event as it happens. */
export interface StackEngineEvent {
  type: 'stack.event';
  event: StackEvent;
}
