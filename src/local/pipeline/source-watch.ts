// Change detection for Git source actions, as each provider does it on AWS (aws-semantics §2,
// "Defaults"): GitHub version 1 and CodeCommit poll unless PollForSourceChanges is false (then a
// webhook starts a GitHub pipeline), a connection detects pushes unless DetectChanges is false
// (WebhookV2 where a V2 trigger names the action: its filters then replace the branch). Locally a
// push is seen through file-system events on the repository's refs, a hook's call
// (`slipway hook install`), and polling at an interval the user sets; a branch whose commit differs
// from the action's position starts an execution for that commit, and with a V2 trigger every
// branch and tag that moved is offered to the trigger's push filters.
import { realpathSync } from 'node:fs';
import type { PipelineEngine } from './engine.js';
import type { ExecutionTrigger, PipelineExecution } from './execution-model.js';
import type { ExecutionStore } from './execution-store.js';
import { gitConfigurationOf, triggerMatches } from './git-triggers.js';
import { readableCopy } from './git-repository.js';
import type { ActionDeclaration, PipelineDeclaration } from './model.js';
import type { Pipelines } from './pipelines.js';
import { pushesSince } from './pushed-refs.js';
import { RefPositions } from './ref-positions.js';
import type { SourceLocations } from './source-locations.js';
import type { StateDatabase } from '../state/index.js';
import { watchRefs, type RefWatch } from './ref-watch.js';

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
      return gitConfigurationOf(pipeline, action.name) ? 'WebhookV2' : 'Webhook';
    default:
      return undefined;
  }
}

/** What the watch reads: the account's pipelines, executions, source mappings and database. */
export interface WatchedAccount {
  pipelines: Pipelines;
  executions: ExecutionStore;
  sources: SourceLocations;
  db: StateDatabase;
}

interface Target {
  pipeline: PipelineDeclaration;
  action: ActionDeclaration;
  trigger: ExecutionTrigger['triggerType'];
  location: string;
}

/** Watches the sources of every pipeline and starts executions for new commits. */
export class SourceWatch {
  private targets: Target[] = [];
  private watches: RefWatch[] = [];
  private readonly busy = new Map<string, Promise<PipelineExecution[]>>();
  private readonly positions: RefPositions;

  constructor(private readonly engine: PipelineEngine, private readonly account: WatchedAccount, private readonly poll = DEFAULT_POLL_MS) {
    this.positions = new RefPositions(account.db);
  }

  /** (Re)starts watching every pipeline's sources, and checks each once now (commits that came while slipway was down). */
  async refresh(): Promise<void> {
    this.load();
    for (const target of this.targets) {
      const check = () => void this.check(target).catch(() => undefined);
      this.watches.push(watchRefs(target.location, this.poll, check));
    }
    for (const target of this.targets) await this.check(target).catch(() => undefined);
  }

  /** Reads which source actions detect changes, and where their repositories are, without watching them. */
  load(): void {
    this.close();
    const hooked = new Set(this.account.pipelines.listWebhooks().map((hook) => `${hook.targetPipeline}/${hook.targetAction}`));
    for (const { pipeline } of this.account.pipelines.list()) {
      for (const action of pipeline.stages[0]?.actions ?? []) {
        const trigger = changeDetection(pipeline, action, hooked.has(`${pipeline.name}/${action.name}`));
        let location: string;
        try {
          location = this.engine.locate(action);
        } catch {
          continue; // no repository for it: the source action will say so when an execution runs
        }
        if (trigger) this.targets.push({ pipeline, action, trigger, location });
      }
    }
  }

  /** Checks the sources that read this repository now (a hook said it changed); resolves with the executions started. */
  async checkRepository(path: string): Promise<PipelineExecution[]> {
    const wanted = canonical(path);
    const started = await Promise.all(this.targets.filter((target) => canonical(target.location) === wanted).map((target) => this.check(target)));
    return started.flat();
  }

  /** Stops watching. */
  close(): void {
    for (const watch of this.watches.splice(0)) watch.close();
    this.targets = [];
  }

  /** One check of a target at a time; a check asked for while one runs waits for it and runs again. */
  private check(target: Target): Promise<PipelineExecution[]> {
    const key = `${target.pipeline.name}/${target.action.name}`;
    const previous = this.busy.get(key) ?? Promise.resolve([]);
    const next = previous.catch(() => []).then(() => this.checkNow(target));
    this.busy.set(key, next);
    return next.finally(() => this.busy.get(key) === next && this.busy.delete(key));
  }

  private async checkNow(target: Target): Promise<PipelineExecution[]> {
    const { pipeline, action } = target;
    const git = target.trigger === 'WebhookV2' ? gitConfigurationOf(pipeline, action.name) : undefined;
    if (!git) {
      const head = await this.engine.headOf(action);
      if (!head || head === this.account.executions.position(pipeline.name, action.name)) return [];
      return [await this.engine.start(pipeline.name, { trigger: { triggerType: target.trigger, triggerDetail: `${action.name}@${head}` }, revisions: { [action.name]: head } })];
    }
    const repository = this.account.sources.locate(action);
    const folder = await readableCopy(repository.location, this.account.sources.mirrorOf(repository.name));
    const started: PipelineExecution[] = [];
    for (const push of await pushesSince(this.positions, pipeline.name, action.name, folder)) {
      if (!this.positions.claim(pipeline.name, action.name, push.ref, push.before, push.event.commit)) continue;
      if (!triggerMatches(git, push.event).matched) continue;
      const detail = `${action.name}@${push.event.commit} (${push.ref})`;
      started.push(await this.engine.start(pipeline.name, { trigger: { triggerType: 'WebhookV2', triggerDetail: detail }, revisions: { [action.name]: push.event.commit } }));
    }
    return started;
  }
}

/** The real path of a folder (so that a hook's path and a mapping's agree), or the text itself for a URL. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
