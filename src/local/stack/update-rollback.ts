// UpdateStack's rollback: every journaled step undone, newest first, to UPDATE_ROLLBACK_COMPLETE
// (AWS, "Update rollback"). It reads the journal and the rows from the database, and each undo
// can run twice, so the same code rolls back an update in this process or one a crash cut short.
import { deleteResource } from './delete-stack.js';
import type { JournalEntry, StackResourceRecord } from './model.js';
import { emitEvent, emitStackStatus, providerContext, providerOf, resolveDynamic, type OperationContext } from './resource-operations.js';

/** Rolls back the update in progress; `reason` is the UPDATE_ROLLBACK_IN_PROGRESS event's. */
export async function rollbackUpdate(op: OperationContext, reason: string): Promise<void> {
  emitStackStatus(op, 'UPDATE_ROLLBACK_IN_PROGRESS', reason);
  let failed = false;
  for (const entry of op.store.journalEntries(op.stack.stackId).reverse()) failed ||= !(await undo(op, entry));
  op.store.clearJournal(op.stack.stackId);
  emitStackStatus(op, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  emitStackStatus(op, failed ? 'UPDATE_ROLLBACK_FAILED' : 'UPDATE_ROLLBACK_COMPLETE');
}

/** Undoes one step; false when a provider refused. */
async function undo(op: OperationContext, entry: JournalEntry): Promise<boolean> {
  const now = op.store.resources(op.stack.stackId).find((row) => row.logicalId === entry.logicalId);
  switch (entry.kind) {
    case 'created':
      if (!now) return true;
      if (now.physicalId === undefined) {
        forgetRow(op, now);
        return true;
      }
      return deleteResource(op, now, { retain: false });
    case 'replaced': {
      // The new copy goes (unless nothing was made yet), and the old record comes back.
      const ok = now && now.physicalId !== undefined && now.physicalId !== entry.record!.physicalId
        ? await deleteResource(op, now, { retain: false, keepRecord: true }) : true;
      restore(op, entry.record!);
      return ok;
    }
    case 'updated':
      return revertInPlace(op, entry.record!, now ?? entry.record!);
    case 'kept':
      restore(op, entry.record!);
      return true;
    case 'removed':
      // Removal is journaled only once the cleanup phase began, which is never rolled back.
      return true;
  }
}

async function revertInPlace(op: OperationContext, before: StackResourceRecord, now: StackResourceRecord): Promise<boolean> {
  const provider = providerOf(before.type);
  const base = { LogicalResourceId: before.logicalId, PhysicalResourceId: before.physicalId, ResourceType: before.type };
  emitEvent(op, { ...base, ResourceStatus: 'UPDATE_IN_PROGRESS' });
  try {
    if (provider) {
      const current = { physicalId: now.physicalId ?? '', properties: now.properties, attributes: now.attributes, internal: now.internal };
      const result = await provider.update(
        providerContext(op, undefined, before.logicalId, before.internal), current,
        resolveDynamic(op, before.logicalId, before.properties),
      );
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

function forgetRow(op: OperationContext, record: StackResourceRecord): void {
  op.resources.delete(record.logicalId);
  op.store.removeResource(op.stack.stackId, record.logicalId);
}
