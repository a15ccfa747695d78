// What puts AWS service events on the local default bus while `slipway up` runs: pushes to the
// account's CodeCommit repositories (file-system events on their refs, and polling, which also
// finds repositories made meanwhile) and images the registry reports pushed. When it starts it
// first announces what changed while slipway was down. Each event goes to the rules
// (event-bus.ts); a failure is reported, never thrown at the watcher.
import type { AccountEvent } from '../account/events.js';
import type { CodeCommitRepositories } from '../codecommit/repositories.js';
import type { EventRules, PipelineEngine } from '../pipeline/index.js';
import { watchRefs, type RefWatch } from '../pipeline/ref-watch.js';
import type { RegistryEvent } from '../registry/index.js';
import type { StateDatabase } from '../state/index.js';
import { CodeCommitRefStates } from './codecommit-changes.js';
import { EcrTagStates, type RegistryImages } from './ecr-changes.js';
import { putEvent, type RuleDelivery } from './event-bus.js';
import { codeCommitEvent, ecrPushEvent, type AwsEvent, type EventLocation } from './service-events.js';

/** What the event sources are wired with. */
export interface EventSourceOptions {
  db: StateDatabase;
  codecommit: Pick<CodeCommitRepositories, 'list'>;
  rules: EventRules;
  engine: PipelineEngine;
  registry: RegistryImages;
  location: () => EventLocation;
  /** How often every CodeCommit repository is looked at besides its file-system events. */
  pollMs: number;
  /** Told of every event put, with what the rules did. */
  onEvent?: (event: AwsEvent, deliveries: RuleDelivery[]) => void;
  onFailure: (error: unknown) => void;
}

/** The account's service events, while up runs. */
export class AccountEventSources {
  private readonly refs: CodeCommitRefStates;
  private readonly tags: EcrTagStates;
  private watches = new Map<string, RefWatch>();
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: EventSourceOptions) {
    this.refs = new CodeCommitRefStates(options.db);
    this.tags = new EcrTagStates(options.db);
  }

  /** Announces what changed while slipway was down, then watches. */
  async start(): Promise<void> {
    await this.serially(async () => {
      for (const push of this.tags.catchUp(this.options.registry)) await this.put(ecrPushEvent(this.options.location(), push));
    });
    await this.scanCodeCommit();
    this.timer = setInterval(() => void this.scanCodeCommit(), this.options.pollMs);
    this.timer.unref();
  }

  /** The listener for the account's events: a push the registry reports becomes ECR's event. */
  onAccountEvent = (event: AccountEvent): void => {
    if (event.source !== 'ecr' || event.type !== 'registry.image.pushed') return;
    const push = event.payload as Extract<RegistryEvent, { type: 'registry.image.pushed' }>;
    void this.serially(async () => {
      if (push.imageTag !== undefined) this.tags.record({ repositoryName: push.repositoryName, imageTag: push.imageTag, imageDigest: push.imageDigest });
      await this.put(ecrPushEvent(this.options.location(), push));
    });
  };

  /** Stops watching. */
  close(): void {
    clearInterval(this.timer);
    for (const watch of this.watches.values()) watch.close();
    this.watches.clear();
  }

  /** Looks at every CodeCommit repository, watching the new ones. */
  private scanCodeCommit(): Promise<void> {
    return this.serially(async () => {
      const repositories = this.options.codecommit.list();
      for (const [path, watch] of this.watches) {
        if (repositories.some((one) => one.path === path)) continue;
        watch.close();
        this.watches.delete(path);
      }
      for (const repository of repositories) {
        if (!this.watches.has(repository.path)) {
          this.watches.set(repository.path, watchRefs(repository.path, { local: 3_600_000, remote: 3_600_000 }, () => void this.scanCodeCommit()));
        }
        for (const change of await this.refs.changes(repository)) await this.put(codeCommitEvent(this.options.location(), change));
      }
    });
  }

  private async put(event: AwsEvent): Promise<void> {
    const deliveries = await putEvent(this.options.rules, this.options.engine, event);
    this.options.onEvent?.(event, deliveries);
  }

  /** Runs `work` after the work before it, so that no change is looked at twice at once. */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch((error: unknown) => this.options.onFailure(error));
    return this.queue;
  }
}
