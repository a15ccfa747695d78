// Stopping one running execution (CodePipeline StopPipelineExecution, "Stop a pipeline execution"):
// stop and wait lets the in-progress actions finish and starts nothing more; stop and abandon
// abandons them at once (a build is stopped, its container removed). Either way the execution is
// Stopping until its actions are done, then Stopped, and an execution waiting at a stage leaves
// at once. A Stopping execution may still be abandoned; asking the same again is refused.
import { SlipwayError } from '../../errors.js';
import type { Reporter } from '../../reporter.js';
import type { PipelineEvent } from './events.js';
import type { PipelineExecution } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import type { StageLocks } from './stage-locks.js';

/** The wait of an execution that was stopped before it got into a stage. */
export class StopRequested extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason ?? 'stopped');
    this.name = 'StopRequested';
  }
}

/** How an execution is asked to stop (StopPipelineExecution's `abandon` and `reason`). */
export interface StopOptions {
  abandon?: boolean;
  reason?: string;
}

/** The stop state of one execution this process runs. */
export class ExecutionControl {
  private readonly abandoning = new AbortController();
  private request: StopOptions | undefined;

  constructor(
    readonly execution: PipelineExecution, private readonly store: ExecutionStore,
    private readonly reporter: Reporter<PipelineEvent>, private readonly locks: StageLocks,
  ) {}

  /** Aborted when the execution is abandoned: its in-progress actions stop. */
  get signal(): AbortSignal {
    return this.abandoning.signal;
  }

  /** Whether a stop was asked for: no further action or stage starts. */
  get stopping(): boolean {
    return this.request !== undefined;
  }

  /** The reason given with the stop. */
  get reason(): string | undefined {
    return this.request?.reason;
  }

  /** StopPipelineExecution on this execution; the execution is Stopping once this returns. */
  stop(options: StopOptions): void {
    const abandon = options.abandon === true;
    if (this.request && (!abandon || this.request.abandon)) {
      throw new SlipwayError('DuplicatedStopRequestException', `The pipeline execution ${this.execution.pipelineExecutionId} is already in a Stopping state${this.request.abandon ? ' (abandoning)' : '; you can still stop and abandon it (--abandon)'}`);
    }
    this.request = { abandon, reason: options.reason ?? this.request?.reason };
    Object.assign(this.execution, { status: 'Stopping', statusSummary: this.request.reason, lastUpdateTime: new Date().toISOString() });
    this.store.save(this.execution);
    const { pipelineName, pipelineExecutionId } = this.execution;
    this.reporter.emit({ type: 'execution.stopping', pipelineName, pipelineExecutionId, abandon, reason: this.request.reason });
    this.locks.withdraw(pipelineExecutionId, new StopRequested(this.request.reason));
    if (abandon) this.abandoning.abort(new StopRequested(this.request.reason));
  }
}
