// Work that goes on after an AWS API call answered (CreateStack, ExecuteChangeSet, StartBuild),
// tracked so that `slipway up` can stop it and wait for it when it stops, and so that a failure
// is reported instead of lost.
import type { BackgroundTasks } from '../aws-api/handler.js';

/** What happened to a task that failed. */
export interface TaskFailure {
  name: string;
  error: unknown;
}

/** Background tasks of one `up` process. */
export class TaskRunner implements BackgroundTasks {
  private readonly running = new Map<Promise<void>, AbortController>();

  constructor(private readonly onFailure: (failure: TaskFailure) => void) {}

  run(name: string, work: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const task = Promise.resolve()
      .then(() => work(controller.signal))
      .catch((error: unknown) => this.onFailure({ name, error }))
      .finally(() => this.running.delete(task));
    this.running.set(task, controller);
  }

  /** How many tasks run now. */
  get size(): number {
    return this.running.size;
  }

  /** Asks every task to stop and waits until they all have. */
  async stopAll(): Promise<void> {
    for (const controller of this.running.values()) controller.abort(new Error('slipway up is stopping'));
    await Promise.all(this.running.keys());
  }
}
