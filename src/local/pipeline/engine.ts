// The local CodePipeline engine: StartPipelineExecution, the executions a created pipeline (and
// an updated one, where RestartExecutionOnUpdate says so) starts by itself, and the end of
// executions whose process died. Each Git source action's commit is taken when the execution
// starts and recorded as that action's position, so a restart builds exactly the commits that
// arrived meanwhile: no commit lost, none built twice.
import { randomUUID } from 'node:crypto';
import { SlipwayError } from '../../errors.js';
import type { Reporter } from '../../reporter.js';
import type { ProcessOwner } from '../state/index.js';
import type { PipelineServices } from './action-run.js';
import { GIT_SOURCES, runnerOf } from './action-providers.js';
import type { PipelineEvent } from './events.js';
import type { ExecutionTrigger, PipelineExecution } from './execution-model.js';
import { runExecution } from './execution-runner.js';
import type { ExecutionStore } from './execution-store.js';
import { branchHead, readableCopy } from './git-repository.js';
import type { ActionDeclaration, StoredPipeline } from './model.js';
import type { PipelineChange } from './pipeline-changes.js';
import type { Pipelines } from './pipelines.js';
import { StageLocks } from './stage-locks.js';
import { pipelineVariables } from './pipeline-variables.js';

/** What the engine is wired with. */
export interface PipelineEngineOptions {
  pipelines: Pipelines;
  store: ExecutionStore;
  services: PipelineServices;
  owner: ProcessOwner;
  reporter: Reporter<PipelineEvent>;
  /** Where actions get folders of their own. */
  workRoot: string;
}

/** How an execution is started. */
export interface StartInput {
  trigger: ExecutionTrigger;
  /** V2 pipeline variables for this execution (StartPipelineExecution `variables`). */
  variables?: Record<string, string>;
  /** Commits by source action name (StartPipelineExecution `sourceRevisions`, or the push that started it). */
  revisions?: Record<string, string>;
}

/** Runs the executions of one account's pipelines in this process. */
export class PipelineEngine {
  private readonly locks = new Map<string, { mode: string; locks: StageLocks }>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<PipelineExecution> }>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: PipelineEngineOptions) {}

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
      trigger: input.trigger, sourceRevisions: [], variables, artifacts: {}, outputs: {}, startTime: now, lastUpdateTime: now,
    };
    this.options.store.insert(execution, this.options.owner);
    for (const [action, revision] of Object.entries(revisions)) this.options.store.setPosition(pipelineName, action, revision);
    const controller = new AbortController();
    const done = runExecution({ services: this.options.services, store: this.options.store, locks: this.locksOf(stored), runners: runnerOf, reporter: this.options.reporter,
      workRoot: this.options.workRoot, revisions, signal: controller.signal }, stored, execution).finally(() => this.running.delete(execution.pipelineExecutionId));
    this.running.set(execution.pipelineExecutionId, { controller, done });
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

  /** Stops every running execution (their builds end STOPPED) and waits for them. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    for (const { controller } of this.running.values()) controller.abort(new Error('slipway is stopping'));
    await Promise.allSettled([...this.running.values()].map((running) => running.done));
  }

  /** The commit each Git source action's branch points at now (undefined where it cannot be read yet). */
  private async headsOf(stored: StoredPipeline): Promise<Record<string, string>> {
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
    if (change.kind === 'created') await this.start(change.pipeline.pipeline.name, { trigger: { triggerType: 'CreatePipeline' } });
    if (change.kind === 'updated' && change.pipeline.pipeline.restartExecutionOnUpdate) await this.start(change.pipeline.pipeline.name, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'RestartExecutionOnUpdate' } });
    if (change.kind === 'deleted') this.locks.delete(change.pipeline.pipeline.name);
  }

  /** The pipeline's stage locks, made anew when its execution mode changed. */
  private locksOf(stored: StoredPipeline): StageLocks {
    const mode = stored.pipeline.executionMode;
    const current = this.locks.get(stored.pipeline.name);
    if (current?.mode === mode) return current.locks;
    const locks = new StageLocks(mode);
    this.locks.set(stored.pipeline.name, { mode, locks });
    return locks;
  }
}
