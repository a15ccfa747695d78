// Pipeline executions and action executions as the local engine keeps them, in the shapes of
// CodePipeline's GetPipelineExecution, ListPipelineExecutions and ListActionExecutions answers.

/** PipelineExecution status values (CodePipeline API reference). */
export type ExecutionStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Superseded' | 'Failed' | 'Cancelled';

/** ActionExecution status values. */
export type ActionStatus = 'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';

/** What started an execution (ExecutionTrigger). */
export interface ExecutionTrigger {
  triggerType: 'CreatePipeline' | 'StartPipelineExecution' | 'PollForSourceChanges' | 'Webhook' | 'WebhookV2' | 'CloudWatchEvent' | 'PutActionRevision';
  triggerDetail?: string;
}

/** A source action's revision (SourceRevision, and ArtifactRevision's fields). */
export interface SourceRevision {
  actionName: string;
  revisionId: string;
  revisionSummary?: string;
  revisionUrl?: string;
}

/** Where an artifact is: an object in the pipeline's artifact bucket (S3Location). */
export interface ArtifactLocation {
  name: string;
  bucket: string;
  key: string;
  /** The source revision it holds, for a source action's artifact (CODEBUILD_RESOLVED_SOURCE_VERSION of the builds reading it). */
  revision?: string;
}

/** One execution of a pipeline. */
export interface PipelineExecution {
  pipelineExecutionId: string;
  pipelineName: string;
  pipelineVersion: number;
  status: ExecutionStatus;
  statusSummary?: string;
  executionMode: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';
  trigger: ExecutionTrigger;
  sourceRevisions: SourceRevision[];
  /** V2 pipeline-level variables, resolved for this execution (defaults and overrides). */
  variables: { name: string; resolvedValue: string }[];
  /** Output artifacts made so far, by name. */
  artifacts: Record<string, ArtifactLocation>;
  /** Output variables of every action so far, by namespace (or by action name when it has none). */
  outputs: Record<string, Record<string, string>>;
  startTime: string;
  lastUpdateTime: string;
}

/** One run of one action in one execution (ActionExecutionDetail). */
export interface ActionExecution {
  actionExecutionId: string;
  pipelineExecutionId: string;
  pipelineVersion: number;
  stageName: string;
  actionName: string;
  status: ActionStatus;
  startTime: string;
  lastUpdateTime: string;
  input: {
    actionTypeId: { category: string; owner: string; provider: string; version: string };
    configuration: Record<string, unknown>;
    resolvedConfiguration: Record<string, unknown>;
    inputArtifacts: ArtifactLocation[];
    namespace?: string;
  };
  output: {
    outputArtifacts: ArtifactLocation[];
    outputVariables: Record<string, string>;
    executionResult?: { externalExecutionId?: string; externalExecutionSummary?: string; externalExecutionUrl?: string; errorDetails?: { code: string; message: string } };
  };
}
