// One envelope for everything the local account reports, whichever service it comes from:
// builds, the registry, stacks and (later) pipelines. Services report their own typed events;
// the account stamps each with the time and the service it came from (as EventBridge's envelope
// carries `time` and `source`), and whoever listens — the CLI, later `slipway up` — renders or
// forwards envelopes, never a service's raw event.
import type { Reporter, SlipwayEvent } from '../../reporter.js';

/** The service an event comes from, named as AWS names the service in event sources. */
export type EventSource = 'codebuild' | 'ecr' | 'cloudformation' | 'codepipeline' | 'aws-api' | 'slipway';

/** One event of the account: when, from which service, what, and the service's own event. */
export interface AccountEvent<P extends SlipwayEvent = SlipwayEvent> {
  /** ISO 8601, when the account received it. */
  time: string;
  source: EventSource;
  /** The service event's own type, e.g. `phase.started`, `stack.event`, `registry.image.pushed`. */
  type: string;
  payload: P;
}

/** Receives envelopes. */
export type AccountEventListener = (event: AccountEvent) => void;

/** The account's event stream: services report into it, listeners receive envelopes. */
export class AccountEvents {
  private readonly listeners = new Set<AccountEventListener>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** A Reporter a service reports into; its events leave as envelopes from `source`. */
  reporterFor<E extends SlipwayEvent>(source: EventSource): Reporter<E> {
    return { emit: (event) => this.publish({ time: this.now().toISOString(), source, type: event.type, payload: event }) };
  }

  /** Listens until the returned function is called. */
  subscribe(listener: AccountEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(event: AccountEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
