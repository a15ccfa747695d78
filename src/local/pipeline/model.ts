// The local CodePipeline's declarations, in the shapes of CodePipeline's GetPipeline answer and of
// the related services (webhooks, CodeStar Connections, EventBridge rules), normalized: every
// default applied, `ActionTypeId.Version` always a string, `RunOrder` always a number, artifacts
// as names. The pipeline engine reads these; the CloudFormation providers write them.

/** An action (ActionDeclaration). */
export interface ActionDeclaration {
  name: string;
  actionTypeId: { category: string; owner: string; provider: string; version: string };
  /** Default 1. */
  runOrder: number;
  configuration: Record<string, unknown>;
  inputArtifacts: string[];
  outputArtifacts: string[];
  namespace?: string;
  roleArn?: string;
  region?: string;
  timeoutInMinutes?: number;
  /** A Commands action's shell commands (V2 `Compute/AWS/Commands`: a field of the action, not of its configuration). */
  commands?: string[];
  /** A Commands action's environment variables to export as its output variables. */
  outputVariables?: string[];
  /** OutputArtifacts[].Files by artifact name: what a compute action exports into that artifact. */
  outputArtifactFiles?: Record<string, string[]>;
}

/** A stage (StageDeclaration), with its V2 conditions as the template wrote them. */
export interface StageDeclaration {
  name: string;
  actions: ActionDeclaration[];
  beforeEntry?: unknown;
  onSuccess?: unknown;
  onFailure?: unknown;
}

/** An artifact store: the bucket artifacts are zipped into. */
export interface ArtifactStoreDeclaration {
  type: string;
  location: string;
  encryptionKey?: unknown;
}

/** A pipeline (PipelineDeclaration). */
export interface PipelineDeclaration {
  name: string;
  roleArn: string;
  /** `V1` when PipelineType is absent (AWS default). */
  pipelineType: 'V1' | 'V2';
  /** `SUPERSEDED` when absent (AWS default). */
  executionMode: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';
  artifactStore?: ArtifactStoreDeclaration;
  artifactStores?: { region: string; artifactStore: ArtifactStoreDeclaration }[];
  stages: StageDeclaration[];
  variables: { name: string; defaultValue?: string; description?: string }[];
  triggers: { providerType: string; gitConfiguration: Record<string, unknown> }[];
  /** Whether an update starts an execution (RestartExecutionOnUpdate; default false). */
  restartExecutionOnUpdate: boolean;
  disableInboundStageTransitions: { stageName: string; reason: string }[];
}

/** A pipeline as stored: its declaration and GetPipeline's metadata. */
export interface StoredPipeline {
  pipeline: PipelineDeclaration;
  /** Starts at 1, increases on every update (GetPipeline `version`, GetAtt Version). */
  version: number;
  metadata: { pipelineArn: string; created: string; updated: string };
}

/** A webhook (AWS::CodePipeline::Webhook, PutWebhook's WebhookDefinition) and its URL. */
export interface WebhookDeclaration {
  name: string;
  url: string;
  authentication: 'GITHUB_HMAC' | 'IP' | 'UNAUTHENTICATED';
  authenticationConfiguration: { SecretToken?: string; AllowedIPRange?: string };
  filters: { jsonPath: string; matchEquals?: string }[];
  targetPipeline: string;
  targetAction: string;
  targetPipelineVersion: number;
  registerWithThirdParty: boolean;
}

/** A connection (CodeStar Connections / CodeConnections GetConnection); AVAILABLE at once locally. */
export interface ConnectionDeclaration {
  connectionName: string;
  connectionArn: string;
  providerType?: string;
  hostArn?: string;
  connectionStatus: 'AVAILABLE';
}

/** An EventBridge rule (DescribeRule and ListTargetsByRule in one). */
export interface EventRuleDeclaration {
  name: string;
  arn: string;
  state: string;
  eventBusName: string;
  eventPattern?: Record<string, unknown>;
  scheduleExpression?: string;
  targets: { id: string; arn: string; roleArn?: string; input?: string }[];
}
