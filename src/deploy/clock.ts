// Time for the deploy flows: waiting between polls and stamping events. Tests pass a clock that
// does not really sleep, so a wait of minutes on AWS takes milliseconds against moto.

/** What the deploy flows need from time. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` milliseconds, or rejects when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock that starts at a fixed time and moves forward only when slept on; for tests and replays. */
export function steppingClock(start: Date): Clock & { elapsedMs(): number } {
  let offset = 0;
  return {
    now: () => new Date(start.getTime() + offset),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason as Error;
      offset += ms;
      // Yield to the event loop so a waiting loop never starves other work.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    elapsedMs: () => offset,
  };
}
