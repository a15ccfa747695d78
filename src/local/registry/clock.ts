// Time, passed in so lifecycle rules ("older than N days"), token expiry and the garbage
// collector's grace period can be tested without waiting.

/** The registry's source of the current time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };
