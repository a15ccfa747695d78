// The AWS side of slipway: deploy, destroy and status of the pipeline stack.
export { awsApis } from './aws-apis.js';
export { clientConfig, MAX_ATTEMPTS, type AwsSettings } from './aws-settings.js';
export { callAws, translateAwsError } from './aws-errors.js';
export { describeChangeSet, summarizeChangeSet, type ChangeSetSummary, type ResourceChangeLine } from './change-set-summary.js';
export { systemClock, steppingClock, type Clock } from './clock.js';
export { connectionConsoleUrl } from './connections.js';
export { deploy, type DeployRequest, type DeployResult, type StackFailure } from './deploy.js';
export { destroy, type DestroyRequest, type DestroyResult } from './destroy.js';
export type { DeployEvent } from './events.js';
export type { AwsApis, Confirm, FlowContext, Question } from './flow-context.js';
export { DEFAULT_POLL, type PollOptions } from './stack-events.js';
export { status, type StatusReport } from './status.js';
export { templateForDeploy, type TemplateSource } from './template-source.js';
export type { TemplateDocument } from './template-document.js';
export { planTemplateDelivery, templateBytes, TEMPLATE_BODY_LIMIT, TEMPLATE_URL_LIMIT, type TemplateBucket, type TemplateDelivery } from './template-delivery.js';
export { eventText, timestampedLines } from './progress-text.js';
