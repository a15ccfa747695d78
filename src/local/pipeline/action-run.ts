// What one action of an execution works with, and what it hands back. The engine resolves the
// action's configuration and finds its input artifacts; a runner per provider does the work.
import { SlipwayError } from '../../errors.js';
import type { ArtifactStore } from '../artifacts/index.js';
import type { CodeBuildService } from '../codebuild/service.js';
import type { RegistryControl } from '../registry/index.js';
import type { ChangeSets, StackEngine } from '../stack/index.js';
import type { Connections } from './connections.js';
import type { ArtifactLocation, PipelineExecution, SourceRevision } from './execution-model.js';
import type { ApprovalBoard } from './approvals.js';
import type { ActionDeclaration, PipelineDeclaration } from './model.js';
import type { SourceLocations } from './source-locations.js';

/** The account's services a pipeline's actions use. */
export interface PipelineServices {
  buckets: ArtifactStore;
  codebuild: Pick<CodeBuildService, 'startBuild'>;
  connections: Pick<Connections, 'get'>;
  sources: SourceLocations;
  /** CodeBuild image → local image, for builds the pipeline starts (`<home>/codebuild/images.json`). */
  imageMap: () => Record<string, string>;
  /** The account's stacks and their change sets (CloudFormation deploy actions). */
  stacks: Pick<StackEngine, 'create' | 'update' | 'delete' | 'store'>;
  changeSets: Pick<ChangeSets, 'create' | 'describe' | 'delete' | 'execute'>;
  /** The registry's images (ECR source actions), opened on first use. */
  images: () => Pick<RegistryControl, 'describeImages'>;
  /** The account id, the region, and where the local registry (RepositoryUri) answers. */
  location: () => { accountId: string; region: string; registryEndpoint: string };
}

/** One action's run. */
export interface ActionRun {
  services: PipelineServices;
  pipeline: PipelineDeclaration;
  execution: PipelineExecution;
  action: ActionDeclaration;
  /** The configuration with its variables resolved. */
  configuration: Record<string, unknown>;
  inputs: ArtifactLocation[];
  /** A source action's commit when the execution was started for one (a push, or StartPipelineExecution's sourceRevisions). */
  revision?: string;
  /** The artifact store bucket output artifacts go to. */
  bucket: string;
  /** A folder of its own for the action's files; removed afterwards. */
  workDir: string;
  signal: AbortSignal;
  /** A progress line for the execution's log. */
  say(text: string): void;
  /** Records what the action runs while it runs (the build's id, so its log can be followed; an approval's token). */
  progress(result: { externalExecutionId: string; externalExecutionSummary?: string; externalExecutionUrl?: string; token?: string }): void;
  /** The engine's open manual approvals (set by the engine; the Manual approval action waits on it). */
  approvals?: ApprovalBoard;
}

/** How an action ended. */
export interface ActionOutcome {
  status: 'Succeeded' | 'Failed';
  outputArtifacts: ArtifactLocation[];
  outputVariables: Record<string, string>;
  executionResult?: {
    externalExecutionId?: string; externalExecutionSummary?: string; externalExecutionUrl?: string;
    errorDetails?: { code: string; message: string }
  };
  /** A source action's revision (the execution's source revision). */
  sourceRevision?: SourceRevision;
  /** Who ended the action, where a person did (a manual approval's approver). */
  lastUpdatedBy?: string;
}

/** Runs one kind of action. */
export type ActionRunner = (run: ActionRun) => Promise<ActionOutcome>;

/** A failed outcome with CodePipeline's error details. */
export function failed(code: string, message: string, extra: Partial<ActionOutcome> = {}): ActionOutcome {
  return { status: 'Failed', outputArtifacts: [], outputVariables: {}, ...extra, executionResult: { ...extra.executionResult, errorDetails: { code, message } } };
}

/** A problem with an action's configuration or inputs, thrown where it is found; the runner turns it into a failed outcome. */
export function configurationError(message: string): SlipwayError {
  return new SlipwayError('ConfigurationError', message, { kind: 'failed' });
}
