// The local EventBridge: the events AWS services emit, made from local changes (CodeCommit pushes,
// ECR image pushes), matched against the account's rules with EventBridge's pattern matching,
// whose CodePipeline targets start their pipelines.
export { AccountEventSources } from './event-sources.js';
export type { EventSourceOptions } from './event-sources.js';
export { EVENT_SOURCE_MIGRATIONS } from './codecommit-changes.js';
export { matchesPattern } from './event-pattern.js';
export { putEvent, pipelineOfTarget } from './event-bus.js';
export type { RuleDelivery } from './event-bus.js';
export { codeCommitEvent, ecrPushEvent } from './service-events.js';
export type { AwsEvent, EventLocation, ReferenceChange } from './service-events.js';
