// The stage locks of every pipeline with executions in this process, with each stage's gate kept
// to its transitions (DisableStageTransition / EnableStageTransition, and the template's
// DisableInboundStageTransitions). A transition changed by this process opens or closes the gate
// at once; one changed by another process is seen when an execution reaches the stage, and, while
// an execution waits at a closed gate, by looking again every `pollMs`.
import type { ExecutionStore } from './execution-store.js';
import type { StoredPipeline } from './model.js';
import type { Pipelines } from './pipelines.js';
import { StageLocks } from './stage-locks.js';

/** Stage locks and gates by pipeline. */
export class StageGates {
  private readonly locks = new Map<string, { mode: string; locks: StageLocks }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pipelines: Pipelines, private readonly store: ExecutionStore, private readonly pollMs = 1000) {}

  /** The pipeline's stage locks, made anew when its execution mode changed. */
  locksOf(stored: StoredPipeline): StageLocks {
    const mode = stored.pipeline.executionMode;
    const current = this.locks.get(stored.pipeline.name);
    if (current?.mode === mode) return current.locks;
    const locks = new StageLocks(mode);
    this.locks.set(stored.pipeline.name, { mode, locks });
    return locks;
  }

  /** The pipeline's stage locks, if it has any here. */
  existing(pipelineName: string): StageLocks | undefined {
    return this.locks.get(pipelineName)?.locks;
  }

  /** Whether executions may pass into a stage now, and why not; the stage's gate is set to match. */
  passable(pipelineName: string, stageName: string): { open: boolean; reason?: string } {
    const pipeline = this.pipelines.get(pipelineName)?.pipeline;
    const passable = pipeline ? this.store.transitions.passable(pipeline, stageName) : { open: true };
    this.locks.get(pipelineName)?.locks.setOpen(stageName, passable.open);
    if (!passable.open) this.watch();
    return passable;
  }

  /** Sets the gate of every stage of every pipeline with locks here from the recorded transitions. */
  refresh(): void {
    for (const pipelineName of this.locks.keys()) {
      for (const stage of this.pipelines.get(pipelineName)?.pipeline.stages ?? []) this.passable(pipelineName, stage.name);
    }
  }

  /** Forgets a deleted pipeline's locks and transitions. */
  forget(pipelineName: string): void {
    this.locks.delete(pipelineName);
    this.store.transitions.forget(pipelineName);
  }

  /** Stops looking for transitions. */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if ([...this.locks.values()].some(({ locks }) => locks.holdsAtClosedGate())) this.refresh();
      else this.close();
    }, this.pollMs);
    // Not unref'd: an execution held at a gate is work in progress, which keeps a `slipway start` alive.
  }
}
