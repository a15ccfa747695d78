// A real BackgroundTasks for handler tests: work starts after the answer (on the next turn of the
// event loop, as `slipway up` runs it), each task's failure is kept, and a test can wait until
// every task has ended, or stop them all the way `up` does when it stops.
import type { BackgroundTasks } from '../../../../src/local/aws-api/handler.js';

/** One task that failed, by the name it was given. */
export interface TaskFailure {
  name: string;
  error: unknown;
}

/** Runs operations' background work; `settled()` waits for all of it. */
export class TestTasks implements BackgroundTasks {
  readonly names: string[] = [];
  readonly failures: TaskFailure[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  run(name: string, work: (signal: AbortSignal) => Promise<void>): void {
    this.names.push(name);
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(this.stopping.signal))
      .catch((error: unknown) => void this.failures.push({ name, error }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** How many tasks are running now. */
  get size(): number {
    return this.running.size;
  }

  /** Waits until every task (also those started meanwhile) has ended. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Aborts every task's signal and waits for them to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.settled();
  }
}
