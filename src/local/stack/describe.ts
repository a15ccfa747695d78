// DescribeStacks and DescribeStackResources in one: what `slipway stack describe --json` prints.
import type { StackEvent, StackOutput, StackRecord } from './model.js';
import type { StackStore } from './store.js';

/** A stack with its parameters (NoEcho values masked), resources and outputs. */
export interface StackDescription {
  StackId: string;
  StackName: string;
  StackStatus: string;
  StackStatusReason?: string;
  Description?: string;
  CreationTime: string;
  LastUpdatedTime?: string;
  ParentId?: string;
  Parameters: { ParameterKey: string; ParameterValue: string }[];
  Outputs: StackOutput[];
  Resources: {
    LogicalResourceId: string;
    PhysicalResourceId?: string;
    ResourceType: string;
    ResourceStatus: string;
    ResourceStatusReason?: string;
    Ref?: string;
    Attributes: Record<string, unknown>;
  }[];
  NotEmulated: StackRecord['notEmulated'];
  Events: StackEvent[];
}

/** Describes one stack. */
export function describeStack(store: StackStore, stack: StackRecord): StackDescription {
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    Description: stack.description,
    CreationTime: stack.createdAt,
    LastUpdatedTime: stack.updatedAt,
    ParentId: stack.parentStackId,
    // DescribeStacks shows NoEcho parameter values as asterisks.
    Parameters: Object.entries(stack.parameters).map(([key, value]) => ({ ParameterKey: key, ParameterValue: stack.noEcho.includes(key) ? '****' : value })),
    Outputs: stack.outputs,
    Resources: store.resources(stack.stackId).map((resource) => ({
      LogicalResourceId: resource.logicalId,
      PhysicalResourceId: resource.physicalId,
      ResourceType: resource.type,
      ResourceStatus: resource.status,
      ResourceStatusReason: resource.statusReason,
      Ref: resource.ref,
      Attributes: resource.attributes,
    })),
    NotEmulated: stack.notEmulated,
    Events: store.events(stack.stackId),
  };
}
