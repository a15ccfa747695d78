// CloudFormation's shapes of what the engine records: a stack as DescribeStacks shows it (NoEcho
// values as asterisks, a nested stack's parent and root), its resources with when each last
// changed (its newest event), and its events.
import type { StackEvent, StackRecord } from '../../stack/index.js';
import type { ApiContext } from '../handler.js';

const NOT_CHECKED = { StackDriftStatus: 'NOT_CHECKED' };

/** DescribeStacks' Stack shape. */
export function stackShape(ctx: ApiContext, stack: StackRecord): Record<string, unknown> {
  return {
    StackId: stack.stackId, StackName: stack.stackName, ...(stack.description ? { Description: stack.description } : {}),
    Parameters: Object.entries(stack.parameters).map(([key, value]) => ({ ParameterKey: key, ParameterValue: stack.noEcho.includes(key) ? '****' : value })),
    CreationTime: new Date(stack.createdAt), ...(stack.deletedAt ? { DeletionTime: new Date(stack.deletedAt) } : {}),
    ...(stack.updatedAt ? { LastUpdatedTime: new Date(stack.updatedAt) } : {}),
    RollbackConfiguration: {}, StackStatus: stack.status, ...(stack.statusReason ? { StackStatusReason: stack.statusReason } : {}), DisableRollback: false,
    NotificationARNs: [], ...(stack.outputs.length > 0 ? { Outputs: stack.outputs } : {}), Tags: [], EnableTerminationProtection: false,
    ...(stack.parentStackId ? { ParentId: stack.parentStackId, RootId: rootOf(ctx, stack) } : {}), DriftInformation: NOT_CHECKED,
  };
}

// A nested stack's root is the top of its chain of parents.
function rootOf(ctx: ApiContext, stack: StackRecord): string {
  let current = stack;
  while (current.parentStackId) current = ctx.account.stacks.store.findStack(current.parentStackId) ?? { ...current, parentStackId: undefined };
  return current.stackId;
}

/** When each of a stack's resources last changed: its newest event. */
function resourceTimes(ctx: ApiContext, stackId: string): Map<string, Date> {
  const times = new Map<string, Date>();
  for (const event of ctx.account.stacks.store.events(stackId)) if (!times.has(event.LogicalResourceId)) times.set(
    event.LogicalResourceId, new Date(event.Timestamp),
  );
  return times;
}

/** A stack's resources, each with the time it last changed. */
export function resourcesOf(ctx: ApiContext, stack: StackRecord) {
  const times = resourceTimes(ctx, stack.stackId);
  return ctx.account.stacks.store.resources(stack.stackId).map((resource) => ({
    LogicalResourceId: resource.logicalId, ...(resource.physicalId ? { PhysicalResourceId: resource.physicalId } : {}), ResourceType: resource.type,
    time: times.get(resource.logicalId) ?? new Date(stack.updatedAt ?? stack.createdAt), ResourceStatus: resource.status,
    ...(resource.statusReason ? { ResourceStatusReason: resource.statusReason } : {}),
  }));
}

/** An event in DescribeStackEvents' shape. */
export function eventShape(event: StackEvent): Record<string, unknown> {
  return { ...event, Timestamp: new Date(event.Timestamp) };
}
