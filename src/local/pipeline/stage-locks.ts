// Who may enter a stage, by execution mode (CodePipeline "Set or change the pipeline execution
// mode"): SUPERSEDED and QUEUED let one execution into a stage at a time (a stage lock); an
// execution that finished a stage waits at the next one's inbound transition. In SUPERSEDED mode
// a newer execution arriving to wait there replaces the older waiting one, which ends Superseded;
// in QUEUED mode they wait first in, first out. PARALLEL executions never wait for each other.

/** Why an execution did not get into a stage. */
export class Superseded extends Error {
  constructor(readonly by: string) {
    super(`superseded by execution ${by}`);
    this.name = 'Superseded';
  }
}

interface Waiter {
  executionId: string;
  enter: () => void;
  supersede: (by: string) => void;
}

interface Lock {
  holder?: string;
  waiting: Waiter[];
}

/** The stage locks of one pipeline. */
export class StageLocks {
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly mode: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL') {}

  /** Resolves when `executionId` may run `stage`; rejects with Superseded when a newer execution replaced it. */
  enter(stage: string, executionId: string): Promise<void> {
    if (this.mode === 'PARALLEL') return Promise.resolve();
    const lock = this.lockOf(stage);
    if (lock.holder === undefined) {
      lock.holder = executionId;
      return Promise.resolve();
    }
    return new Promise((enter, reject) => {
      if (this.mode === 'SUPERSEDED') for (const older of lock.waiting.splice(0)) older.supersede(executionId);
      lock.waiting.push({ executionId, enter, supersede: (by) => reject(new Superseded(by)) });
    });
  }

  /** Lets the next execution into `stage` once `executionId` has left it. */
  leave(stage: string, executionId: string): void {
    if (this.mode === 'PARALLEL') return;
    const lock = this.lockOf(stage);
    if (lock.holder !== executionId) return;
    const next = lock.waiting.shift();
    lock.holder = next?.executionId;
    next?.enter();
  }

  /** Takes an execution out of every queue it waits in (it was stopped), as if superseded by nobody. */
  withdraw(executionId: string): void {
    for (const lock of this.locks.values()) {
      const index = lock.waiting.findIndex((waiter) => waiter.executionId === executionId);
      if (index >= 0) lock.waiting.splice(index, 1)[0]!.supersede('');
    }
  }

  /** The execution in `stage`, and those waiting at its inbound transition (GetPipelineState). */
  state(stage: string): { holder?: string; waiting: string[] } {
    const lock = this.lockOf(stage);
    return { holder: lock.holder, waiting: lock.waiting.map((waiter) => waiter.executionId) };
  }

  private lockOf(stage: string): Lock {
    let lock = this.locks.get(stage);
    if (!lock) this.locks.set(stage, (lock = { waiting: [] }));
    return lock;
  }
}
