// Change sets (CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet) on the
// account's engine: `slipway deploy` creates and updates stacks this way, the same calls as on
// AWS. A change set is computed when it is created, so it answers CREATE_COMPLETE (or FAILED with
// "didn't contain changes") at once; ExecuteChangeSet answers at once and runs on in the background.
import type { ChangeSetRecord } from '../../stack/index.js';
import type { OperationHandler } from '../handler.js';
import { checkCapabilities, parametersOf } from './cloudformation-inputs.js';
import { CFN_INVALID, runOn } from './cloudformation-stacks.js';
import { templateOf } from './cloudformation-templates.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';

/** DescribeChangeSet pages its Changes. */
const CHANGES_PAGE = 100;
const TYPES = ['CREATE', 'UPDATE', 'IMPORT'];

/** The change set a ChangeSetName (an ARN, or a name with StackName) names. */
function changeSetOf(reader: OperationInput, describe: (nameOrId: string, stackName?: string) => ChangeSetRecord): ChangeSetRecord {
  const name = reader.string('ChangeSetName');
  const stackName = reader.optionalString('StackName');
  if (!name.startsWith('arn:') && stackName === undefined) throw reader.fail('StackName must be specified if ChangeSetName is not specified as an ARN.');
  return describe(name, stackName);
}

/** The change set operations, by name. */
export const changeSetHandlers: Record<string, OperationHandler> = {
  CreateChangeSet: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stackName = reader.string('StackName');
    const changeSetName = reader.string('ChangeSetName');
    const changeSetType = reader.optionalString('ChangeSetType') ?? 'UPDATE';
    if (!TYPES.includes(changeSetType)) throw reader.invalid('ChangeSetType', changeSetType, `Member must satisfy enum value set: [${TYPES.join(', ')}]`);
    if (changeSetType === 'IMPORT') throw reader.fail('Change sets of type IMPORT are not supported by the local CloudFormation engine: resources are only made by stacks');
    const stack = changeSetType === 'UPDATE' ? ctx.account.stacks.requireStack(stackName) : undefined;
    const template = reader.optionalBoolean('UsePreviousTemplate') && stack ? { templateBody: stack.templateBody, templateFile: stack.templateFile } : templateOf(reader, ctx, true)!;
    // Macros run when a change set is made, without acknowledging them (only IAM needs it here).
    checkCapabilities(reader, template.templateBody, { transforms: false });
    const record = ctx.account.changeSets.create({
      stackName: stack?.stackName ?? stackName, changeSetName, changeSetType: changeSetType as 'CREATE' | 'UPDATE', description: reader.optionalString('Description'),
      ...template, parameters: parametersOf(reader, template.templateBody, stack),
    });
    return { Id: record.ChangeSetId, StackId: record.StackId };
  },
  DescribeChangeSet: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const record = changeSetOf(reader, (name, stack) => ctx.account.changeSets.describe(name, stack));
    const page = pageOf(record.Changes, {
      keyOf: (change) => change.ResourceChange.LogicalResourceId, size: CHANGES_PAGE, token: reader.optionalString('NextToken'), invalidToken: () => reader.fail('Invalid NextToken'),
    });
    return {
      ChangeSetName: record.ChangeSetName, ChangeSetId: record.ChangeSetId, StackId: record.StackId, StackName: record.StackName,
      ...(record.Description ? { Description: record.Description } : {}),
      Parameters: record.Parameters, CreationTime: new Date(record.CreationTime), ExecutionStatus: record.ExecutionStatus, Status: record.Status,
      ...(record.StatusReason ? { StatusReason: record.StatusReason } : {}), NotificationARNs: [], RollbackConfiguration: {}, Changes: page.items,
      ...(page.nextToken ? { NextToken: page.nextToken } : {}), IncludeNestedStacks: false,
    };
  },
  ExecuteChangeSet: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const record = changeSetOf(reader, (name, stack) => ctx.account.changeSets.describe(name, stack));
    const begun = ctx.account.changeSets.beginExecute(record.ChangeSetId);
    runOn(ctx, `ExecuteChangeSet ${record.ChangeSetName} on ${begun.stackName}`, begun.finished);
    return {};
  },
  DeleteChangeSet: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const record = changeSetOf(reader, (name, stack) => ctx.account.changeSets.describe(name, stack));
    ctx.account.changeSets.delete(record.ChangeSetId);
    return {};
  },
};
