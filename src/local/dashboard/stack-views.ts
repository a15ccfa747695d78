// The stacks pages' data, from the stack engine's DescribeStacks: every live stack with its
// status, and one stack's parameters (NoEcho values shown as "****", as DescribeStacks does),
// outputs, resources and events. A NoEcho value that reappears elsewhere (an output that refers
// to the parameter, a physical id, a reason) is masked there too; resource properties, which
// may hold such values in other forms, are not sent at all.
import { SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../account/index.js';
import { maskValues } from './secret-masking.js';

/** How many of a stack's events its page shows, newest first. */
const EVENTS_SHOWN = 300;

/** Every live stack: name, status and times. */
export function stackList(account: LocalAccount) {
  return account.stacks.listStacks().map((stack) => ({
    name: stack.stackName, status: stack.status, ...(stack.statusReason ? { reason: stack.statusReason } : {}),
    createdAt: stack.createdAt, ...(stack.updatedAt ? { updatedAt: stack.updatedAt } : {}),
    ...(stack.parentStackId ? { parentStackId: stack.parentStackId } : {}),
  }));
}

/** One stack's page. */
export function stackDetail(account: LocalAccount, stackName: string) {
  const record = account.stacks.listStacks().find((stack) => stack.stackName === stackName);
  if (!record) throw new SlipwayError('StackNotFound', `Stack ${stackName} does not exist`, { hint: 'the stacks page lists the live ones' });
  const secrets = record.noEcho.map((key) => record.parameters[key] ?? '');
  const mask = (text: string | undefined) => (text === undefined ? undefined : maskValues(text, secrets));
  const described = account.stacks.describe(stackName);
  return {
    name: described.StackName,
    stackId: described.StackId,
    status: described.StackStatus,
    reason: mask(described.StackStatusReason),
    description: described.Description,
    createdAt: described.CreationTime,
    updatedAt: described.LastUpdatedTime,
    parameters: described.Parameters.map((parameter) => ({
      key: parameter.ParameterKey, value: parameter.ParameterValue, noEcho: record.noEcho.includes(parameter.ParameterKey),
    })),
    outputs: described.Outputs.map((output) => ({
      key: output.OutputKey, value: mask(output.OutputValue), description: output.Description, exportName: output.ExportName,
    })),
    resources: described.Resources.map((resource) => ({
      logicalId: resource.LogicalResourceId, physicalId: mask(resource.PhysicalResourceId), type: resource.ResourceType,
      status: resource.ResourceStatus, reason: mask(resource.ResourceStatusReason),
    })),
    events: described.Events.slice(0, EVENTS_SHOWN).map((event) => ({
      id: event.EventId, time: event.Timestamp, logicalId: event.LogicalResourceId, type: event.ResourceType,
      status: event.ResourceStatus, reason: mask(event.ResourceStatusReason),
    })),
    notEmulated: described.NotEmulated,
  };
}
