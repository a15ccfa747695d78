// Finishing what a killed slipway left in progress, as CloudFormation would after a failure in
// the middle of an operation: a create is rolled back, an update is rolled back (or, once in its
// cleanup phase, finished), a delete is completed. The dead owner is recognised by its process id
// and start time, not by waiting out a lease; a compare-and-set on the owner makes sure that, of
// two commands starting at once, only one takes the work over. Nested stacks go first, deepest
// first, so that their parents can delete them.
import { rollbackCreate } from './create-stack.js';
import { deleteStackResources } from './delete-stack.js';
import type { StackEngine } from './engine.js';
import type { StackRecord, StackStatus } from './model.js';
import { emitStackStatus } from './resource-operations.js';
import { ownerIsAlive } from '../state/index.js';
import { finishCleanup } from './update-stack.js';
import { rollbackUpdate } from './update-rollback.js';

/** One operation that was finished for a process that died. */
export interface RecoveredOperation {
  stackName: string;
  /** The status the dead process left. */
  from: StackStatus;
  /** The status the stack is in now. */
  to: StackStatus;
  reason: string;
}

/** Finishes every operation whose owner is gone; returns what was done. */
export async function recoverInterrupted(engine: StackEngine): Promise<RecoveredOperation[]> {
  const orphans = engine.store.listStacks().filter((stack) => isInterrupted(stack));
  const depth = (stack: StackRecord): number => (stack.parentStackId
    ? 1 + depth(engine.store.findStack(stack.parentStackId) ?? { ...stack, parentStackId: undefined }) : 0);
  const recovered: RecoveredOperation[] = [];
  for (const stack of orphans.sort((a, b) => depth(b) - depth(a))) {
    if (!engine.store.takeOver(stack.stackId, stack.owner ?? null, engine.options.owner)) continue;
    const reason = `The slipway process that ran this operation${stack.owner ? ` (pid ${stack.owner.split('@')[0]})` : ''} ended before it finished`;
    await finish(engine, engine.requireStack(stack.stackId), reason);
    recovered.push({ stackName: stack.stackName, from: stack.status, to: engine.requireStack(stack.stackId).status, reason });
  }
  return recovered;
}

/** An operation in progress whose process is gone (REVIEW_IN_PROGRESS is a state, not an operation). */
function isInterrupted(stack: StackRecord): boolean {
  if (!stack.status.endsWith('_IN_PROGRESS') || stack.status === 'REVIEW_IN_PROGRESS') return false;
  return stack.owner === undefined || !ownerIsAlive(stack.owner);
}

async function finish(engine: StackEngine, stack: StackRecord, reason: string): Promise<void> {
  const op = engine.operation(stack);
  switch (stack.status) {
    case 'CREATE_IN_PROGRESS':
    case 'ROLLBACK_IN_PROGRESS':
      return rollbackCreate(op, `${reason}; the create is rolled back. Rollback requested by user.`);
    case 'UPDATE_IN_PROGRESS':
    case 'UPDATE_ROLLBACK_IN_PROGRESS':
      return rollbackUpdate(op, `${reason}; the update is rolled back.`);
    case 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS':
      emitStackStatus(op, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', `${reason}; the update had succeeded, so its cleanup is finished`);
      return finishCleanup(op);
    case 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS':
      return emitStackStatus(op, 'UPDATE_ROLLBACK_COMPLETE');
    case 'DELETE_IN_PROGRESS':
      await deleteStackResources(op, `${reason}; the delete is completed.`);
      return;
    default:
      return emitStackStatus(op, 'ROLLBACK_FAILED', `${reason} in status ${stack.status}, which slipway cannot finish`);
  }
}
