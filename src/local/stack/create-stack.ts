// CreateStack: resources in dependency order; on the first failure, rollback deletes what was
// made, newest first, and the stack ends in ROLLBACK_COMPLETE (AWS, "Stack creation failures").
import type { StackPlan } from '../../cloudformation/index.js';
import { deleteResource } from './delete-stack.js';
import { evaluateOutputs, exportProblems, publishExports } from './outputs.js';
import { generatedName } from './providers/naming.js';
import {
  attempt, emitEvent, emitStackStatus, evaluateProperties, notEmulatedOf, placeholderReason, providerContext, providerOf, recordOf, resolveDynamic, ResourceFailure, shownProperties, validateProperties,
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
    const record = recordOf(declaration, plan, properties, result, 'CREATE_COMPLETE');
    op.resources.set(logicalId, record);
    op.store.saveResource(op.stack.stackId, record);
    const unemulated = provider ? undefined : `${declaration.type} is not emulated locally: recorded only (see docs/local-cloudformation.md)`;
    const reason = [unemulated, placeholderReason(op, `Resources.${logicalId}`)].filter(Boolean).join('; ') || undefined;
    emitEvent(op, { ...base, PhysicalResourceId: result.physicalId, ResourceStatus: 'CREATE_COMPLETE', ResourceStatusReason: reason, ResourceProperties: shownProperties(plan, properties) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    emitEvent(op, { ...base, ResourceStatus: 'CREATE_FAILED', ResourceStatusReason: reason });
    throw error instanceof ResourceFailure ? error : new ResourceFailure(logicalId, reason);
  }
}

function notEmulated(op: OperationContext, logicalId: string) {
  const physicalId = generatedName(op.stack.stackName, logicalId, 128);
  return { physicalId, ref: physicalId, attributes: {}, internal: { notEmulated: true } };
}

/** Rolls back a failed create: deletes what was made, newest first. */
export async function rollbackCreate(op: OperationContext, failure: ResourceFailure): Promise<void> {
  const failed = failure.logicalId === op.stack.stackName ? 'the outputs' : `[${failure.logicalId}]`;
  emitStackStatus(op, 'ROLLBACK_IN_PROGRESS', `The following resource(s) failed to create: ${failed}. Rollback requested by user.`);
  let rollbackFailed = false;
  for (const record of [...op.resources.values()].sort((a, b) => b.position - a.position)) {
    // RetainExceptOnCreate deletes on a failed create; Retain keeps the resource (AWS DeletionPolicy).
    const retain = record.deletionPolicy === 'Retain';
    const ok = await deleteResource(op, record, { retain });
    rollbackFailed ||= !ok;
  }
  op.stack.outputs = [];
  op.store.saveStack(op.stack);
  emitStackStatus(op, rollbackFailed ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE');
}
