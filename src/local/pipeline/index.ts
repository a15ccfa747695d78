// The local CodePipeline: pipelines, webhooks, connections and EventBridge rules (the engine that
// runs executions builds on these).
import { recordTableSql, type Migration } from '../state/index.js';
import { EXECUTION_MIGRATIONS } from './execution-store.js';
import { PIPELINE_CHANGE_MIGRATIONS } from './pipeline-changes.js';
import { SOURCE_MIGRATIONS } from './source-locations.js';
import { REF_POSITION_MIGRATIONS } from './ref-positions.js';
import { TRIGGER_SECRET_MIGRATIONS } from './trigger-secrets.js';
import { DELIVERY_MIGRATIONS } from './webhook-deliveries.js';

export { Pipelines } from './pipelines.js';
export type { PipelineChange } from './pipeline-changes.js';
export { Connections } from './connections.js';
export { EventRules } from './event-rules.js';
export { PipelineEngine } from './engine.js';
export { runnerOf } from './action-providers.js';
export type { PipelineEngineOptions, StartInput, TransitionChange } from './engine.js';
export type { StopOptions } from './execution-control.js';
export type { ApprovalResultInput } from './approvals.js';
export type { RetryMode } from './stage-run.js';
export type { TransitionState, TransitionType } from './stage-transitions.js';
export { DEFAULT_APPROVAL_MINUTES } from './approval-action.js';
export { ExecutionStore } from './execution-store.js';
export { SourceLocations } from './source-locations.js';
export { SourceWatch, changeDetection, DEFAULT_POLL_MS } from './source-watch.js';
export type { WatchedAccount } from './source-watch.js';
export { webhookRoute } from './webhook-route.js';
export { hookCall } from './hook-endpoint.js';
export { triggerSecret } from './trigger-secrets.js';
export type { PipelineServices } from './action-run.js';
export type { PipelineEvent } from './events.js';
export type {
  PipelineExecution, ActionExecution, ExecutionStatus, ActionStatus, StageStatus, ConditionKind, ConditionRecord,
  ExecutionTrigger, SourceRevision, ArtifactLocation,
} from './execution-model.js';
export type {
  ActionDeclaration, StageDeclaration, PipelineDeclaration, StoredPipeline, ArtifactStoreDeclaration, WebhookDeclaration,
  ConnectionDeclaration, EventRuleDeclaration,
} from './model.js';

/** The tables of pipelines, webhooks, connections and rules. */
export const PIPELINE_MIGRATIONS: Migration[] = [
  {
    id: 'pipeline-0001-declarations',
    sql: ['codepipeline_pipelines', 'codepipeline_webhooks', 'codestar_connections', 'events_rules'].map(recordTableSql).join(';\n'),
  },
  ...EXECUTION_MIGRATIONS,
  ...SOURCE_MIGRATIONS,
  ...PIPELINE_CHANGE_MIGRATIONS,
  ...REF_POSITION_MIGRATIONS,
  ...TRIGGER_SECRET_MIGRATIONS,
  ...DELIVERY_MIGRATIONS,
];
