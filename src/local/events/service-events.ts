// The events AWS services put on the default event bus, in AWS's shapes (aws-semantics §2,
// "EventBridge envelope"): the envelope (version "0", id, detail-type, source, account, time
// without fractions, region, resources, detail), CodeCommit's "CodeCommit Repository State
// Change" for a branch or tag created, updated or deleted, and ECR's "ECR Image Action" for a
// pushed image (no resources, as ECR sends it).
import { randomUUID } from 'node:crypto';

/** An event as EventBridge delivers it to rules. */
export interface AwsEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** Where events are put: the account and region every envelope names. */
export interface EventLocation {
  accountId: string;
  region: string;
}

function envelope(location: EventLocation, source: string, detailType: string, resources: string[], detail: Record<string, unknown>): AwsEvent {
  const time = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { version: '0', id: randomUUID(), 'detail-type': detailType, source, account: location.accountId, time, region: location.region, resources, detail };
}

/** A ref change in a CodeCommit repository. */
export interface ReferenceChange {
  repositoryName: string;
  repositoryId: string;
  arn: string;
  /** `refs/heads/main` or `refs/tags/v1`. */
  ref: string;
  /** Undefined when the ref was deleted. */
  commitId?: string;
  /** Undefined when the ref was created. */
  oldCommitId?: string;
}

/** CodeCommit's event for a ref created (commitId), updated (both) or deleted (oldCommitId). */
export function codeCommitEvent(location: EventLocation, change: ReferenceChange): AwsEvent {
  const event = change.commitId === undefined ? 'referenceDeleted' : change.oldCommitId === undefined ? 'referenceCreated' : 'referenceUpdated';
  const tag = change.ref.startsWith('refs/tags/');
  return envelope(location, 'aws.codecommit', 'CodeCommit Repository State Change', [change.arn], {
    callerUserArn: `arn:aws:iam::${location.accountId}:root`,
    event,
    repositoryName: change.repositoryName,
    repositoryId: change.repositoryId,
    referenceType: tag ? 'tag' : 'branch',
    referenceName: change.ref.replace(/^refs\/(heads|tags)\//, ''),
    referenceFullName: change.ref,
    ...(change.commitId !== undefined ? { commitId: change.commitId } : {}),
    ...(change.oldCommitId !== undefined ? { oldCommitId: change.oldCommitId } : {}),
  });
}

/** ECR's event for an image pushed to a repository (with its tag when it was pushed by tag). */
export function ecrPushEvent(location: EventLocation, push: { repositoryName: string; imageDigest: string; imageTag?: string; mediaType?: string }): AwsEvent {
  return envelope(location, 'aws.ecr', 'ECR Image Action', [], {
    result: 'SUCCESS',
    'repository-name': push.repositoryName,
    'image-digest': push.imageDigest,
    'action-type': 'PUSH',
    ...(push.imageTag !== undefined ? { 'image-tag': push.imageTag } : {}),
    ...(push.mediaType !== undefined ? { 'manifest-media-type': push.mediaType } : {}),
  });
}
