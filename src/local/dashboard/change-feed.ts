// What changed in the account, reduced to what the open pages need to know to fetch again: which
// pipeline, repository, stack or build. Every service event of this process (account events:
// pipeline steps, builds starting, image pushes and deletes, stack events) becomes such a notice;
// pipelines created by other processes arrive through the pipelines' change journal; stacks
// changed by other processes, and stage transitions (which no engine event reports), are noticed
// by a look at them every few seconds while a page listens, and the dashboard's own transition
// changes are told at once. A notice carries names only, never an event's payload, so nothing secret a
// service reports (a resource's properties, a build's output) can reach the page through it.
import type { AccountEvent, LocalAccount } from '../account/index.js';

/** One thing that changed. */
export type Notice =
  | { kind: 'pipeline'; pipelineName: string; pipelineExecutionId?: string }
  | { kind: 'build'; buildId: string }
  | { kind: 'registry'; repositoryName: string }
  | { kind: 'stack'; stackName: string };

/** How often stacks and transitions are compared while a page listens, for changes made elsewhere. */
const LOOK_MS = 2000;

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

  /** Tells every listening page of a change no account event reports. */
  tell(notice: Notice): void {
    this.listeners.forEach((listener) => listener(notice));
  }

  private start(): () => void {
    const tell = (notice: Notice) => this.tell(notice);
    const unsubscribe = this.account.events.subscribe((event) => {
      const notice = noticeOf(event);
      if (notice) tell(notice);
    });
    const unfollow = this.account.pipelines.onChange((change) => tell({ kind: 'pipeline', pipelineName: change.pipeline.pipeline.name }));
    let seen = this.stackStates();
    let transitions = this.transitionStates();
    const timer = setInterval(() => {
      const now = this.stackStates();
      for (const [stackName, state] of now) if (seen.get(stackName) !== state) tell({ kind: 'stack', stackName });
      for (const stackName of seen.keys()) if (!now.has(stackName)) tell({ kind: 'stack', stackName });
      seen = now;
      const changed = this.transitionStates();
      for (const [pipelineName, state] of changed) if (transitions.get(pipelineName) !== undefined && transitions.get(pipelineName) !== state) tell({ kind: 'pipeline', pipelineName });
      transitions = changed;
    }, LOOK_MS).unref();
    return () => {
      unsubscribe();
      unfollow();
      clearInterval(timer);
    };
  }

  /** Each pipeline's transitions, in and out of every stage, as one comparable text. */
  private transitionStates(): Map<string, string> {
    const transitions = this.account.executions.transitions;
    return new Map(this.account.pipelines.list().map(({ pipeline }) => [pipeline.name, JSON.stringify(pipeline.stages.map((stage) => [transitions.state(pipeline, stage.name), transitions.state(pipeline, stage.name, 'Outbound')]))]));
  }

  private stackStates(): Map<string, string> {
    return new Map(this.account.stacks.listStacks().map((stack) => [stack.stackName, `${stack.status} ${stack.updatedAt ?? stack.createdAt}`]));
  }
}
