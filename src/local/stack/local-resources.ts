// The read side for the local engines that come after the stack engine: the resolved
// configuration of every emulated pipeline, project, webhook, connection, rule and CodeCommit
// repository, as the providers stored it in the `local_resources` table of `<home>/slipway.db`.
import type { LocalProject } from './providers/codebuild.js';
import type { LocalWebhook } from './providers/codepipeline.js';
import type { LocalCodeCommitRepository } from './providers/codecommit.js';
import type { LocalConnection } from './providers/connections.js';
import type { LocalEventRule } from './providers/events.js';
import type { LocalPipeline } from './providers/pipeline-structure.js';
import type { StackStore } from './store.js';

/** Typed reads of the configurations stored by the stack engine. */
export class LocalResources {
  constructor(private readonly store: StackStore) {}

  /** A pipeline by name (AWS::CodePipeline::Pipeline). */
  pipeline(name: string): LocalPipeline | undefined {
    return this.store.getLocalResource<LocalPipeline>('AWS::CodePipeline::Pipeline', name);
  }

  /** Every pipeline. */
  pipelines(): LocalPipeline[] {
    return this.store.listLocalResources<LocalPipeline>('AWS::CodePipeline::Pipeline');
  }

  /** A CodeBuild project by name. */
  project(name: string): LocalProject | undefined {
    return this.store.getLocalResource<LocalProject>('AWS::CodeBuild::Project', name);
  }

  /** Every webhook. */
  webhooks(): LocalWebhook[] {
    return this.store.listLocalResources<LocalWebhook>('AWS::CodePipeline::Webhook');
  }

  /** Every connection (AWS::CodeStarConnections::Connection and AWS::CodeConnections::Connection). */
  connections(): LocalConnection[] {
    return [
      ...this.store.listLocalResources<LocalConnection>('AWS::CodeStarConnections::Connection'),
      ...this.store.listLocalResources<LocalConnection>('AWS::CodeConnections::Connection'),
    ];
  }

  /** Every EventBridge rule. */
  eventRules(): LocalEventRule[] {
    return this.store.listLocalResources<LocalEventRule>('AWS::Events::Rule');
  }

  /** Every CodeCommit repository (bare Git repositories under `<home>/codecommit`). */
  codeCommitRepositories(): LocalCodeCommitRepository[] {
    return this.store.listLocalResources<LocalCodeCommitRepository>('AWS::CodeCommit::Repository');
  }
}
