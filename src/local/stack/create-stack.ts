// CreateStack: resources in dependency order; on the first failure, rollback deletes what was
// made, newest first, and the stack ends in ROLLBACK_COMPLETE (AWS, "Stack creation failures").
// Each resource's row is written before its provider runs and holds the physical id the provider
// claims, so a rollback after a crash deletes exactly what was made, and nothing else.
import type { StackPlan } from '../../cloudformation/index.js';
import { deleteResource } from './delete-stack.js';
import type { StackResourceRecord } from './model.js';
import { evaluateOutputs, exportProblems, publishExports } from './outputs.js';
import { generatedName } from './providers/naming.js';
import {
  attempt, emitEvent, emitStackStatus, evaluateProperties, notEmulatedOf, placeholderReason, providerContext, providerOf,
  recordOf, resolveDynamic, ResourceFailure, shownProperties, validateProperties,
  type OperationContext,
} from './resource-operations.js';

/** Creates every planned resource and the outputs; returns the failure, if any. */
export async function createResources(op: OperationContext, plan: StackPlan): Promise<ResourceFailure | undefined> {
  try {
    for (const logicalId of plan.order) await createResource(op, plan, logicalId);
    const outputs = evaluateOutputs(op, plan);
    const problems = exportProblems(op, outputs);
    if (problems.length > 0) throw new ResourceFailure(op.stack.stackName, problems.join('; '));
    op.stack.outputs = outputs;
    op.stack.notEmulated = notEmulatedOf(op, plan);
    publishExports(op, outputs);
    return undefined;
  } catch (error) {
    if (error instanceof ResourceFailure) return error;
    throw error;
  }
}

/** Creates one resource (or records a type that is not emulated). */
export async function createResource(op: OperationContext, plan: StackPlan, logicalId: string): Promise<void> {
  const declaration = plan.template.resources[logicalId]!;
  const base = { LogicalResourceId: logicalId, ResourceType: declaration.type };
  emitEvent(op, { ...base, ResourceStatus: 'CREATE_IN_PROGRESS' });
  const intent: StackResourceRecord = { ...recordOf(declaration, plan, {}, { physicalId: '', ref: '', attributes: {} }, 'CREATE_IN_PROGRESS'), physicalId: undefined, ref: undefined };
  op.store.saveResource(op.stack.stackId, intent);
  try {
    const properties = evaluateProperties(op, plan, declaration);
    const provider = providerOf(declaration.type);
    const result = provider
      ? await attempt(logicalId, async () => {
        const resolved = resolveDynamic(op, logicalId, properties);
        validateProperties(logicalId, provider, resolved, plan);
        return provider.create(providerContext(op, plan, logicalId), resolved);
      })
      : notEmulated(op, logicalId);
    op.options.fault?.('stack.resource.provisioned');
    const record = recordOf(declaration, plan, properties, result, 'CREATE_COMPLETE');
    op.resources.set(logicalId, record);
    op.store.saveResource(op.stack.stackId, record);
    const unemulated = provider ? undefined : `${declaration.type} is not emulated locally: recorded only (see docs/local-cloudformation.md)`;
    const reason = [unemulated, placeholderReason(op, `Resources.${logicalId}`)].filter(Boolean).join('; ') || undefined;
    emitEvent(op, { ...base, PhysicalResourceId: result.physicalId, ResourceStatus: 'CREATE_COMPLETE', ResourceStatusReason: reason, ResourceProperties: shownProperties(plan, properties) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    markFailed(op, logicalId, reason);
    emitEvent(op, { ...base, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: reason });
    throw error instanceof ResourceFailure ? error : new ResourceFailure(logicalId, reason);
  }
}

function notEmulated(op: OperationContext, logicalId: string) {
  const physicalId = generatedName(op.stack.stackName, logicalId, 128);
  return { physicalId, ref: physicalId, attributes: {}, internal: { notEmulated: true } };
}

/** A failed create keeps its row (with whatever the provider claimed), for the rollback to clean up. */
function markFailed(op: OperationContext, logicalId: string, reason: string): void {
  const row = op.store.resources(op.stack.stackId).find((resource) => resource.logicalId === logicalId);
  if (row) op.store.saveResource(op.stack.stackId, { ...row, status: 'CREATE_FAILED', statusReason: reason });
}

/**
 * Rolls back a create: deletes what was made, newest first, from the rows in the database (so
 * the same code finishes a rollback after a crash). A row whose provider claimed nothing made
 * nothing, and simply goes.
 */
export async function rollbackCreate(op: OperationContext, reason: string): Promise<void> {
  emitStackStatus(op, 'ROLLBACK_IN_PROGRESS', reason);
  let rollbackFailed = false;
  for (const record of op.store.resources(op.stack.stackId).sort((a, b) => b.position - a.position)) {
    if (record.physicalId === undefined) {
      op.store.removeResource(op.stack.stackId, record.logicalId);
      continue;
    }
    // RetainExceptOnCreate deletes on a failed create; Retain keeps the resource (AWS DeletionPolicy).
    const ok = await deleteResource(op, record, { retain: record.deletionPolicy === 'Retain' });
    rollbackFailed ||= !ok;
  }
  op.resources.clear();
  op.stack.outputs = [];
  op.store.saveStack(op.stack);
  emitStackStatus(op, rollbackFailed ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE');
}

/** The reason a failed create gives when it rolls back. */
export function createFailureReason(op: OperationContext, failure: ResourceFailure): string {
  const failed = failure.logicalId === op.stack.stackName ? 'the outputs' : `[${failure.logicalId}]`;
  return `The following resource(s) failed to create: ${failed}. Rollback requested by user.`;
}
