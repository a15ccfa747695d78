// Waiting for a stack operation by polling DescribeStackEvents and DescribeStacks, reporting
// each new event once, oldest first. AWS returns events newest first, paginated (DescribeStackEvents
// API reference: "in reverse chronological order"); the events are ordered here by time.
import { isThrottling } from './aws-errors.js';
import type { Clock } from './clock.js';
import type { CloudFormationApi, StackDescription, StackEvent } from './cloudformation.js';

/** How often to poll; the SDK's own waiters use 5 to 30 seconds for stacks. */
export interface PollOptions {
  /** Default 5000 ms. */
  intervalMs: number;
  /** Throttled polls back off up to this interval. Default 60000 ms. */
  maxIntervalMs: number;
}

/** Default polling: every 5 s, backing off to 60 s while throttled. */
export const DEFAULT_POLL: PollOptions = { intervalMs: 5000, maxIntervalMs: 60_000 };

// Enough pages to cover one operation on a large stack; a page holds up to 100 events.
const MAX_PAGES = 20;

/** Reports the new events of one stack since it was started. */
export class StackEventWatcher {
  private readonly seen = new Set<string>();
  private cutoff = new Date(0);

  constructor(
    private readonly api: CloudFormationApi,
    private readonly stackId: string,
  ) {}

  /** Marks every event that exists now as old; call before starting the operation. */
  async start(): Promise<void> {
    const { events } = await this.api.describeStackEvents(this.stackId);
    for (const event of events) {
      this.seen.add(event.eventId);
      if (event.timestamp > this.cutoff) this.cutoff = event.timestamp;
    }
  }

  /** Events not reported yet, oldest first. */
  async poll(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await this.api.describeStackEvents(this.stackId, nextToken);
      let reachedOld = false;
      for (const event of answer.events) {
        if (this.seen.has(event.eventId) || event.timestamp < this.cutoff) reachedOld = true;
        else fresh.push(event);
      }
      nextToken = answer.nextToken;
      if (reachedOld || !nextToken) break;
    }
    for (const event of fresh) this.seen.add(event.eventId);
    // Pages come newest first, so reversing gives oldest first for events with equal
    // timestamps (the SDK keeps only milliseconds); the stable sort then orders the rest.
    return fresh.reverse().sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }
}

/** Whether a stack status is one CloudFormation is still working on. */
export function isInProgress(status: string): boolean {
  // Covers *_CLEANUP_IN_PROGRESS too; REVIEW_IN_PROGRESS is a stack waiting for its first change
  // set to execute, and nothing will move it on its own.
  return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

// A settled status is trusted once the stack's own event for it has been seen, since right after
// ExecuteChangeSet or DeleteStack, DescribeStacks may still show the status from before the
// operation; after this many polls without that event, the status is trusted anyway.
const POLLS_WITHOUT_STACK_EVENT = 3;

/** Polls until the stack's operation settles, handing each new event to onEvent. */
export async function waitForStack(options: {
  api: CloudFormationApi;
  stackId: string;
  watcher: StackEventWatcher;
  clock: Clock;
  poll: PollOptions;
  signal?: AbortSignal;
  onEvent: (event: StackEvent) => void;
}): Promise<StackDescription | undefined> {
  let interval = options.poll.intervalMs;
  const stackStatuses = new Set<string>();
  let settledPolls = 0;
  const take = (events: StackEvent[]) => {
    for (const event of events) {
      if (event.resourceType === 'AWS::CloudFormation::Stack' && event.physicalId === options.stackId) stackStatuses.add(event.status);
      options.onEvent(event);
    }
  };
  for (;;) {
    try {
      take(await options.watcher.poll());
      const stack = await options.api.describeStack(options.stackId);
      if (!stack) return undefined;
      if (!isInProgress(stack.status)) {
        // One more read: events can land between the two calls above.
        take(await options.watcher.poll());
        if (stackStatuses.has(stack.status) || ++settledPolls >= POLLS_WITHOUT_STACK_EVENT) return stack;
      }
      interval = options.poll.intervalMs;
    } catch (error) {
      // The SDK already retried with backoff; keep waiting, more slowly, rather than abandon a
      // stack operation that is still running.
      if (!isThrottling((error as Error).cause ?? error)) throw error;
      interval = Math.min(interval * 2, options.poll.maxIntervalMs);
    }
    await options.clock.sleep(interval, options.signal);
  }
}

/**
 * The event that explains a failed operation: the first resource failure by time, skipping the
 * "Resource creation cancelled" failures CloudFormation records for resources it stopped
 * because of another one.
 */
export function firstFailure(events: StackEvent[]): StackEvent | undefined {
  const failures = events.filter((event) => event.status.endsWith('_FAILED') && !/cancell?ed/i.test(event.reason ?? ''));
  return failures.find((event) => event.resourceType !== 'AWS::CloudFormation::Stack') ?? failures[0];
}
