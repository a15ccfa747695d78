// The local CodePipeline engine's running side: StartPipelineExecution, the executions a created pipeline (and
// an updated one, where RestartExecutionOnUpdate says so) starts by itself, and the end of
// executions whose process died. Each Git source action's commit is taken when the execution
// starts and recorded as that action's position, so a restart builds exactly the commits that
// arrived meanwhile: no commit lost, none built twice. The control operations (stop, retry,
// manual approvals, stage transitions) are added on top in engine.ts.
import { randomUUID } from 'node:crypto';
import { SlipwayError } from '../../errors.js';
import type { Reporter } from '../../reporter.js';
import type { ProcessOwner } from '../state/index.js';
import type { PipelineServices } from './action-run.js';
import { GIT_SOURCES, runnerOf } from './action-providers.js';
import { ApprovalBoard } from './approvals.js';
import { ExecutionControl } from './execution-control.js';
import type { PipelineEvent } from './events.js';
import type { ExecutionTrigger, PipelineExecution } from './execution-model.js';
import { runExecution, type ResumePoint } from './execution-runner.js';
import type { ExecutionStore } from './execution-store.js';
import { branchHead, readableCopy } from './git-repository.js';
import type { ActionDeclaration, StoredPipeline } from './model.js';
import type { PipelineChange } from './pipeline-changes.js';
import type { Pipelines } from './pipelines.js';
import { pipelineVariables } from './pipeline-variables.js';
import { rollbackExecution } from './rollback.js';
import { StageGates } from './stage-gates.js';

/** What the engine is wired with. */
export interface PipelineEngineOptions {
  pipelines: Pipelines;
  store: ExecutionStore;
  services: PipelineServices;
  owner: ProcessOwner;
  reporter: Reporter<PipelineEvent>;
  /** Where actions get folders of their own. */
  workRoot: string;
  /** How long one minute of a manual approval's TimeoutInMinutes lasts. Default 60 000 ms (tests shorten it). */
  minuteMs?: number;
  /** How often, while an execution waits at a disabled transition, transitions changed by other processes are looked for. Default 1000 ms. */
  transitionPollMs?: number;
}

/** How an execution is started. */
export interface StartInput {
  trigger: ExecutionTrigger;
  /** V2 pipeline variables for this execution (StartPipelineExecution `variables`). */
  variables?: Record<string, string>;
  /** Commits by source action name (StartPipelineExecution `sourceRevisions`, or the push that started it). */
  revisions?: Record<string, string>;
}

/** An execution this engine runs. */
interface Running {
  control: ExecutionControl;
  done: Promise<PipelineExecution>;
}

/** Runs the executions of one account's pipelines in this process (PipelineEngine, engine.ts, adds their control). */
export class ExecutionEngine {
  /** The manual approvals waiting in this engine's executions. */
  readonly approvals: ApprovalBoard;
  protected readonly gates: StageGates;
  protected readonly running = new Map<string, Running>();
  private unsubscribe: (() => void) | undefined;

  constructor(protected readonly options: PipelineEngineOptions) {
    this.approvals = new ApprovalBoard(options.minuteMs);
    this.gates = new StageGates(options.pipelines, options.store, options.transitionPollMs);
  }

  /** Ends what died with its process; returns those executions. */
  open(): PipelineExecution[] {
    const interrupted = this.options.store.endInterrupted();
    for (const { pipelineName, pipelineExecutionId, status, statusSummary } of interrupted) {
      this.options.reporter.emit({ type: 'execution.finished', pipelineName, pipelineExecutionId, status, statusSummary });
    }
    return interrupted;
  }

  /**
   * Starts executions as pipelines are created, and updated where RestartExecutionOnUpdate says
   * so; after each change has been dealt with, one at a time, calls `then` (up re-reads sources).
   */
  follow(then: () => Promise<void> = () => Promise.resolve()): void {
    let queue = Promise.resolve();
    this.unsubscribe?.();
    this.unsubscribe = this.options.pipelines.onChange((change) => {
      queue = queue.then(() => this.onChange(change)).then(then).catch(() => undefined);
    });
  }

  /** StartPipelineExecution: records the execution and runs it; resolves once it is recorded. */
  async start(pipelineName: string, input: StartInput): Promise<PipelineExecution> {
    const stored = this.options.pipelines.require(pipelineName);
    const variables = pipelineVariables(stored.pipeline, input.variables ?? {});
    const revisions = { ...(await this.headsOf(stored)), ...input.revisions };
    const now = new Date().toISOString();
    const execution: PipelineExecution = {
      pipelineExecutionId: randomUUID(), pipelineName, pipelineVersion: stored.version, status: 'InProgress', executionMode: stored.pipeline.executionMode,
      trigger: input.trigger, sourceRevisions: [], variables, artifacts: {}, outputs: {}, startTime: now, lastUpdateTime: now, stages: {},
    };
    this.options.store.insert(execution, this.options.owner);
    for (const [action, revision] of Object.entries(revisions)) this.options.store.setPosition(pipelineName, action, revision);
    this.launch(stored, execution, revisions);
    return execution;
  }

  /** Resolves when the execution has ended, with its final record. */
  async wait(pipelineExecutionId: string): Promise<PipelineExecution> {
    const running = this.running.get(pipelineExecutionId);
    if (running) return running.done;
    const execution = this.options.store.get(pipelineExecutionId);
    if (!execution) throw new SlipwayError('PipelineExecutionNotFoundException', `Pipeline execution ${pipelineExecutionId} does not exist`);
    return execution;
  }

  /** Stops every running execution, abandoning its actions (their builds end STOPPED), and waits for them. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    this.gates.close();
    for (const { control } of this.running.values()) {
      try {
        control.stop({ abandon: true, reason: 'slipway is stopping' });
      } catch {
        // Already being abandoned.
      }
    }
    await Promise.allSettled([...this.running.values()].map((running) => running.done));
  }

  /** Runs a recorded execution in this process (from `resume` when given). */
  protected launch(stored: StoredPipeline, execution: PipelineExecution, revisions: Record<string, string>, resume?: ResumePoint): void {
    const { services, store, reporter, workRoot } = this.options;
    const locks = this.gates.locksOf(stored);
    const control = new ExecutionControl(execution, store, reporter, locks);
    const done = runExecution({
      services, store, locks, runners: runnerOf, reporter, workRoot, revisions, control, approvals: this.approvals,
      passable: (stageName) => this.gates.passable(stored.pipeline.name, stageName),
      rollback: (stageName, failed) => this.rollback(stored, stageName, failed),
    }, stored, execution, resume).finally(() => this.running.delete(execution.pipelineExecutionId));
    this.running.set(execution.pipelineExecutionId, { control, done });
  }

  /** Starts the ROLLBACK execution of a stage (a condition's ROLLBACK result); says what happened. */
  private rollback(stored: StoredPipeline, stageName: string, failed: PipelineExecution): string {
    const { execution, message } = rollbackExecution(this.options.store, stored, stageName, failed);
    if (!execution) return message;
    this.options.store.insert(execution, this.options.owner);
    this.launch(stored, execution, Object.fromEntries(execution.sourceRevisions.map((revision) => [revision.actionName, revision.revisionId])), { stageName, retryMode: 'ALL_ACTIONS', only: true });
    return message;
  }

  /** The commit each Git source action's branch points at now (undefined where it cannot be read yet). */
  protected async headsOf(stored: StoredPipeline): Promise<Record<string, string>> {
    const heads: Record<string, string> = {};
    for (const action of stored.pipeline.stages[0]?.actions ?? []) {
      if (!GIT_SOURCES.has(action.actionTypeId.provider)) continue;
      const head = await this.headOf(action).catch(() => undefined);
      if (head) heads[action.name] = head;
    }
    return heads;
  }

  /** The folder or URL a Git source action reads. */
  locate(action: ActionDeclaration): string {
    return this.options.services.sources.locate(action).location;
  }

  /** The commit one Git source action's branch points at now. */
  async headOf(action: ActionDeclaration): Promise<string | undefined> {
    const sources = this.options.services.sources;
    const repository = sources.locate(action);
    const folder = await readableCopy(repository.location, sources.mirrorOf(repository.name));
    return branchHead(folder, String(action.configuration.Branch ?? action.configuration.BranchName));
  }

  private async onChange(change: PipelineChange): Promise<void> {
    const name = change.pipeline.pipeline.name;
    if (change.kind === 'updated') this.gates.refresh();
    if (change.kind === 'created') await this.start(name, { trigger: { triggerType: 'CreatePipeline' } });
    if (change.kind === 'updated' && change.pipeline.pipeline.restartExecutionOnUpdate) await this.start(name, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'RestartExecutionOnUpdate' } });
    if (change.kind === 'deleted') this.gates.forget(name);
  }
}
