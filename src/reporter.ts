// The library reports, the CLI speaks: library code emits typed events to a Reporter and never
// writes to the terminal (../shared/style.md, habit 3).

/** The least every event has: a dotted type such as `phase.started` or `image.pushed`. */
export interface SlipwayEvent {
  type: string;
}

/** Receives the events of one operation; the CLI renders them as log lines or NDJSON. */
export interface Reporter<E extends SlipwayEvent = SlipwayEvent> {
  emit(event: E): void;
}

/** A reporter that drops every event, for callers that only want the result. */
export const silentReporter: Reporter<never> & Reporter = { emit: () => {} };
