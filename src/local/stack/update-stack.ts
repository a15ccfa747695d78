// UpdateStack: re-evaluate every resource, create what is new, update in place or replace what
// changed (per each type's "Update requires" rules), then in the cleanup phase delete what is
// gone and the old copies of replaced resources. A failure rolls every change back, newest first.
// Every step is journaled before it is made, so that an update cut short by a crash is rolled
// back (or, once in its cleanup phase, finished) by the same code, from the database.
import { SlipwayError } from '../../errors.js';
import type { StackPlan } from '../../cloudformation/index.js';
import { createResource } from './create-stack.js';
import { deleteResource, deletionOrder } from './delete-stack.js';
import type { StackResourceRecord } from './model.js';
import { evaluateOutputs, exportProblems, publishExports } from './outputs.js';
import {
  attempt, changedProperties, emitEvent, emitStackStatus, evaluateProperties, notEmulatedOf, placeholderReason, providerContext,
  providerOf, recordOf, resolveDynamic, ResourceFailure,
  shownProperties, validateProperties, type OperationContext,
} from './resource-operations.js';
import { rollbackUpdate } from './update-rollback.js';

/** Runs an update the caller has begun (status UPDATE_IN_PROGRESS); returns the failure reason, or undefined. */
export async function runUpdate(op: OperationContext, plan: StackPlan, template: UpdatedTemplate): Promise<string | undefined> {
  emitStackStatus(op, 'UPDATE_IN_PROGRESS', 'User Initiated');
  try {
    for (const logicalId of plan.order) await updateResource(op, plan, logicalId);
    const outputs = evaluateOutputs(op, plan);
    const problems = exportProblems(op, outputs);
    if (problems.length > 0) throw new ResourceFailure(op.stack.stackName, problems.join('; '));
    enterCleanup(op, plan, template, outputs);
    op.options.fault?.('stack.cleanup.entered');
    await finishCleanup(op);
    return undefined;
  } catch (error) {
    if (!(error instanceof ResourceFailure)) throw error;
    await rollbackUpdate(op, `The following resource(s) failed to update: [${error.logicalId}]. `);
    return error.message;
  }
}

/** What an update puts in place of the stack's template once it succeeds. */
export interface UpdatedTemplate {
  templateBody: string;
  templateFile?: string;
  resourceAttributes?: Record<string, string>;
}

/** Refuses a template that changes a resource's type, as CloudFormation does before it starts. */
export function checkTypeChanges(op: OperationContext, plan: StackPlan): void {
  const changed = plan.order.filter((id) => op.resources.has(id) && op.resources.get(id)!.type !== plan.template.resources[id]!.type);
  if (changed.length > 0) {
    throw new SlipwayError('ValidationError', `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${changed.join(', ')}]`, {
      hint: 'give the resource a new logical id instead',
    });
  }
}

// "No updates are to be performed": every resource evaluates to what it already has, nothing is
// added or removed, and the outputs and parameters stay the same.
export function isUnchanged(op: OperationContext, plan: StackPlan): boolean {
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
    return JSON.stringify(evaluateOutputs(op, plan)) === JSON.stringify(op.stack.outputs)
      && (plan.template.description ?? null) === (op.stack.description ?? null);
  } catch {
    return false;
  }
}

async function updateResource(op: OperationContext, plan: StackPlan, logicalId: string): Promise<void> {
  const before = op.resources.get(logicalId);
  if (!before) {
    op.store.journal(op.stack.stackId, { kind: 'created', logicalId });
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
    op.store.journal(op.stack.stackId, { kind: replacing ? 'replaced' : 'updated', logicalId, record: before });
    // The new copy of a replaced resource starts as an intent row; its provider claims its physical id.
    if (replacing) op.store.saveResource(op.stack.stackId, { ...before, physicalId: undefined, internal: {}, status: 'UPDATE_IN_PROGRESS' });
    const result = !provider
      ? { physicalId: before.physicalId ?? logicalId, ref: before.ref ?? logicalId, attributes: before.attributes, internal: before.internal }
      : await attempt(logicalId, async () => {
        const resolved = resolveDynamic(op, logicalId, properties);
        validateProperties(logicalId, provider, resolved, plan);
        const ctx = providerContext(op, plan, logicalId);
        return replacing ? provider.create(ctx, resolved) : provider.update(ctx, current, resolved);
      });
    op.options.fault?.('stack.resource.provisioned');
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

/** An unchanged resource keeps everything but its place in the new template and its policies. */
function keep(op: OperationContext, plan: StackPlan, before: StackResourceRecord): void {
  const declaration = plan.template.resources[before.logicalId]!;
  const record = {
    ...before, dependsOn: plan.dependencies[before.logicalId] ?? [], position: plan.order.indexOf(before.logicalId),
    deletionPolicy: declaration.deletionPolicy, updateReplacePolicy: declaration.updateReplacePolicy,
  };
  op.store.journal(op.stack.stackId, { kind: 'kept', logicalId: before.logicalId, record: before });
  op.resources.set(before.logicalId, record);
  op.store.saveResource(op.stack.stackId, record);
}

// A replacement needs a new physical name; with a custom name that stays the same, the new
// resource would clash with the old one, so CloudFormation refuses the update.
function checkCustomName(logicalId: string, nameProperty: string | undefined, before: Record<string, unknown>, after: Record<string, unknown>): void {
  if (!nameProperty || before[nameProperty] === undefined || before[nameProperty] !== after[nameProperty]) return;
  throw new ResourceFailure(logicalId, `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${String(after[nameProperty])} and update the stack again.`);
}

/**
 * Enters the cleanup phase: the new template, parameters and outputs become the stack's (with
 * its exports), and what the new template dropped is journaled for deletion, before anything is
 * deleted; from here an interrupted update is finished, not rolled back (as CloudFormation does).
 */
function enterCleanup(op: OperationContext, plan: StackPlan, template: UpdatedTemplate, outputs: OperationContext['stack']['outputs']): void {
  for (const record of op.store.resources(op.stack.stackId).filter((row) => !plan.order.includes(row.logicalId))) {
    op.store.journal(op.stack.stackId, { kind: 'removed', logicalId: record.logicalId, record });
  }
  Object.assign(op.stack, {
    templateBody: template.templateBody, templateFile: template.templateFile, resourceAttributes: template.resourceAttributes,
    parameters: plan.parameters.raw, noEcho: plan.parameters.noEcho, outputs,
    description: plan.template.description, updatedAt: new Date().toISOString(), notEmulated: notEmulatedOf(op, plan),
  });
  op.store.saveStack(op.stack);
  publishExports(op, outputs);
  emitStackStatus(op, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
}

/** The cleanup phase: old copies of replaced resources, then removed resources, go; the journal ends. */
export async function finishCleanup(op: OperationContext): Promise<void> {
  const entries = op.store.journalEntries(op.stack.stackId);
  for (const entry of entries.filter((one) => one.kind === 'replaced')) {
    await deleteResource(op, entry.record!, { retain: entry.record!.updateReplacePolicy === 'Retain', keepRecord: true });
  }
  const removed = entries.filter((one) => one.kind === 'removed').map((one) => one.record!);
  for (const record of deletionOrder(removed)) {
    await deleteResource(op, record, { retain: record.deletionPolicy === 'Retain' || record.deletionPolicy === 'RetainExceptOnCreate' });
  }
  op.store.clearJournal(op.stack.stackId);
  emitStackStatus(op, 'UPDATE_COMPLETE', placeholderReason(op, 'Outputs'));
}
