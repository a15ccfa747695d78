// The contract between the stack engine and one resource type's local provider. Providers are
// clients of the account's services (the registry, buckets, parameters, CodeBuild, pipelines,
// CodeCommit), never owners of their data: the engine hands them the service calls they may make.
import type { ArtifactStore } from '../../artifacts/index.js';
import type { Projects } from '../../codebuild/projects.js';
import type { CodeCommitRepositories } from '../../codecommit/repositories.js';
import type { ParameterStore } from '../../parameters/index.js';
// The pipeline side's stores, not its index: the pipeline engine runs stacks, so its index imports
// this engine back (an import circle); the stores and its model import nothing of this engine.
import type { Connections } from '../../pipeline/connections.js';
import type { EventRules } from '../../pipeline/event-rules.js';
import type { Pipelines } from '../../pipeline/pipelines.js';
import type { RepositoryControl } from './repository-control.js';

/** The service calls providers make, one small interface per service (the engine owns these). */
export interface ProviderServices {
  parameters: Pick<ParameterStore, 'get' | 'put' | 'delete' | 'getSecret' | 'putSecret' | 'getSecretVersion' | 'deleteSecret'>;
  projects: Pick<Projects, 'create' | 'update' | 'delete' | 'get'>;
  pipelines: Pick<Pipelines, 'create' | 'update' | 'delete' | 'get' | 'putWebhook' | 'deleteWebhook' | 'getWebhook'>;
  connections: Pick<Connections, 'create' | 'delete' | 'get' | 'list'>;
  eventRules: Pick<EventRules, 'create' | 'update' | 'delete' | 'get'>;
  codecommit: Pick<CodeCommitRepositories, 'create' | 'update' | 'rename' | 'delete' | 'get' | 'cloneUrlOf'>;
}

/** Creates, updates and deletes nested stacks for AWS::CloudFormation::Stack. */
export interface NestedStackControl {
  /** Creates a nested stack; `onStackId` hears its id as soon as it exists, before its resources. */
  create(input: NestedStackInput, onStackId?: (stackId: string) => void): Promise<NestedStackResult>;
  update(stackId: string, input: NestedStackInput): Promise<NestedStackResult>;
  delete(stackId: string): Promise<void>;
}

/** A nested stack's template and parameters. */
export interface NestedStackInput {
  stackName: string;
  templateBody: string;
  templateFile: string;
  parameters: Record<string, string>;
}

/** What a nested stack operation left behind. */
export interface NestedStackResult {
  stackId: string;
  templateFile: string;
  outputs: Record<string, string>;
}

/** Everything a provider may use; settings of the engine plus the current resource's identity. */
export interface ProviderContext {
  stackName: string;
  stackId: string;
  logicalId: string;
  accountId: string;
  region: string;
  /** `host:port` of the local registry, used for RepositoryUri. */
  registryEndpoint: string;
  /** Base URL webhooks are delivered to (GetAtt Url of AWS::CodePipeline::Webhook). */
  webhookEndpoint: string;
  /** Folder of the template being run, for nested stacks given as relative paths. */
  templateDir: string;
  /** The account's buckets (S3). */
  artifacts: ArtifactStore;
  /** The account's registry (ECR). */
  repositories: RepositoryControl;
  services: ProviderServices;
  nested: NestedStackControl;
  /**
   * Records the physical id (and provider-private data) of the resource being created, before
   * anything exists: if slipway dies during the create, the rollback that follows knows what
   * to delete. Every provider that makes something calls it first.
   */
  claim(physicalId: string, internal?: Record<string, unknown>): void;
  /** The stack this resource is in, then its parent, and so on up (for nested stacks' recursion checks). */
  ancestry(): { stackName: string; templateBody: string; parameters: Record<string, string> }[];
  /** Whether another live resource of this type already has this physical id (a name AWS would refuse twice). */
  physicalIdInUse(type: string, physicalId: string): boolean;
  /** During an update rollback: the provider-private data the resource had before the update. */
  previousInternal?: Record<string, unknown>;
  /** A generated physical name, `<stack>-<logicalId>-<RANDOM>`, cut to fit `maxLength`. */
  generateName(maxLength: number, options?: { lowercase?: boolean; separator?: string }): string;
}

/** What exists after a create or update. */
export interface ProvisionResult {
  physicalId: string;
  /** What Ref returns. */
  ref: string;
  attributes: Record<string, unknown>;
  internal?: Record<string, unknown>;
}

/** The resource as it exists now. */
export interface CurrentResource {
  physicalId: string;
  properties: Record<string, unknown>;
  attributes: Record<string, unknown>;
  internal: Record<string, unknown>;
}

/** The property names a resource type accepts; 'any' when its schema allows any property. */
export type PropertyNames = readonly string[] | 'any';

/** One resource type's local counterpart. */
export interface ResourceProvider {
  /**
   * Every property the AWS type accepts (its resource provider schema, read-only ones included),
   * not only those the provider uses: CloudFormation refuses any other ("Encountered unsupported
   * property"), and a valid template must never be refused.
   */
  properties: PropertyNames;
  /** Top-level properties whose change needs a new physical resource ("Update requires: Replacement" in the AWS resource reference). */
  replaceOn: readonly string[];
  /** Properties that can never change: an update that changes one fails instead of replacing (e.g. a KMS key's KeySpec). */
  immutable?: readonly string[];
  /** Problems with the properties, each `PropertyPath: message`; empty when valid. */
  validate(properties: Record<string, unknown>): string[];
  create(ctx: ProviderContext, properties: Record<string, unknown>): Promise<ProvisionResult>;
  update(ctx: ProviderContext, current: CurrentResource, properties: Record<string, unknown>): Promise<ProvisionResult>;
  delete(ctx: ProviderContext, current: CurrentResource): Promise<void>;
  /** Names the property that sets a custom physical name, if the type has one. */
  nameProperty?: string;
  /** Whether something outside the properties changed (a nested stack's template file). */
  needsUpdate?(ctx: ProviderContext, current: CurrentResource, properties: Record<string, unknown>): boolean;
}

/** A provider failure that is the template's fault (a property AWS would reject). */
export class PropertyValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PropertyValidationError';
  }
}
