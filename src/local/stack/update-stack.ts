// UpdateStack: re-evaluate every resource, create what is new, update in place or replace what
// changed (per each type's "Update requires" rules), then in the cleanup phase delete what is
// gone and the old copies of replaced resources. A failure rolls every change back, newest first.
import { SlipwayError } from '../../errors.js';
import type { StackPlan } from '../../cloudformation/index.js';
import { createResource } from './create-stack.js';
import { deleteResource, deletionOrder } from './delete-stack.js';
import type { StackResourceRecord } from './model.js';
import { evaluateOutputs, exportProblems, publishExports } from './outputs.js';
import {
  attempt, changedProperties, emitEvent, emitStackStatus, evaluateProperties, notEmulatedOf, placeholderReason, providerContext, providerOf, recordOf, resolveDynamic, ResourceFailure,
  shownProperties, validateProperties, type OperationContext,
} from './resource-operations.js';

/** One change made during the update, kept so that it can be undone. */
type Change =
  | { kind: 'created'; logicalId: string }
  | { kind: 'updated'; before: StackResourceRecord }
  | { kind: 'replaced'; before: StackResourceRecord };

/** Runs an update; returns 'NO_CHANGES', the failure reason, or undefined on success. */
export async function runUpdate(op: OperationContext, plan: StackPlan, template: { templateBody: string; templateFile?: string }): Promise<string | undefined | 'NO_CHANGES'> {
  checkTypeChanges(op, plan);
  if (isUnchanged(op, plan)) return 'NO_CHANGES';
  emitStackStatus(op, 'UPDATE_IN_PROGRESS', 'User Initiated');
  const changes: Change[] = [];
  try {
    for (const logicalId of plan.order) await updateResource(op, plan, logicalId, changes);
    const outputs = evaluateOutputs(op, plan);
    const problems = exportProblems(op, outputs);
    if (problems.length > 0) throw new ResourceFailure(op.stack.stackName, problems.join('; '));
    await complete(op, plan, template, outputs, changes);
    return undefined;
  } catch (error) {
    if (!(error instanceof ResourceFailure)) throw error;
    await rollbackUpdate(op, changes, error);
    return error.message;
  }
}

function checkTypeChanges(op: OperationContext, plan: StackPlan): void {
  const changed = plan.order.filter((id) => op.resources.has(id) && op.resources.get(id)!.type !== plan.template.resources[id]!.type);
  if (changed.length > 0) {
    throw new SlipwayError('ValidationError', `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${changed.join(', ')}]`, {
      hint: 'give the resource a new logical id instead',
    });
  }
}

// "No updates are to be performed": every resource evaluates to what it already has, nothing is
// added or removed, and the outputs and parameters stay the same.
function isUnchanged(op: OperationContext, plan: StackPlan): boolean {
  if (plan.order.length !== op.resources.size || plan.order.some((id) => !op.resources.has(id))) return false;
  if (JSON.stringify(plan.parameters.raw) !== JSON.stringify(op.stack.parameters)) return false;
  try {
    for (const id of plan.order) {
      const record = op.resources.get(id)!;
      const properties = evaluateProperties(op, plan, plan.template.resources[id]!);
      if (changedProperties(record.properties, properties).length > 0) return false;
      const current = { physicalId: record.physicalId ?? '', properties: record.properties, attributes: record.attributes, internal: record.internal };
      if (providerOf(record.type)?.needsUpdate?.(providerContext(op, plan, id), current, properties)) return false;
    }
    return JSON.stringify(evaluateOutputs(op, plan)) === JSON.stringify(op.stack.outputs) && (plan.template.description ?? null) === (op.stack.description ?? null);
  } catch {
    return false;
  }
}

async function updateResource(op: OperationContext, plan: StackPlan, logicalId: string, changes: Change[]): Promise<void> {
  const before = op.resources.get(logicalId);
  if (!before) {
    changes.push({ kind: 'created', logicalId });
    return createResource(op, plan, logicalId);
  }
  const declaration = plan.template.resources[logicalId]!;
  const base = { LogicalResourceId: logicalId, ResourceType: declaration.type, PhysicalResourceId: before.physicalId };
  try {
    const properties = evaluateProperties(op, plan, declaration);
    const provider = providerOf(declaration.type);
    const current = { physicalId: before.physicalId ?? '', properties: before.properties, attributes: before.attributes, internal: before.internal };
    const changed = changedProperties(before.properties, properties);
    if (changed.length === 0 && !provider?.needsUpdate?.(providerContext(op, plan, logicalId), current, properties)) {
      keep(op, plan, before);
      return;
    }
    const frozen = changed.filter((key) => provider?.immutable?.includes(key));
    if (frozen.length > 0) throw new ResourceFailure(logicalId, `${declaration.type} does not allow changing ${frozen.join(', ')} of an existing resource; the update fails instead of replacing it`);
    const replacing = provider !== undefined && changed.some((key) => provider.replaceOn.includes(key));
    if (replacing) checkCustomName(logicalId, provider.nameProperty, before.properties, properties);
    emitEvent(op, { ...base, ResourceStatus: 'UPDATE_IN_PROGRESS', ResourceStatusReason: replacing ? 'Requested update requires the creation of a new physical resource; hence creating one.' : undefined });
    const result = !provider
      ? { physicalId: before.physicalId ?? logicalId, ref: before.ref ?? logicalId, attributes: before.attributes, internal: before.internal }
      : await attempt(logicalId, async () => {
        const resolved = resolveDynamic(op, logicalId, properties);
        validateProperties(logicalId, provider, resolved, plan);
        const ctx = providerContext(op, plan, logicalId);
        return replacing ? provider.create(ctx, resolved) : provider.update(ctx, current, resolved);
      });
    changes.push(replacing ? { kind: 'replaced', before } : { kind: 'updated', before });
    const record = recordOf(declaration, plan, properties, result, 'UPDATE_COMPLETE');
    op.resources.set(logicalId, record);
    op.store.saveResource(op.stack.stackId, record);
    emitEvent(op, { ...base, PhysicalResourceId: result.physicalId, ResourceStatus: 'UPDATE_COMPLETE', ResourceStatusReason: placeholderReason(op, `Resources.${logicalId}`), ResourceProperties: shownProperties(plan, properties) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    emitEvent(op, { ...base, ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: reason });
    throw error instanceof ResourceFailure ? error : new ResourceFailure(logicalId, reason);
  }
}

/** An unchanged resource keeps everything but its place in the new template. */
function keep(op: OperationContext, plan: StackPlan, before: StackResourceRecord): void {
  const declaration = plan.template.resources[before.logicalId]!;
  const record = { ...before, dependsOn: plan.dependencies[before.logicalId] ?? [], position: plan.order.indexOf(before.logicalId), deletionPolicy: declaration.deletionPolicy, updateReplacePolicy: declaration.updateReplacePolicy };
  op.resources.set(before.logicalId, record);
  op.store.saveResource(op.stack.stackId, record);
}

// A replacement needs a new physical name; with a custom name that stays the same, the new
// resource would clash with the old one, so CloudFormation refuses the update.
function checkCustomName(logicalId: string, nameProperty: string | undefined, before: Record<string, unknown>, after: Record<string, unknown>): void {
  if (!nameProperty || before[nameProperty] === undefined || before[nameProperty] !== after[nameProperty]) return;
  throw new ResourceFailure(logicalId, `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(after[nameProperty])} and update the stack again.`);
}

async function complete(op: OperationContext, plan: StackPlan, template: { templateBody: string; templateFile?: string }, outputs: OperationContext['stack']['outputs'], changes: Change[]): Promise<void> {
  emitStackStatus(op, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  for (const change of changes) {
    if (change.kind === 'replaced') await deleteResource(op, change.before, { retain: change.before.updateReplacePolicy === 'Retain', keepRecord: true });
  }
  const removed = [...op.resources.values()].filter((record) => !plan.order.includes(record.logicalId));
  for (const record of deletionOrder(removed)) {
    await deleteResource(op, record, { retain: record.deletionPolicy === 'Retain' || record.deletionPolicy === 'RetainExceptOnCreate' });
  }
  Object.assign(op.stack, {
    templateBody: template.templateBody, templateFile: template.templateFile, parameters: plan.parameters.raw, noEcho: plan.parameters.noEcho, outputs,
    description: plan.template.description, updatedAt: new Date().toISOString(),
    notEmulated: notEmulatedOf(op, plan),
  });
  op.store.saveStack(op.stack);
  publishExports(op, outputs);
  emitStackStatus(op, 'UPDATE_COMPLETE', placeholderReason(op, 'Outputs'));
}

async function rollbackUpdate(op: OperationContext, changes: Change[], failure: ResourceFailure): Promise<void> {
  emitStackStatus(op, 'UPDATE_ROLLBACK_IN_PROGRESS', `The following resource(s) failed to update: [${failure.logicalId}]. `);
  let failed = false;
  for (const change of [...changes].reverse()) {
    if (change.kind === 'created') {
      const record = op.resources.get(change.logicalId);
      if (record) failed ||= !(await deleteResource(op, record, { retain: false }));
    } else if (change.kind === 'replaced') {
      const record = op.resources.get(change.before.logicalId);
      if (record) failed ||= !(await deleteResource(op, record, { retain: false, keepRecord: true }));
      restore(op, change.before);
    } else {
      failed ||= !(await revertInPlace(op, change.before));
    }
  }
  emitStackStatus(op, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  emitStackStatus(op, failed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE');
}

async function revertInPlace(op: OperationContext, before: StackResourceRecord): Promise<boolean> {
  const now = op.resources.get(before.logicalId)!;
  const provider = providerOf(before.type);
  const base = { LogicalResourceId: before.logicalId, PhysicalResourceId: before.physicalId, ResourceType: before.type };
  emitEvent(op, { ...base, ResourceStatus: 'UPDATE_IN_PROGRESS' });
  try {
    if (provider) {
      const current = { physicalId: now.physicalId ?? '', properties: now.properties, attributes: now.attributes, internal: now.internal };
      const result = await provider.update(providerContext(op, undefined, before.logicalId, before.internal), current, resolveDynamic(op, before.logicalId, before.properties));
      restore(op, { ...before, attributes: result.attributes });
    } else {
      restore(op, before);
    }
    emitEvent(op, { ...base, ResourceStatus: 'UPDATE_COMPLETE' });
    return true;
  } catch (error) {
    emitEvent(op, { ...base, ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: error instanceof Error ? error.message : String(error) });
    return false;
  }
}

function restore(op: OperationContext, record: StackResourceRecord): void {
  op.resources.set(record.logicalId, record);
  op.store.saveResource(op.stack.stackId, record);
}
