// Change detection for Git source actions, as each provider does it on AWS (aws-semantics §2,
// "Defaults"): GitHub version 1 and CodeCommit poll unless PollForSourceChanges is false (then a
// webhook starts a GitHub pipeline), a connection detects pushes unless DetectChanges is false
// (WebhookV2 where a V2 trigger names the action). Locally a push is seen through file-system
// events on the repository's refs, with polling as a fallback and for repositories given by URL;
// a branch whose commit differs from the action's position starts an execution for that commit.
import { execFile } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PipelineEngine } from './engine.js';
import type { ExecutionTrigger } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import { isRemote } from './git-repository.js';
import type { ActionDeclaration, PipelineDeclaration } from './model.js';
import type { Pipelines } from './pipelines.js';

const git = promisify(execFile);

/** How often sources are checked without a file-system event: local folders, and repositories given by URL. */
export const DEFAULT_POLL_MS = { local: 5000, remote: 60_000 };

const enabled = (value: unknown, byDefault: boolean) => (value === undefined ? byDefault : value === true || value === 'true');

/** The trigger a push to this source action's branch starts an execution with, or undefined when nothing does. */
export function changeDetection(pipeline: PipelineDeclaration, action: ActionDeclaration, hasWebhook: boolean): ExecutionTrigger['triggerType'] | undefined {
  const config = action.configuration;
  switch (action.actionTypeId.provider) {
    case 'GitHub':
      return enabled(config.PollForSourceChanges, true) ? 'PollForSourceChanges' : hasWebhook ? 'Webhook' : undefined;
    case 'CodeCommit':
      return enabled(config.PollForSourceChanges, true) ? 'PollForSourceChanges' : undefined;
    case 'CodeStarSourceConnection':
      if (!enabled(config.DetectChanges, true)) return undefined;
      return pipeline.triggers.some((trigger) => trigger.gitConfiguration.SourceActionName === action.name) ? 'WebhookV2' : 'Webhook';
    default:
      return undefined;
  }
}

interface Target {
  pipelineName: string;
  action: ActionDeclaration;
  trigger: ExecutionTrigger['triggerType'];
}

/** Watches the sources of every pipeline and starts executions for new commits. */
export class SourceWatch {
  private watchers: FSWatcher[] = [];
  private timers: NodeJS.Timeout[] = [];
  private readonly busy = new Set<string>();

  constructor(private readonly engine: PipelineEngine, private readonly pipelines: Pipelines, private readonly store: ExecutionStore, private readonly poll = DEFAULT_POLL_MS) {}

  /** (Re)starts watching every pipeline's sources, and checks each once now (commits that came while slipway was down). */
  async refresh(): Promise<void> {
    this.close();
    const hooked = new Set(this.pipelines.listWebhooks().map((hook) => `${hook.targetPipeline}/${hook.targetAction}`));
    for (const stored of this.pipelines.list()) {
      for (const action of stored.pipeline.stages[0]?.actions ?? []) {
        const trigger = changeDetection(stored.pipeline, action, hooked.has(`${stored.pipeline.name}/${action.name}`));
        if (trigger) await this.watchTarget({ pipelineName: stored.pipeline.name, action, trigger });
      }
    }
  }

  /** Stops watching. */
  close(): void {
    for (const watcher of this.watchers.splice(0)) watcher.close();
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  private async watchTarget(target: Target): Promise<void> {
    const check = () => void this.check(target).catch(() => undefined);
    let location: string;
    try {
      location = this.engine.locate(target.action);
    } catch {
      return; // no repository for it: the source action will say so when an execution runs
    }
    const remote = isRemote(location);
    if (!remote) this.watchRefs(location, check);
    const timer = setInterval(check, remote ? this.poll.remote : this.poll.local);
    timer.unref();
    this.timers.push(timer);
    await this.check(target);
  }

  /** File-system events on the repository's refs (a commit, a fetch, a push into it). */
  private watchRefs(folder: string, check: () => void): void {
    void git('git', ['-C', folder, 'rev-parse', '--path-format=absolute', '--git-common-dir']).then(({ stdout }) => {
      const common = stdout.trim();
      let pending: NodeJS.Timeout | undefined;
      const soon = () => {
        clearTimeout(pending);
        pending = setTimeout(check, 50);
      };
      for (const [path, recursive] of [[join(common, 'refs'), true], [common, false]] as const) {
        try {
          this.watchers.push(watch(path, { recursive, persistent: false }, soon));
        } catch {
          // Polling still covers the repository.
        }
      }
    }, () => undefined);
  }

  private async check(target: Target): Promise<void> {
    const key = `${target.pipelineName}/${target.action.name}`;
    if (this.busy.has(key)) return;
    this.busy.add(key);
    try {
      const head = await this.engine.headOf(target.action);
      if (head && head !== this.store.position(target.pipelineName, target.action.name)) {
        await this.engine.start(target.pipelineName, { trigger: { triggerType: target.trigger, triggerDetail: `${target.action.name}@${head}` }, revisions: { [target.action.name]: head } });
      }
    } finally {
      this.busy.delete(key);
    }
  }
}
