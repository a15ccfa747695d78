// What a stack's current status allows the next deploy to do, per CloudFormation's stack status
// codes (CloudFormation user guide, "Stack status codes").
import { SlipwayError } from '../errors.js';
import type { StackDescription } from './cloudformation.js';
import { isInProgress } from './stack-events.js';

/** How the next change set must be made for a stack in a given status. */
export type StackPlan =
  | { kind: 'create' } // no stack: CREATE change set
  | { kind: 'create-on-review' } // REVIEW_IN_PROGRESS: a CREATE change set is still the only kind accepted
  | { kind: 'update' }
  | { kind: 'replace-failed-create' }; // ROLLBACK_COMPLETE: only DeleteStack is accepted

/** Decides how to deploy over a stack, or explains why it cannot be deployed now. */
export function planForStack(stack: StackDescription | undefined): StackPlan {
  if (!stack) return { kind: 'create' };
  const { status, stackName } = stack;
  if (status === 'REVIEW_IN_PROGRESS') return { kind: 'create-on-review' };
  // A failed first create leaves the stack holding only its name; AWS refuses to update it.
  if (status === 'ROLLBACK_COMPLETE') return { kind: 'replace-failed-create' };
  if (isInProgress(status)) {
    throw new SlipwayError('StackBusy', `stack ${stackName} is ${status}; CloudFormation accepts no change set until it settles`, {
      kind: 'failed',
      hint: `wait for it to finish (\`slipway status --stack-name ${stackName}\`), then deploy again`,
    });
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    throw new SlipwayError('StackRollbackFailed', `stack ${stackName} is UPDATE_ROLLBACK_FAILED: a rollback could not finish and the stack cannot be updated`, {
      kind: 'failed',
      hint: `fix the resource named in the stack's events, then \`aws cloudformation continue-update-rollback --stack-name ${stackName}\``,
    });
  }
  if (status === 'ROLLBACK_FAILED' || status === 'DELETE_FAILED') {
    throw new SlipwayError('StackNeedsDelete', `stack ${stackName} is ${status}; some of its resources could not be deleted and only a delete is accepted`, {
      kind: 'failed',
      hint: `run \`slipway destroy --stack-name ${stackName}\` (the events name the resource that blocks it)`,
    });
  }
  return { kind: 'update' };
}
