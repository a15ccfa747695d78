// What CloudFormation says about stacks: DescribeStacks, DescribeStackEvents (newest first),
// DescribeStackResources, ListStackResources, ListStacks (deleted stacks too) and ListExports, in
// CloudFormation's shapes, each list paged by NextToken at CloudFormation's page size.
import type { OperationHandler } from '../handler.js';
import { eventShape, resourcesOf, stackShape } from './cloudformation-shapes.js';
import { CFN_INVALID } from './cloudformation-stacks.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';

/** CloudFormation's pages hold 100 entries (DescribeStackEvents, ListStackResources, ListExports...). */
const PAGE = 100;

/** One page of `items` by the request's NextToken. */
function paged<T>(reader: OperationInput, items: readonly T[], keyOf: (item: T) => string): { items: T[]; NextToken?: string } {
  const page = pageOf(items, { keyOf, size: PAGE, token: reader.optionalString('NextToken'), invalidToken: () => reader.fail('Invalid NextToken') });
  return { items: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** The describe and list operations, by name. */
export const describeHandlers: Record<string, OperationHandler> = {
  DescribeStacks: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const name = reader.optionalString('StackName');
    const stacks = name === undefined ? ctx.account.stacks.listStacks() : [ctx.account.stacks.requireStack(name)];
    const page = paged(reader, stacks, (stack) => stack.stackId);
    return { Stacks: page.items.map((stack) => stackShape(ctx, stack)), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
  DescribeStackEvents: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stack = ctx.account.stacks.requireStack(reader.string('StackName'));
    const page = paged(reader, ctx.account.stacks.store.events(stack.stackId), (event) => event.EventId);
    return { StackEvents: page.items.map(eventShape), ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
  DescribeStackResources: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const name = reader.optionalString('StackName');
    const physicalId = reader.optionalString('PhysicalResourceId');
    if (name === undefined && physicalId === undefined) throw reader.fail('Either StackName or PhysicalResourceId must be specified.');
    const stack = name !== undefined ? ctx.account.stacks.requireStack(name) : ctx.account.stacks.listStacks()
      .find((one) => ctx.account.stacks.store.resources(one.stackId).some((resource) => resource.physicalId === physicalId));
    if (!stack) throw reader.fail(`Stack for ${physicalId} does not exist`);
    const logicalId = reader.optionalString('LogicalResourceId');
    const resources = resourcesOf(ctx, stack).filter((resource) => (logicalId === undefined || resource.LogicalResourceId === logicalId)
      && (name !== undefined || physicalId === undefined || resource.PhysicalResourceId === physicalId));
    return { StackResources: resources.map(({ time, ...resource }) => ({ StackName: stack.stackName, StackId: stack.stackId, ...resource, Timestamp: time, DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' } })) };
  },
  ListStackResources: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stack = ctx.account.stacks.requireStack(reader.string('StackName'));
    const page = paged(reader, resourcesOf(ctx, stack), (resource) => resource.LogicalResourceId);
    const summaries = page.items.map(({ time, ...resource }) => ({ ...resource, LastUpdatedTimestamp: time, DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' } }));
    return { StackResourceSummaries: summaries, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
  ListStacks: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const statuses = reader.optionalStrings('StackStatusFilter');
    const stacks = ctx.account.stacks.stackHistory().filter((stack) => statuses === undefined || statuses.length === 0 || statuses.includes(stack.status));
    const page = paged(reader, stacks, (stack) => stack.stackId);
    const summaries = page.items.map((stack) => {
      const {
        Description, Parameters: _parameters, Outputs: _outputs, RollbackConfiguration: _rollback, DisableRollback: _disable,
        NotificationARNs: _arns, Tags: _tags, EnableTerminationProtection: _protection, ...summary
      } = stackShape(ctx, stack);
      return { ...summary, ...(Description ? { TemplateDescription: Description } : {}) };
    });
    return { StackSummaries: summaries, ...(page.NextToken ? { NextToken: page.NextToken } : {}) };
  },
  ListExports: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const page = paged(reader, ctx.account.stacks.exports(), (entry) => entry.name);
    return {
      Exports: page.items.map((entry) => ({ ExportingStackId: entry.stackId, Name: entry.name, Value: entry.value })),
      ...(page.NextToken ? { NextToken: page.NextToken } : {})
    };
  },
};
