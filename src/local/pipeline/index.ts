// The local CodePipeline: pipelines, webhooks, connections and EventBridge rules (the engine that
// runs executions builds on these).
import { recordTableSql, type Migration } from '../state/index.js';

export { Pipelines } from './pipelines.js';
export type { PipelineChange } from './pipelines.js';
export { Connections } from './connections.js';
export { EventRules } from './event-rules.js';
export type {
  ActionDeclaration, StageDeclaration, PipelineDeclaration, StoredPipeline, ArtifactStoreDeclaration, WebhookDeclaration, ConnectionDeclaration, EventRuleDeclaration,
} from './model.js';

/** The tables of pipelines, webhooks, connections and rules. */
export const PIPELINE_MIGRATIONS: Migration[] = [
  {
    id: 'pipeline-0001-declarations',
    sql: ['codepipeline_pipelines', 'codepipeline_webhooks', 'codestar_connections', 'events_rules'].map(recordTableSql).join(';\n'),
  },
];
