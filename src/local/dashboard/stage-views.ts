// The pipeline's stages as columns: for each stage, the execution it shows, that stage's status
// in it (StageExecution.status: InProgress, Failed, Stopped, Stopping, Succeeded, Cancelled), its
// inbound transition, and its actions' boxes. The stage status follows from its actions' latest
// runs as CodePipeline derives it: any running → InProgress, any failed → Failed, any abandoned →
// Stopped, all succeeded → Succeeded; a stage the execution left early takes the execution's end.
import type { ActionExecution, PipelineDeclaration, PipelineExecution, StageDeclaration } from '../pipeline/index.js';
import { actionView, type ActionView } from './action-states.js';

/** StageExecution status values. */
export type StageStatus = 'InProgress' | 'Failed' | 'Stopped' | 'Stopping' | 'Succeeded' | 'Cancelled';

/** One column. */
export interface StageView {
  stageName: string;
  /** The execution whose runs the column shows; absent when no execution entered the stage. */
  pipelineExecutionId?: string;
  status?: StageStatus;
  inboundTransition: { enabled: boolean; disabledReason?: string };
  actions: ActionView[];
}

/** What one stage's column is made of: the execution shown and that execution's runs in the stage (newest first). */
export interface StageRuns {
  execution?: PipelineExecution;
  runs: ActionExecution[];
}

/** The columns of `pipeline`, each from the runs `runsOf` gives for it. */
export function stageViews(pipeline: PipelineDeclaration, runsOf: (stage: StageDeclaration) => StageRuns): StageView[] {
  const disabled = new Map(pipeline.disableInboundStageTransitions.map((entry) => [entry.stageName, entry.reason]));
  return pipeline.stages.map((stage) => {
    const { execution, runs } = runsOf(stage);
    const actions = stage.actions.map((action) => actionView(action, runs.filter((run) => run.actionName === action.name)));
    const status = execution && runs.length > 0 ? stageStatus(actions, execution) : undefined;
    return {
      stageName: stage.name,
      ...(execution && runs.length > 0 ? { pipelineExecutionId: execution.pipelineExecutionId } : {}),
      ...(status ? { status } : {}),
      inboundTransition: disabled.has(stage.name) ? { enabled: false, disabledReason: disabled.get(stage.name) } : { enabled: true },
      actions,
    };
  });
}

/** A stage's status from its actions' latest runs in `execution`. */
export function stageStatus(actions: readonly ActionView[], execution: PipelineExecution): StageStatus {
  const statuses = actions.map((action) => action.latest?.status);
  if (statuses.includes('InProgress')) return execution.status === 'Stopping' ? 'Stopping' : 'InProgress';
  if (statuses.includes('Failed')) return 'Failed';
  if (statuses.includes('Abandoned')) return 'Stopped';
  if (statuses.every((status) => status === 'Succeeded')) return 'Succeeded';
  // Some actions never ran: the execution left the stage before them, or has not reached them yet.
  switch (execution.status) {
    case 'InProgress': return 'InProgress';
    case 'Stopping': return 'Stopping';
    case 'Stopped': return 'Stopped';
    case 'Failed': return 'Failed';
    default: return 'Cancelled';
  }
}
