// Stage transitions (CodePipeline DisableStageTransition / EnableStageTransition): whether
// executions may pass into a stage (Inbound) or out of it (Outbound), with the reason it was
// disabled, who changed it and when (GetPipelineState's inboundTransitionState). What was set with
// these operations is kept in the home's database, so every process sees it; a stage nobody set
// follows the template's DisableInboundStageTransitions.
import type { Migration, StateDatabase } from '../state/index.js';
import type { PipelineDeclaration } from './model.js';

/** The table of transitions set by DisableStageTransition and EnableStageTransition. */
export const TRANSITION_MIGRATIONS: Migration[] = [{
  id: 'pipeline-control-0001-transitions',
  sql: `CREATE TABLE codepipeline_transitions (pipeline TEXT NOT NULL, stage TEXT NOT NULL, type TEXT NOT NULL, enabled INTEGER NOT NULL,
    reason TEXT, changed_by TEXT, changed_at TEXT NOT NULL, PRIMARY KEY (pipeline, stage, type))`,
}];

/** Inbound or Outbound (StageTransitionType). */
export type TransitionType = 'Inbound' | 'Outbound';

/** A transition's state (TransitionState). */
export interface TransitionState {
  enabled: boolean;
  disabledReason?: string;
  lastChangedBy?: string;
  lastChangedAt?: string;
}

interface Row {
  enabled: number;
  reason: string | null;
  changed_by: string | null;
  changed_at: string;
}

/** The transitions of one account's pipelines. */
export class StageTransitions {
  constructor(private readonly db: StateDatabase) {}

  /** Records a transition's new state. */
  set(pipelineName: string, stageName: string, type: TransitionType, state: { enabled: boolean; reason?: string; by?: string }): void {
    this.db.prepare('INSERT OR REPLACE INTO codepipeline_transitions VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(pipelineName, stageName, type, state.enabled ? 1 : 0, state.enabled ? null : (state.reason ?? null), state.by ?? null, new Date().toISOString());
  }

  /** A transition's state: as last set, else as the pipeline's declaration has it (enabled unless DisableInboundStageTransitions names it). */
  state(pipeline: PipelineDeclaration, stageName: string, type: TransitionType = 'Inbound'): TransitionState {
    const row = this.db.prepare('SELECT enabled, reason, changed_by, changed_at FROM codepipeline_transitions WHERE pipeline = ? AND stage = ? AND type = ?')
      .get(pipeline.name, stageName, type) as Row | undefined;
    if (row) return {
      enabled: row.enabled === 1, ...(row.reason ? { disabledReason: row.reason } : {}),
      ...(row.changed_by ? { lastChangedBy: row.changed_by } : {}), lastChangedAt: row.changed_at,
    };
    const declared = type === 'Inbound' ? pipeline.disableInboundStageTransitions.find((entry) => entry.stageName === stageName) : undefined;
    return declared ? { enabled: false, disabledReason: declared.reason } : { enabled: true };
  }

  /** Whether executions may pass into `stageName`: its inbound transition and the previous stage's outbound one are enabled. */
  passable(pipeline: PipelineDeclaration, stageName: string): { open: boolean; reason?: string } {
    const index = pipeline.stages.findIndex((stage) => stage.name === stageName);
    const inbound = this.state(pipeline, stageName, 'Inbound');
    if (!inbound.enabled) return { open: false, reason: inbound.disabledReason };
    const previous = pipeline.stages[index - 1];
    const outbound = previous ? this.state(pipeline, previous.name, 'Outbound') : { enabled: true };
    return outbound.enabled ? { open: true } : { open: false, reason: outbound.disabledReason };
  }

  /** Forgets a deleted pipeline's transitions. */
  forget(pipelineName: string): void {
    this.db.prepare('DELETE FROM codepipeline_transitions WHERE pipeline = ?').run(pipelineName);
  }
}
