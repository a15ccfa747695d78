// What a source provider contributes to a pipeline. A source is bound in two steps because the
// pipeline needs the source action, and a webhook or event rule needs the pipeline.
import type { CfnCondition, IResolvable } from 'aws-cdk-lib';
import type { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import type { Construct } from 'constructs';
import type { PolicyStatementEntry } from './policy-statement.js';

/** What the pipeline tells a source when binding it. */
export interface SourceBindOptions {
  /** The source action's name (a webhook targets it by name). */
  readonly actionName: string;
  /** The name of the artifact the source action outputs. */
  readonly outputArtifactName: string;
  /** Name prefix for resources the source creates (e.g. a connection). */
  readonly name: string;
  /**
   * A condition for every resource the source creates (set by EitherSource).
   * @default - unconditional
   */
  readonly condition?: CfnCondition;
}

/** The pipeline a source may attach a webhook or event rule to. */
export interface PipelineTarget {
  /** The pipeline resource (a webhook needs its Version attribute). */
  readonly pipeline: CfnPipeline;
  /** The pipeline's name. */
  readonly pipelineName: string;
  /** The pipeline's ARN, for an event rule's target and its role. */
  readonly pipelineArn: string;
}

/** What attaching a source to the pipeline produced. */
export interface SourceAttachment {
  /**
   * The URL GitHub delivers push events to.
   * @default - the source has no webhook
   */
  readonly webhookUrl?: string;
}

// Actions and triggers are written in CloudFormation's own casing rather than as CfnPipeline's
// camelCase structs: CDK converts the structs only where they are typed, not inside the `Fn::If`
// that EitherSource puts around them.

/** A source action as AWS::CodePipeline::Pipeline's ActionDeclaration. */
export interface SourceActionDeclaration {
  readonly Name: string;
  readonly ActionTypeId: { readonly Category: 'Source'; readonly Owner: string; readonly Provider: string; readonly Version: string };
  readonly Configuration: Record<string, unknown>;
  readonly OutputArtifacts: { readonly Name: string }[];
  readonly RunOrder: number;
}

/** A V2 trigger as AWS::CodePipeline::Pipeline's PipelineTriggerDeclaration. */
export interface TriggerDeclaration {
  readonly ProviderType: 'CodeStarSourceConnection';
  readonly GitConfiguration: {
    readonly SourceActionName: string;
    readonly Push: { readonly Branches: { readonly Includes: string[] } }[];
  };
}

/** A bound source: its action, triggers and the pipeline role's statements for it. */
export interface SourceBinding {
  /** The Source stage's action, or an `Fn::If` choosing one. */
  readonly action: SourceActionDeclaration | IResolvable;
  /**
   * V2 pipeline triggers, or an `Fn::If` yielding them.
   * @default - none: the source action's own change detection applies
   */
  readonly triggers?: TriggerDeclaration[] | IResolvable;
  /** What the pipeline role needs to run the source action. */
  readonly pipelineRoleStatements: PolicyStatementEntry[];
  /**
   * The connection the action uses.
   * @default - the source uses no connection
   */
  readonly connectionArn?: string;
  /** Creates what must point at the pipeline (webhook, event rule). */
  attach(target: PipelineTarget): SourceAttachment;
}

/** A source provider for {@link DockerImagePipeline}. */
export interface PipelineSource {
  /** Creates the source's resources in `scope` and returns what the pipeline needs. */
  bind(scope: Construct, options: SourceBindOptions): SourceBinding;
}
