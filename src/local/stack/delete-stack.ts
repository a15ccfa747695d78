// DeleteStack: resources in reverse dependency order; Retain keeps a resource (DELETE_SKIPPED);
// a resource that cannot be deleted leaves the stack in DELETE_FAILED, to be retried. Providers'
// deletes succeed when the thing is already gone, so a delete cut short can simply run again.
import { creationOrder } from '../../cloudformation/index.js';
import type { StackResourceRecord } from './model.js';
import { attempt, emitEvent, emitStackStatus, providerContext, providerOf, type OperationContext } from './resource-operations.js';

/**
 * Deletes every resource of the stack, from its rows in the database (so the same code finishes
 * a delete after a crash); returns the failure reason, if any. `reason` is the event's reason.
 */
export async function deleteStackResources(op: OperationContext, reason = 'User Initiated'): Promise<string | undefined> {
  const inUse = op.stack.outputs
    .filter((output) => output.ExportName !== undefined)
    .flatMap((output) => op.store.importers(output.ExportName!, op.stack.stackId).map((importer) => `Export ${output.ExportName} cannot be deleted as it is in use by ${importer}`));
  emitStackStatus(op, 'DELETE_IN_PROGRESS', reason);
  if (inUse.length > 0) {
    emitStackStatus(op, 'DELETE_FAILED', inUse.join('; '));
    return inUse.join('; ');
  }
  const failed: string[] = [];
  for (const record of deletionOrder(op.store.resources(op.stack.stackId))) {
    if (record.physicalId === undefined) {
      op.store.removeResource(op.stack.stackId, record.logicalId);
      continue;
    }
    const ok = await deleteResource(op, record, { retain: record.deletionPolicy === 'Retain' || record.deletionPolicy === 'RetainExceptOnCreate' });
    if (!ok) failed.push(record.logicalId);
  }
  if (failed.length > 0) {
    const failure = `The following resource(s) failed to delete: [${failed.join(', ')}]. `;
    emitStackStatus(op, 'DELETE_FAILED', failure);
    return failure;
  }
  op.store.setExportsAndImports(op.stack.stackId, {}, []);
  op.store.forgetChangeSets(op.stack.stackId);
  emitStackStatus(op, 'DELETE_COMPLETE');
  return undefined;
}

/** Resources ordered so that each is deleted before what it depends on. */
export function deletionOrder(records: StackResourceRecord[]): StackResourceRecord[] {
  const byId = new Map(records.map((record) => [record.logicalId, record]));
  const sorted = [...records].sort((a, b) => a.position - b.position);
  const dependencies = Object.fromEntries(sorted.map((record) => [record.logicalId, record.dependsOn.filter((id) => byId.has(id))]));
  const ordered = creationOrder(sorted.map((record) => record.logicalId), dependencies);
  const order = ordered.ok ? ordered.order : sorted.map((record) => record.logicalId);
  return order.reverse().map((id) => byId.get(id)!);
}

/** Deletes one resource (or skips it when retained); returns false when the delete failed. */
export async function deleteResource(op: OperationContext, record: StackResourceRecord, options: { retain: boolean; keepRecord?: boolean }): Promise<boolean> {
  const base = { LogicalResourceId: record.logicalId, PhysicalResourceId: record.physicalId, ResourceType: record.type };
  if (options.retain) {
    emitEvent(op, { ...base, ResourceStatus: 'DELETE_SKIPPED', ResourceStatusReason: 'DeletionPolicy Retain: the resource is kept' });
    forget(op, record, options);
    return true;
  }
  emitEvent(op, { ...base, ResourceStatus: 'DELETE_IN_PROGRESS' });
  const provider = providerOf(record.type);
  try {
    if (provider && record.physicalId !== undefined) {
      const current = { physicalId: record.physicalId, properties: record.properties, attributes: record.attributes, internal: record.internal };
      await attempt(record.logicalId, () => provider.delete(providerContext(op, undefined, record.logicalId), current));
      op.options.fault?.('stack.resource.deleted');
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The old copy of a replaced resource shares its logical id with the new one: only the event records its failure.
    if (!options.keepRecord) {
      record.status = 'DELETE_FAILED';
      record.statusReason = reason;
      op.store.saveResource(op.stack.stackId, record);
    }
    emitEvent(op, { ...base, ResourceStatus: 'DELETE_FAILED', ResourceStatusReason: reason });
    return false;
  }
  emitEvent(op, { ...base, ResourceStatus: 'DELETE_COMPLETE' });
  forget(op, record, options);
  return true;
}

function forget(op: OperationContext, record: StackResourceRecord, options: { keepRecord?: boolean }): void {
  if (options.keepRecord) return;
  if (op.resources.get(record.logicalId) === record) op.resources.delete(record.logicalId);
  op.store.removeResource(op.stack.stackId, record.logicalId);
}
