// The pipeline's stages as columns: for each stage, the execution it shows, that stage's status
// in it (StageExecution.status: InProgress, Failed, Stopped, Stopping, Succeeded, Cancelled), its
// inbound transition, and its actions' boxes. The stage status follows from its actions' latest
// runs as CodePipeline derives it: any running → InProgress, any failed → Failed, any abandoned →
// Stopped, all succeeded → Succeeded; a stage the execution left early takes the execution's end.
// The inbound transition is GetPipelineState's inboundTransitionState (as last set with
// Disable/EnableStageTransition, else as declared), with the executions waiting at it.
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
  inboundTransition: InboundTransition;
  actions: ActionView[];
}

/** A stage's inbound transition (TransitionState) and the executions held at it, oldest first. */
export interface InboundTransition {
  enabled: boolean;
  disabledReason?: string;
  lastChangedBy?: string;
  lastChangedAt?: string;
  waiting?: string[];
}

/** The transition as the pipeline's declaration has it (DisableInboundStageTransitions), for pipelines no longer stored. */
export function declaredTransition(pipeline: PipelineDeclaration): (stageName: string) => InboundTransition {
  return (stageName) => {
    const declared = pipeline.disableInboundStageTransitions.find((entry) => entry.stageName === stageName);
    return declared ? { enabled: false, disabledReason: declared.reason } : { enabled: true };
  };
}

/** What one stage's column is made of: the execution shown and that execution's runs in the stage (newest first). */
export interface StageRuns {
  execution?: PipelineExecution;
  runs: ActionExecution[];
}

/** The columns of `pipeline`, each from the runs `runsOf` gives for it, with the transition `transitionOf` gives. */
export function stageViews(
  pipeline: PipelineDeclaration, runsOf: (stage: StageDeclaration) => StageRuns, transitionOf = declaredTransition(pipeline),
): StageView[] {
  return pipeline.stages.map((stage) => {
    const { execution, runs } = runsOf(stage);
    const actions = stage.actions.map((action) => actionView(action, runs.filter((run) => run.actionName === action.name)));
    const status = execution && runs.length > 0 ? stageStatus(actions, execution) : undefined;
    return {
      stageName: stage.name,
      ...(execution && runs.length > 0 ? { pipelineExecutionId: execution.pipelineExecutionId } : {}),
      ...(status ? { status } : {}),
      inboundTransition: transitionOf(stage.name),
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
