// Who may enter a stage, by execution mode (CodePipeline "Set or change the pipeline execution
// mode", "How pipeline executions work"): SUPERSEDED and QUEUED let one execution into a stage at a
// time (a stage lock); an execution that finished a stage waits at the next one's inbound
// transition. In SUPERSEDED mode a newer execution arriving to wait there replaces the older
// waiting one, which ends Superseded; in QUEUED mode they wait first in, first out. PARALLEL
// executions never wait for each other. A disabled transition (closed gate) holds every mode's
// executions before the stage; "when a disabled transition is re-enabled, the latest execution,
// including any that superseded older executions while the transition was disabled, enters".

/** Why an execution did not get into a stage. */
export class Superseded extends Error {
  constructor(readonly by: string) {
    super(`superseded by execution ${by}`);
    this.name = 'Superseded';
  }
}

interface Waiter {
  executionId: string;
  /** A retried or rolled-back execution takes the stage next and is never superseded. */
  priority: boolean;
  enter: () => void;
  reject: (error: Error) => void;
}

interface Lock {
  holders: Set<string>;
  waiting: Waiter[];
  open: boolean;
}

/** The stage locks (and inbound gates) of one pipeline. */
export class StageLocks {
  private readonly locks = new Map<string, Lock>();

  constructor(private readonly mode: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL') {}

  /** Resolves when `executionId` may run `stage`; rejects with Superseded when a newer execution replaced it. */
  enter(stage: string, executionId: string): Promise<void> {
    return this.queue(stage, executionId, false);
  }

  /** Takes `stage` again for a retry (or a rollback): past a closed gate, ahead of every waiting execution. */
  reenter(stage: string, executionId: string): Promise<void> {
    return this.queue(stage, executionId, true);
  }

  /** Lets the next execution into `stage` once `executionId` has left it. */
  leave(stage: string, executionId: string): void {
    const lock = this.lockOf(stage);
    if (lock.holders.delete(executionId)) this.admit(lock);
  }

  /** Opens or closes the stage's inbound gate (EnableStageTransition / DisableStageTransition). */
  setOpen(stage: string, open: boolean): void {
    const lock = this.lockOf(stage);
    lock.open = open;
    this.admit(lock);
  }

  isOpen(stage: string): boolean {
    return this.lockOf(stage).open;
  }

  /** Takes an execution out of every queue it waits in (it was stopped); its wait rejects with `error`. */
  withdraw(executionId: string, error: Error): void {
    for (const lock of this.locks.values()) {
      const index = lock.waiting.findIndex((waiter) => waiter.executionId === executionId);
      if (index >= 0) lock.waiting.splice(index, 1)[0]!.reject(error);
    }
  }

  /** The execution in `stage`, and those waiting at its inbound transition (GetPipelineState). */
  state(stage: string): { holder?: string; waiting: string[] } {
    const lock = this.lockOf(stage);
    return { holder: [...lock.holders][0], waiting: lock.waiting.map((waiter) => waiter.executionId) };
  }

  /** Whether any execution waits at a closed gate (so whoever changes gates elsewhere must be looked for). */
  holdsAtClosedGate(): boolean {
    return [...this.locks.values()].some((lock) => !lock.open && lock.waiting.length > 0);
  }

  private queue(stage: string, executionId: string, priority: boolean): Promise<void> {
    const lock = this.lockOf(stage);
    return new Promise((enter, reject) => {
      if (!priority && this.mode === 'SUPERSEDED') {
        for (const older of lock.waiting.filter((waiter) => !waiter.priority)) {
          lock.waiting.splice(lock.waiting.indexOf(older), 1);
          older.reject(new Superseded(executionId));
        }
      }
      const waiter = { executionId, priority, enter, reject };
      if (priority) lock.waiting.splice(lock.waiting.filter((one) => one.priority).length, 0, waiter);
      else lock.waiting.push(waiter);
      this.admit(lock);
    });
  }

  /** Lets waiting executions in while the mode and the gate allow. */
  private admit(lock: Lock): void {
    while (lock.waiting.length > 0) {
      const next = lock.waiting[0]!;
      if (!lock.open && !next.priority) return;
      if (this.mode !== 'PARALLEL' && lock.holders.size > 0) return;
      lock.waiting.shift();
      lock.holders.add(next.executionId);
      next.enter();
    }
  }

  private lockOf(stage: string): Lock {
    let lock = this.locks.get(stage);
    if (!lock) this.locks.set(stage, (lock = { holders: new Set(), waiting: [], open: true }));
    return lock;
  }
}
