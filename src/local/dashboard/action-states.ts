// One action as the dashboard's boxes show it: its declaration (provider, run order, masked
// configuration) and its latest run in the execution shown, in GetPipelineState's terms
// (ActionState.latestExecution: status, summary, lastStatusChange, externalExecutionId, error
// details), plus what the console links and prints: a source's revision and commit message, the
// build a CodeBuild action ran.
import type { ActionDeclaration, ActionExecution } from '../pipeline/index.js';
import { maskedByName } from './secret-masking.js';

/** An action's latest run, as the page shows it. */
export interface ActionRunView {
  actionExecutionId: string;
  pipelineExecutionId: string;
  status: ActionExecution['status'];
  startTime: string;
  lastStatusChange: string;
  summary?: string;
  errorDetails?: { code: string; message: string };
  /** A source action's commit, and the first line of its message. */
  revision?: { revisionId: string; message?: string };
  /** The build a CodeBuild action ran (`/builds/<id>`). */
  buildId?: string;
  /** Who answered a manual approval (the caller's ARN, GetPipelineState's lastUpdatedBy). */
  lastUpdatedBy?: string;
  /** How many times the action ran in this execution (more than one after a retry). */
  attempts: number;
}

/** An action's box: declaration and latest run. */
export interface ActionView {
  actionName: string;
  category: string;
  provider: string;
  owner: string;
  runOrder: number;
  namespace?: string;
  configuration: Record<string, unknown>;
  inputArtifacts: string[];
  outputArtifacts: string[];
  latest?: ActionRunView;
}

/** The view of one action's latest run among `runs` (its runs in one execution, newest first). */
export function actionRunView(runs: readonly ActionExecution[]): ActionRunView | undefined {
  const latest = runs[0];
  if (!latest) return undefined;
  const result = latest.output.executionResult ?? {};
  const provider = latest.input.actionTypeId.provider;
  const commit = latest.output.outputVariables.CommitId ?? latest.output.outputArtifacts[0]?.revision;
  return {
    actionExecutionId: latest.actionExecutionId,
    pipelineExecutionId: latest.pipelineExecutionId,
    status: latest.status,
    startTime: latest.startTime,
    lastStatusChange: latest.lastUpdateTime,
    ...(result.externalExecutionSummary ? { summary: result.externalExecutionSummary } : {}),
    ...(result.errorDetails ? { errorDetails: result.errorDetails } : {}),
    ...(latest.input.actionTypeId.category === 'Source' && commit ? { revision: { revisionId: commit, message: latest.output.outputVariables.CommitMessage?.split('\n')[0] } } : {}),
    ...(provider === 'CodeBuild' && result.externalExecutionId ? { buildId: result.externalExecutionId } : {}),
    ...(latest.lastUpdatedBy ? { lastUpdatedBy: latest.lastUpdatedBy } : {}),
    attempts: runs.length,
  };
}

/** An action's box from its declaration and its runs in the execution shown (newest first). */
export function actionView(action: ActionDeclaration, runs: readonly ActionExecution[]): ActionView {
  const latest = actionRunView(runs);
  return {
    actionName: action.name,
    category: action.actionTypeId.category,
    provider: action.actionTypeId.provider,
    owner: action.actionTypeId.owner,
    runOrder: action.runOrder,
    ...(action.namespace ? { namespace: action.namespace } : {}),
    configuration: maskedByName(action.configuration),
    inputArtifacts: action.inputArtifacts,
    outputArtifacts: action.outputArtifacts,
    ...(latest ? { latest } : {}),
  };
}
