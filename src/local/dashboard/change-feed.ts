// What changed in the account, reduced to what the open pages need to know to fetch again: which
// pipeline, repository, stack or build. Every service event of this process (account events:
// pipeline steps, builds starting, image pushes and deletes, stack events) becomes such a notice;
// pipelines created by other processes arrive through the pipelines' change journal, and stacks
// changed by other processes are noticed by a look at their statuses every few seconds while a
// page listens. A notice carries names only, never an event's payload, so nothing secret a
// service reports (a resource's properties, a build's output) can reach the page through it.
import type { AccountEvent, LocalAccount } from '../account/index.js';

/** One thing that changed. */
export type Notice =
  | { kind: 'pipeline'; pipelineName: string; pipelineExecutionId?: string }
  | { kind: 'build'; buildId: string }
  | { kind: 'registry'; repositoryName: string }
  | { kind: 'stack'; stackName: string };

/** How often stacks are compared while a page listens, for changes other processes made. */
const STACK_LOOK_MS = 2000;

/** The notice for an account event, if a page shows what it changed. */
export function noticeOf(event: AccountEvent): Notice | undefined {
  const payload = event.payload as unknown as Record<string, unknown>;
  const name = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
  if (event.source === 'codepipeline' && name('pipelineName')) return { kind: 'pipeline', pipelineName: name('pipelineName')!, ...(name('pipelineExecutionId') ? { pipelineExecutionId: name('pipelineExecutionId') } : {}) };
  if (event.source === 'codebuild' && event.type === 'build.started' && name('buildId')) return { kind: 'build', buildId: name('buildId')! };
  if (event.source === 'ecr' && event.type.startsWith('registry.image.') && name('repositoryName')) return { kind: 'registry', repositoryName: name('repositoryName')! };
  if (event.source === 'cloudformation' && event.type === 'stack.event') return { kind: 'stack', stackName: String((payload.event as { StackName?: unknown } | undefined)?.StackName) };
  if (event.source === 'slipway' && name('stackName')) return { kind: 'stack', stackName: name('stackName')! };
  return undefined;
}

/** Notices for every listening page; it listens to the account only while a page does. */
export class ChangeFeed {
  private readonly listeners = new Set<(notice: Notice) => void>();
  private stop: (() => void) | undefined;

  constructor(private readonly account: LocalAccount) {}

  /** Calls `listener` with every notice until the returned function is called. */
  listen(listener: (notice: Notice) => void): () => void {
    this.listeners.add(listener);
    this.stop ??= this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.stop?.();
      this.stop = undefined;
    };
  }

  private start(): () => void {
    const tell = (notice: Notice) => this.listeners.forEach((listener) => listener(notice));
    const unsubscribe = this.account.events.subscribe((event) => {
      const notice = noticeOf(event);
      if (notice) tell(notice);
    });
    const unfollow = this.account.pipelines.onChange((change) => tell({ kind: 'pipeline', pipelineName: change.pipeline.pipeline.name }));
    let seen = this.stackStates();
    const timer = setInterval(() => {
      const now = this.stackStates();
      for (const [stackName, state] of now) if (seen.get(stackName) !== state) tell({ kind: 'stack', stackName });
      for (const stackName of seen.keys()) if (!now.has(stackName)) tell({ kind: 'stack', stackName });
      seen = now;
    }, STACK_LOOK_MS).unref();
    return () => {
      unsubscribe();
      unfollow();
      clearInterval(timer);
    };
  }

  private stackStates(): Map<string, string> {
    return new Map(this.account.stacks.listStacks().map((stack) => [stack.stackName, `${stack.status} ${stack.updatedAt ?? stack.createdAt}`]));
  }
}
