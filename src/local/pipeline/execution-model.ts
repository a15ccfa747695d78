// Pipeline executions and action executions as the local engine keeps them, in the shapes of
// CodePipeline's GetPipelineExecution, ListPipelineExecutions and ListActionExecutions answers.

/** PipelineExecution status values (CodePipeline API reference). */
export type ExecutionStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Superseded' | 'Failed' | 'Cancelled';

/** ActionExecution status values. */
export type ActionStatus = 'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';

/** StageExecution status values: how a stage ended in one execution (Skipped by a BeforeEntry condition). */
export type StageStatus = 'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Failed' | 'Skipped';

/** A stage condition's kind, as GetPipelineState names its states. */
export type ConditionKind = 'beforeEntry' | 'onSuccess' | 'onFailure';

/** How one condition of a stage was checked in one execution (ConditionState; RuleState for each rule). */
export interface ConditionRecord {
  status: 'Succeeded' | 'Failed' | 'Errored';
  summary: string;
  time: string;
  rules: { ruleName: string; status: 'Succeeded' | 'Failed'; summary: string }[];
}

/** What started an execution (ExecutionTrigger). */
export interface ExecutionTrigger {
  triggerType: 'CreatePipeline' | 'StartPipelineExecution' | 'PollForSourceChanges' | 'Webhook' | 'WebhookV2' | 'CloudWatchEvent' | 'PutActionRevision' | 'ManualRollback' | 'AutomatedRollback';
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
  /** How each stage the execution reached ended, or that it runs (absent in records from before stage statuses were kept). */
  stages?: Record<string, StageStatus>;
  /** Each stage's conditions as they were last checked in this execution. */
  conditions?: Record<string, Partial<Record<ConditionKind, ConditionRecord>>>;
  /** STANDARD, or ROLLBACK for an execution that rolls a stage back to an earlier execution (absent means STANDARD). */
  executionType?: 'STANDARD' | 'ROLLBACK';
  /** The execution a ROLLBACK execution rolls back to (RollbackMetadata). */
  rollbackMetadata?: { rollbackTargetPipelineExecutionId: string };
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
  /** A manual approval's token while it waits (PutApprovalResult names it; GetPipelineState shows it). */
  token?: string;
  /** Who answered a manual approval (the caller's ARN). */
  lastUpdatedBy?: string;
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
    executionResult?: {
      externalExecutionId?: string; externalExecutionSummary?: string; externalExecutionUrl?: string;
      errorDetails?: { code: string; message: string }
    };
  };
}
