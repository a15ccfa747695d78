// The five ActionModes of the CloudFormation deploy action (CodePipeline "AWS CloudFormation
// action reference"; CloudFormation user guide, "configuration properties reference"), each run
// through the local stack engine and its change sets:
// - CREATE_UPDATE creates the stack, or updates it ("CodePipeline won't replace the stack");
// - REPLACE_ON_FAILURE deletes a stack in a failed state and creates it again, else as CREATE_UPDATE;
// - DELETE_ONLY deletes it ("If you specify a stack that doesn't exist, the action is completed
//   successfully without deleting a stack");
// - CHANGE_SET_REPLACE creates the change set ChangeSetName, deleting one of that name first;
// - CHANGE_SET_EXECUTE executes it.
import { SlipwayError } from '../../errors.js';
import type { StackOperationResult, StackOutput, StackStatus } from '../stack/index.js';
import type { ActionRun } from './action-run.js';
import { openInputs, stackInput } from './cloudformation-inputs.js';
import { capabilitiesOf, missingCapabilities } from './stack-capabilities.js';

/** How a mode ended: with the stack's outputs (none after DELETE_ONLY), or failed. */
export type ModeResult = { ok: true; summary: string; outputs?: StackOutput[] } | { ok: false; code: string; message: string };

/** "The stack is in a failed state": the statuses REPLACE_ON_FAILURE replaces (CloudFormation configuration properties reference). */
export const FAILED_STATES: readonly StackStatus[] = ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED', 'UPDATE_ROLLBACK_FAILED'];

/** A finished stack operation as a mode's result. */
function settled(result: StackOperationResult, succeeded: string[]): ModeResult {
  if (!succeeded.includes(result.status)) return { ok: false, code: 'JobFailed', message: `Stack ${result.stackName} ended in ${result.status}${result.reason ? `: ${result.reason}` : ''}` };
  const summary = result.status === 'NO_CHANGES' ? `No updates are to be performed on stack ${result.stackName}` : `Stack ${result.stackName} ${result.status}`;
  return { ok: true, summary, outputs: result.outputs };
}

/** The template and parameters from the inputs, with the capabilities they need acknowledged. */
async function acknowledgedInput(run: ActionRun, forChangeSet: boolean) {
  const input = await stackInput(run, await openInputs(run));
  const missing = missingCapabilities(input.templateBody, input.templateFile, capabilitiesOf(run.configuration.Capabilities), forChangeSet);
  if (missing.length > 0) throw new SlipwayError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}] (add them to the action's Capabilities)`, { kind: 'failed' });
  return input;
}

/** CREATE_UPDATE, and REPLACE_ON_FAILURE when `replaceFailed`. */
export async function deployStack(run: ActionRun, stackName: string, replaceFailed: boolean): Promise<ModeResult> {
  const input = { stackName, ...(await acknowledgedInput(run, false)) };
  const stacks = run.services.stacks;
  let stack = stacks.store.findStack(stackName);
  if (stack && replaceFailed && FAILED_STATES.includes(stack.status)) {
    run.say(`stack ${stackName} is in ${stack.status}: deleting it to create it again`);
    const deleted = await stacks.delete(stack.stackId);
    if (deleted && deleted.status !== 'DELETE_COMPLETE') return settled(deleted, ['DELETE_COMPLETE']);
    stack = undefined;
  }
  run.say(`${stack ? 'updating' : 'creating'} stack ${stackName}`);
  return settled(stack ? await stacks.update(input) : await stacks.create(input), ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'NO_CHANGES']);
}

/** DELETE_ONLY. */
export async function deleteStack(run: ActionRun, stackName: string): Promise<ModeResult> {
  const result = await run.services.stacks.delete(stackName);
  if (!result) return { ok: true, summary: `Stack ${stackName} does not exist: nothing to delete` };
  const done = settled(result, ['DELETE_COMPLETE']);
  return done.ok ? { ok: true, summary: done.summary } : done;
}

/** CHANGE_SET_REPLACE. */
export async function replaceChangeSet(run: ActionRun, stackName: string, changeSetName: string): Promise<ModeResult> {
  const input = await acknowledgedInput(run, true);
  const { stacks, changeSets } = run.services;
  try {
    changeSets.delete(changeSetName, stackName);
    run.say(`deleted the change set ${changeSetName} of stack ${stackName}, to create it again`);
  } catch (error) {
    if (!(error instanceof SlipwayError && error.code === 'ChangeSetNotFoundException')) throw error;
  }
  const stack = stacks.store.findStack(stackName);
  const changeSetType = !stack || stack.status === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
  const record = changeSets.create({ stackName, ...input, changeSetName, changeSetType });
  // An empty change set is FAILED and cannot be executed; CHANGE_SET_EXECUTE then has nothing to do.
  const summary = record.Status === 'FAILED' ? `Change set ${changeSetName}: ${record.StatusReason ?? 'FAILED'}` : `Change set ${changeSetName} (${changeSetType}): ${record.Changes.length} changes`;
  return { ok: true, summary, outputs: stack?.outputs ?? [] };
}

/** CHANGE_SET_EXECUTE. */
export async function executeChangeSet(run: ActionRun, stackName: string, changeSetName: string): Promise<ModeResult> {
  const { stacks, changeSets } = run.services;
  const record = changeSets.describe(changeSetName, stackName);
  if (record.Status === 'FAILED' && record.Changes.length === 0) {
    return { ok: true, summary: `Change set ${changeSetName} has no changes to execute`, outputs: stacks.store.findStack(stackName)?.outputs ?? [] };
  }
  run.say(`executing the change set ${changeSetName} of stack ${stackName}`);
  return settled(await changeSets.execute(record.ChangeSetId), ['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
}
