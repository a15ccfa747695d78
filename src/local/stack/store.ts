// The stack engine's tables in the state database: stacks (with the process that owns an
// operation in progress), their resources and events, exports and imports, and the journal of
// the update in progress. Status changes that start an operation are compare-and-set, so two
// commands can never act on one stack at once.
import { randomUUID } from 'node:crypto';
import type { Migration, ProcessOwner, StateDatabase } from '../state/index.js';
import type { JournalEntry, StackEvent, StackRecord, StackResourceRecord, StackStatus } from './model.js';

/** The stack engine's schema, in order. SSM parameters and secrets moved to the parameter store. */
export const STACK_MIGRATIONS: Migration[] = [
  {
    id: 'stack-0001-stacks',
    sql: `
      CREATE TABLE stacks (
        stack_id TEXT PRIMARY KEY, stack_name TEXT NOT NULL, status TEXT NOT NULL, status_reason TEXT,
        description TEXT, template_file TEXT, template_body TEXT NOT NULL, parameters TEXT NOT NULL,
        no_echo TEXT NOT NULL, outputs TEXT NOT NULL, not_emulated TEXT NOT NULL, parent_stack_id TEXT,
        created_at TEXT NOT NULL, updated_at TEXT, deleted_at TEXT);
      CREATE INDEX stacks_by_name ON stacks (stack_name, deleted_at);
      CREATE TABLE stack_resources (
        stack_id TEXT NOT NULL, logical_id TEXT NOT NULL, type TEXT NOT NULL, physical_id TEXT, status TEXT NOT NULL,
        status_reason TEXT, properties TEXT NOT NULL, ref TEXT, attributes TEXT NOT NULL, internal TEXT NOT NULL,
        depends_on TEXT NOT NULL, deletion_policy TEXT NOT NULL, update_replace_policy TEXT NOT NULL, position INTEGER NOT NULL,
        updated_at TEXT NOT NULL, PRIMARY KEY (stack_id, logical_id));
      CREATE TABLE stack_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, stack_id TEXT NOT NULL, stack_name TEXT NOT NULL,
        logical_id TEXT NOT NULL, physical_id TEXT, type TEXT NOT NULL, timestamp TEXT NOT NULL, status TEXT NOT NULL,
        status_reason TEXT, properties TEXT);
      CREATE INDEX stack_events_by_stack ON stack_events (stack_id, seq);
      CREATE TABLE stack_exports (name TEXT PRIMARY KEY, stack_id TEXT NOT NULL, value TEXT NOT NULL);
      CREATE TABLE stack_imports (stack_id TEXT NOT NULL, export_name TEXT NOT NULL, PRIMARY KEY (stack_id, export_name));`,
  },
  {
    // One live stack per name (AlreadyExistsException), the owner of the operation in progress,
    // and the journal an interrupted update is rolled back or finished from.
    id: 'stack-0003-operations',
    sql: `
      ALTER TABLE stacks ADD COLUMN owner TEXT;
      CREATE UNIQUE INDEX stacks_live_name ON stacks (stack_name) WHERE deleted_at IS NULL;
      CREATE TABLE stack_journal (
        stack_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, logical_id TEXT NOT NULL, record TEXT,
        PRIMARY KEY (stack_id, seq));`,
  },
  {
    id: 'stack-0004-change-sets',
    sql: 'CREATE TABLE stack_change_sets (change_set_id TEXT PRIMARY KEY, stack_id TEXT NOT NULL, name TEXT NOT NULL, record TEXT NOT NULL, UNIQUE (stack_id, name))',
  },
  {
    // The values a user supplied for attributes of resources slipway does not emulate, kept for later updates.
    id: 'stack-0005-resource-attributes',
    sql: 'ALTER TABLE stacks ADD COLUMN resource_attributes TEXT',
  },
];

/** Statuses an operation leaves a stack in: nothing is running on it. */
export const SETTLED_STATUSES: readonly StackStatus[] = [
  'CREATE_COMPLETE', 'CREATE_FAILED', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED', 'DELETE_FAILED', 'REVIEW_IN_PROGRESS',
];

/** Statuses UpdateStack accepts (a stack that never completed a create accepts nothing but DeleteStack). */
export const UPDATABLE: readonly StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];

/** Reads and writes the stack engine's rows; one instance per open database. */
export class StackStore {
  constructor(readonly db: StateDatabase) {}

  /** The live (not deleted) stack with this name or id. */
  findStack(nameOrId: string): StackRecord | undefined {
    const row = this.db.prepare('SELECT * FROM stacks WHERE (stack_name = ? AND deleted_at IS NULL) OR stack_id = ? ORDER BY created_at DESC LIMIT 1').get(nameOrId, nameOrId) as StackRow | undefined;
    return row ? stackOf(row) : undefined;
  }

  /** Every live stack, oldest first. */
  listStacks(): StackRecord[] {
    return (this.db.prepare('SELECT * FROM stacks WHERE deleted_at IS NULL ORDER BY created_at, rowid').all() as StackRow[]).map(stackOf);
  }

  /** Inserts a new stack; false when a live stack has the name already (nothing is written). */
  insertStack(stack: StackRecord): boolean {
    try {
      this.db.prepare(`INSERT INTO stacks (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`).run(rowOf(stack));
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  /** Replaces a stack's row. */
  saveStack(stack: StackRecord): void {
    this.db.prepare(`UPDATE stacks SET ${COLUMNS.filter((column) => column !== 'stack_id').map((column) => `${column} = @${column}`).join(', ')} WHERE stack_id = @stack_id`).run(rowOf(stack));
  }

  /**
   * Starts an operation: moves the stack from one of `from` to `to` and records `owner`, only if
   * nobody owns it now. False when the stack was not in one of those statuses or is owned.
   */
  beginOperation(stackId: string, from: readonly StackStatus[], to: StackStatus, owner: ProcessOwner): boolean {
    const marks = from.map(() => '?').join(', ');
    return this.db.prepare(`UPDATE stacks SET status = ?, owner = ? WHERE stack_id = ? AND owner IS NULL AND status IN (${marks})`).run(to, owner, stackId, ...from).changes === 1;
  }

  /** Takes over an operation whose owner died; false when another process took it first. */
  takeOver(stackId: string, deadOwner: ProcessOwner | null, owner: ProcessOwner): boolean {
    return this.db.prepare('UPDATE stacks SET owner = ? WHERE stack_id = ? AND owner IS ?').run(owner, stackId, deadOwner).changes === 1;
  }

  /** Sets a stack's status and reason; a settled status ends the operation (no owner). */
  setStackStatus(stackId: string, status: StackStatus, reason?: string): void {
    const deletedAt = status === 'DELETE_COMPLETE' ? new Date().toISOString() : null;
    const settled = SETTLED_STATUSES.includes(status) || status === 'DELETE_COMPLETE';
    this.db.prepare(`UPDATE stacks SET status = ?, status_reason = ?, deleted_at = COALESCE(?, deleted_at)${settled ? ', owner = NULL' : ''} WHERE stack_id = ?`).run(status, reason ?? null, deletedAt, stackId);
  }

  /** The resources of a stack, in creation order. */
  resources(stackId: string): StackResourceRecord[] {
    return (this.db.prepare('SELECT * FROM stack_resources WHERE stack_id = ? ORDER BY position').all(stackId) as ResourceRow[]).map(resourceOf);
  }

  /** Inserts or replaces a resource's row. */
  saveResource(stackId: string, resource: StackResourceRecord): void {
    this.db.prepare(`INSERT OR REPLACE INTO stack_resources VALUES (@stack_id, @logical_id, @type, @physical_id, @status, @status_reason,
      @properties, @ref, @attributes, @internal, @depends_on, @deletion_policy, @update_replace_policy, @position, @updated_at)`).run({
      stack_id: stackId, logical_id: resource.logicalId, type: resource.type, physical_id: resource.physicalId ?? null, status: resource.status,
      status_reason: resource.statusReason ?? null, properties: JSON.stringify(resource.properties), ref: resource.ref ?? null,
      attributes: JSON.stringify(resource.attributes), internal: JSON.stringify(resource.internal), depends_on: JSON.stringify(resource.dependsOn),
      deletion_policy: resource.deletionPolicy, update_replace_policy: resource.updateReplacePolicy, position: resource.position,
      updated_at: new Date().toISOString(),
    });
  }

  /** Records the physical id a provider is about to create (see ProviderContext.claim). */
  claimResource(stackId: string, logicalId: string, physicalId: string, internal: Record<string, unknown>): void {
    this.db.prepare('UPDATE stack_resources SET physical_id = ?, internal = ? WHERE stack_id = ? AND logical_id = ?').run(physicalId, JSON.stringify(internal), stackId, logicalId);
  }

  /** Whether a live stack other than `stackId`'s resource `logicalId` has a resource of this type and physical id. */
  physicalIdInUse(type: string, physicalId: string, except: { stackId: string; logicalId: string }): boolean {
    return this.db.prepare(`SELECT 1 FROM stack_resources r JOIN stacks s ON s.stack_id = r.stack_id
      WHERE r.type = ? AND r.physical_id = ? AND s.deleted_at IS NULL AND NOT (r.stack_id = ? AND r.logical_id = ?) LIMIT 1`).get(type, physicalId, except.stackId, except.logicalId) !== undefined;
  }

  /** Removes a resource's row (after it was deleted or rolled back). */
  removeResource(stackId: string, logicalId: string): void {
    this.db.prepare('DELETE FROM stack_resources WHERE stack_id = ? AND logical_id = ?').run(stackId, logicalId);
  }

  /** Appends an entry to the stack's journal (written before the change it describes is made). */
  journal(stackId: string, entry: JournalEntry): void {
    this.db.prepare('INSERT INTO stack_journal VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM stack_journal WHERE stack_id = ?), ?, ?, ?)')
      .run(stackId, stackId, entry.kind, entry.logicalId, entry.record === undefined ? null : JSON.stringify(entry.record));
  }

  /** The journal of the operation in progress, oldest entry first. */
  journalEntries(stackId: string): JournalEntry[] {
    const rows = this.db.prepare('SELECT kind, logical_id, record FROM stack_journal WHERE stack_id = ? ORDER BY seq').all(stackId) as { kind: JournalEntry['kind']; logical_id: string; record: string | null }[];
    return rows.map((row) => ({
      kind: row.kind, logicalId: row.logical_id,
      record: row.record === null ? undefined : (JSON.parse(row.record) as StackResourceRecord),
    }));
  }

  /** Forgets the journal once its operation has ended. */
  clearJournal(stackId: string): void {
    this.db.prepare('DELETE FROM stack_journal WHERE stack_id = ?').run(stackId);
  }

  /** Forgets a stack's change sets (executing one, or deleting the stack, ends them all). */
  forgetChangeSets(stackId: string): void {
    this.db.prepare('DELETE FROM stack_change_sets WHERE stack_id = ?').run(stackId);
  }

  /** Appends an event and returns it with its id. */
  addEvent(event: Omit<StackEvent, 'EventId'>): StackEvent {
    const full: StackEvent = { EventId: randomUUID(), ...event };
    this.db.prepare(`INSERT INTO stack_events (event_id, stack_id, stack_name, logical_id, physical_id, type, timestamp, status, status_reason, properties)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(full.EventId, full.StackId, full.StackName, full.LogicalResourceId, full.PhysicalResourceId ?? null,
      full.ResourceType, full.Timestamp, full.ResourceStatus, full.ResourceStatusReason ?? null, full.ResourceProperties ?? null);
    return full;
  }

  /** A stack's events, newest first (as DescribeStackEvents returns them). */
  events(stackId: string): StackEvent[] {
    const rows = this.db.prepare('SELECT * FROM stack_events WHERE stack_id = ? ORDER BY seq DESC').all(stackId) as Record<string, string | null>[];
    return rows.map((row) => ({
      StackId: row.stack_id!, EventId: row.event_id!, StackName: row.stack_name!, LogicalResourceId: row.logical_id!,
      PhysicalResourceId: row.physical_id ?? undefined, ResourceType: row.type!, Timestamp: row.timestamp!,
      ResourceStatus: row.status!, ResourceStatusReason: row.status_reason ?? undefined, ResourceProperties: row.properties ?? undefined,
    }));
  }

  /** The value of an export, and which stack exports it. */
  findExport(name: string): { stackId: string; value: string } | undefined {
    const row = this.db.prepare('SELECT stack_id, value FROM stack_exports WHERE name = ?').get(name) as { stack_id: string; value: string } | undefined;
    return row ? { stackId: row.stack_id, value: row.value } : undefined;
  }

  /** Replaces a stack's exports and imports at once. */
  setExportsAndImports(stackId: string, exports: Record<string, string>, imports: string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM stack_exports WHERE stack_id = ?').run(stackId);
      this.db.prepare('DELETE FROM stack_imports WHERE stack_id = ?').run(stackId);
      for (const [name, value] of Object.entries(exports)) this.db.prepare('INSERT INTO stack_exports VALUES (?, ?, ?)').run(name, stackId, value);
      for (const name of new Set(imports)) this.db.prepare('INSERT INTO stack_imports VALUES (?, ?)').run(stackId, name);
    })();
  }

  /** The stacks (names) other than `stackId` that import `exportName`. */
  importers(exportName: string, exceptStackId: string): string[] {
    const rows = this.db.prepare(`SELECT s.stack_name AS name FROM stack_imports i JOIN stacks s ON s.stack_id = i.stack_id
      WHERE i.export_name = ? AND i.stack_id != ? AND s.deleted_at IS NULL`).all(exportName, exceptStackId) as { name: string }[];
    return rows.map((row) => row.name);
  }
}

const COLUMNS = [
  'stack_id', 'stack_name', 'status', 'status_reason', 'description', 'template_file', 'template_body', 'parameters', 'no_echo', 'outputs',
  'not_emulated', 'parent_stack_id', 'created_at', 'updated_at', 'deleted_at', 'owner', 'resource_attributes',
] as const;

interface StackRow {
  stack_id: string; stack_name: string; status: string; status_reason: string | null; description: string | null;
  template_file: string | null; template_body: string; parameters: string; no_echo: string; outputs: string;
  not_emulated: string; parent_stack_id: string | null; created_at: string; updated_at: string | null; deleted_at: string | null; owner: string | null;
  resource_attributes: string | null;
}

interface ResourceRow {
  stack_id: string; logical_id: string; type: string; physical_id: string | null; status: string; status_reason: string | null;
  properties: string; ref: string | null; attributes: string; internal: string; depends_on: string; deletion_policy: string;
  update_replace_policy: string; position: number; updated_at: string;
}

function rowOf(stack: StackRecord): StackRow {
  return {
    stack_id: stack.stackId, stack_name: stack.stackName, status: stack.status, status_reason: stack.statusReason ?? null,
    description: stack.description ?? null, template_file: stack.templateFile ?? null, template_body: stack.templateBody,
    parameters: JSON.stringify(stack.parameters), no_echo: JSON.stringify(stack.noEcho), outputs: JSON.stringify(stack.outputs),
    not_emulated: JSON.stringify(stack.notEmulated), parent_stack_id: stack.parentStackId ?? null, created_at: stack.createdAt,
    updated_at: stack.updatedAt ?? null, deleted_at: stack.deletedAt ?? null, owner: stack.owner ?? null,
    resource_attributes: stack.resourceAttributes ? JSON.stringify(stack.resourceAttributes) : null,
  };
}

function stackOf(row: StackRow): StackRecord {
  return {
    stackId: row.stack_id, stackName: row.stack_name, status: row.status as StackStatus, statusReason: row.status_reason ?? undefined,
    description: row.description ?? undefined, templateFile: row.template_file ?? undefined, templateBody: row.template_body,
    parameters: JSON.parse(row.parameters) as Record<string, string>, noEcho: JSON.parse(row.no_echo) as string[],
    outputs: JSON.parse(row.outputs) as StackRecord['outputs'], notEmulated: JSON.parse(row.not_emulated) as StackRecord['notEmulated'],
    parentStackId: row.parent_stack_id ?? undefined, createdAt: row.created_at, updatedAt: row.updated_at ?? undefined, deletedAt: row.deleted_at ?? undefined,
    owner: row.owner ?? undefined,
    resourceAttributes: row.resource_attributes ? (JSON.parse(row.resource_attributes) as Record<string, string>) : undefined,
  };
}

function resourceOf(row: ResourceRow): StackResourceRecord {
  return {
    logicalId: row.logical_id, type: row.type, physicalId: row.physical_id ?? undefined, status: row.status, statusReason: row.status_reason ?? undefined,
    properties: JSON.parse(row.properties) as Record<string, unknown>, ref: row.ref ?? undefined,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    internal: JSON.parse(row.internal) as Record<string, unknown>, dependsOn: JSON.parse(row.depends_on) as string[], deletionPolicy: row.deletion_policy,
    updateReplacePolicy: row.update_replace_policy, position: row.position,
  };
}
