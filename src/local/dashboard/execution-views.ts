// Executions as the dashboard shows them: a summary per row of the history (ListPipelineExecutions'
// PipelineExecutionSummary: status, trigger, source revisions, start and last update), and one
// execution's page (GetPipelineExecution: its variables and artifacts; the output variables of
// its actions by namespace; its stages as columns with this execution's runs).
import { SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../account/index.js';
import type { ActionExecution, PipelineDeclaration, PipelineExecution } from '../pipeline/index.js';
import { maskedByName } from './secret-masking.js';
import { stageViews } from './stage-views.js';

/** A row of the execution history. */
export interface ExecutionSummary {
  pipelineExecutionId: string;
  pipelineName: string;
  status: PipelineExecution['status'];
  statusSummary?: string;
  executionMode: PipelineExecution['executionMode'];
  trigger: PipelineExecution['trigger'];
  sourceRevisions: { actionName: string; revisionId: string; revisionSummary?: string }[];
  startTime: string;
  lastUpdateTime: string;
}

/** An execution's row. */
export function executionSummary(execution: PipelineExecution): ExecutionSummary {
  const { pipelineExecutionId, pipelineName, status, statusSummary, executionMode, trigger, startTime, lastUpdateTime } = execution;
  const sourceRevisions = execution.sourceRevisions.map(({ actionName, revisionId, revisionSummary }) => ({ actionName, revisionId, ...(revisionSummary ? { revisionSummary: revisionSummary.split('\n')[0] } : {}) }));
  return {
    pipelineExecutionId, pipelineName, status, ...(statusSummary ? { statusSummary } : {}), executionMode, trigger,
    sourceRevisions, startTime, lastUpdateTime,
  };
}

/** A pipeline's executions, newest first. */
export function executionHistory(account: LocalAccount, pipelineName: string, limit: number): ExecutionSummary[] {
  account.pipelines.require(pipelineName);
  return account.executions.list({ pipelineName, limit }).map(executionSummary);
}

/** One execution's page. */
export function executionDetail(account: LocalAccount, pipelineExecutionId: string) {
  const execution = account.executions.get(pipelineExecutionId);
  if (!execution) throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution ${pipelineExecutionId} does not exist`);
  const runs = account.executions.actions({ pipelineExecutionId });
  const stored = account.pipelines.get(execution.pipelineName)?.pipeline;
  const declaration = stored ?? declarationOf(execution, runs);
  const transitionOf = stored ? (stageName: string) => account.executions.transitions.state(stored, stageName) : undefined;
  return {
    ...executionSummary(execution),
    pipelineVersion: execution.pipelineVersion,
    variables: execution.variables,
    artifacts: Object.values(execution.artifacts).map(({ name, bucket, key, revision }) => ({ name, location: `s3://${bucket}/${key}`, ...(revision ? { revision } : {}) })),
    outputs: Object.fromEntries(Object.entries(execution.outputs).map(([namespace, values]) => [namespace, maskedByName(values)])),
    stages: stageViews(declaration, (stage) => ({ execution, runs: runs.filter((run) => run.stageName === stage.name) }), transitionOf),
  };
}

/** The stages an execution ran, from its runs, for an execution whose pipeline has since been deleted. */
function declarationOf(execution: PipelineExecution, runs: readonly ActionExecution[]): PipelineDeclaration {
  const stages = new Map<string, PipelineDeclaration['stages'][number]>();
  for (const run of [...runs].reverse()) {
    const stage = stages.get(run.stageName) ?? { name: run.stageName, actions: [] };
    stages.set(run.stageName, stage);
    if (stage.actions.some((action) => action.name === run.actionName)) continue;
    stage.actions.push({
      name: run.actionName, actionTypeId: run.input.actionTypeId, runOrder: 1, configuration: run.input.configuration,
      inputArtifacts: [], outputArtifacts: [],
    });
  }
  return {
    name: execution.pipelineName, roleArn: '', pipelineType: 'V1', executionMode: execution.executionMode, stages: [...stages.values()],
    variables: [], triggers: [], restartExecutionOnUpdate: false, disableInboundStageTransitions: [],
  };
}
