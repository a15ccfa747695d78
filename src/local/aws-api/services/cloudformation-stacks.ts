// CreateStack, UpdateStack and DeleteStack: each answers as soon as the operation has begun
// (the stack recorded and owned by this process), with the StackId, and the operation runs on as
// a background task, as on AWS, where callers then poll DescribeStacks and DescribeStackEvents.
import type { StackOperationResult } from '../../stack/index.js';
import type { ApiContext, OperationHandler } from '../handler.js';
import { checkCapabilities, parametersOf } from './cloudformation-inputs.js';
import { templateOf } from './cloudformation-templates.js';
import { OperationInput } from './operation-input.js';

/** CloudFormation's validation error. */
export const CFN_INVALID = 'ValidationError';
const ON_FAILURE = ['ROLLBACK', 'DELETE', 'DO_NOTHING'];

/** Lets the rest of an operation run after the answer; `then` runs after it, in the same task. */
export function runOn(
  ctx: ApiContext, name: string, finished: Promise<StackOperationResult | undefined>,
  then?: (result: StackOperationResult | undefined) => Promise<unknown>,
): void {
  // The engine records every outcome on the stack (its status and events); a failure here is a surprise the task reports.
  finished.catch(() => undefined);
  ctx.tasks.run(name, async () => {
    const result = await finished;
    await then?.(result);
  });
}

/** The stack operations, by name. */
export const stackHandlers: Record<string, OperationHandler> = {
  CreateStack: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stackName = reader.string('StackName');
    const template = templateOf(reader, ctx, true)!;
    checkCapabilities(reader, template.templateBody, { transforms: true });
    const onFailure = reader.optionalString('OnFailure');
    if (onFailure !== undefined && reader.optionalBoolean('DisableRollback') !== undefined) throw reader.fail('You cannot specify both DisableRollback and OnFailure.');
    if (onFailure !== undefined && !ON_FAILURE.includes(onFailure)) throw reader.invalid('OnFailure', onFailure, `Member must satisfy enum value set: [${ON_FAILURE.join(', ')}]`);
    const begun = ctx.account.stacks.beginCreate({ stackName, ...template, parameters: parametersOf(reader, template.templateBody) });
    // OnFailure DELETE deletes the stack once its create has rolled back.
    runOn(ctx, `CreateStack ${stackName}`, begun.finished, async (result) => {
      if (onFailure === 'DELETE' && result?.status === 'ROLLBACK_COMPLETE') await ctx.account.stacks.delete(result.stackId);
    });
    return { StackId: begun.stackId };
  },
  UpdateStack: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stack = ctx.account.stacks.requireStack(reader.string('StackName'));
    if (stack.status === 'DELETE_COMPLETE') throw reader.fail(`Stack:${stack.stackId} is in DELETE_COMPLETE state and can not be updated.`);
    const template = reader.optionalBoolean('UsePreviousTemplate') ? { templateBody: stack.templateBody, templateFile: stack.templateFile } : templateOf(reader, ctx, true)!;
    checkCapabilities(reader, template.templateBody, { transforms: true });
    const begun = ctx.account.stacks.beginUpdate({ stackName: stack.stackName, ...template, parameters: parametersOf(reader, template.templateBody, stack) });
    if (begun.unchanged) throw reader.fail('No updates are to be performed.');
    runOn(ctx, `UpdateStack ${stack.stackName}`, begun.finished);
    return { StackId: begun.stackId };
  },
  DeleteStack: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stackName = reader.string('StackName');
    if ((reader.optionalStrings('RetainResources') ?? []).length > 0) throw reader.fail('RetainResources is not supported by the local CloudFormation engine; set DeletionPolicy: Retain on those resources instead');
    // Deleting a stack that does not exist (or was deleted) succeeds and does nothing, as on AWS.
    const begun = ctx.account.stacks.beginDelete(stackName);
    if (begun && !begun.unchanged) runOn(ctx, `DeleteStack ${begun.stackName}`, begun.finished);
    return {};
  },
};
