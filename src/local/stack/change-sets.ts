// Change sets on the local engine (CreateChangeSet, DescribeChangeSet, ExecuteChangeSet,
// DeleteChangeSet, ListChangeSets): a preview computed by a pure diff, executed later through the
// same create and update as everything else. A CREATE change set for a new stack makes the stack
// in REVIEW_IN_PROGRESS, with no template, as CloudFormation does; executing any change set of a
// stack removes the stack's change sets ("CloudFormation retains all change sets until you update
// the stack").
import { randomUUID } from 'node:crypto';
import { arn, readTemplate } from '../../cloudformation/index.js';
import { SlipwayError } from '../../errors.js';
import { diffStack, type Change } from './change-set-diff.js';
import type { BegunOperation, StackEngine, StackInput, StackOperationResult } from './engine.js';
import type { StackRecord } from './model.js';
import { emitStackStatus } from './resource-operations.js';
import { UPDATABLE } from './store.js';
import { checkTypeChanges, runUpdate } from './update-stack.js';

/** What CreateChangeSet takes. */
export interface ChangeSetInput extends StackInput {
  changeSetName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  description?: string;
}

/** A change set as DescribeChangeSet shows it (plus what executing it needs). */
export interface ChangeSetRecord {
  ChangeSetId: string;
  ChangeSetName: string;
  StackId: string;
  StackName: string;
  ChangeSetType: 'CREATE' | 'UPDATE';
  Description?: string;
  Status: 'CREATE_COMPLETE' | 'FAILED';
  StatusReason?: string;
  ExecutionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_IN_PROGRESS';
  CreationTime: string;
  Parameters: { ParameterKey: string; ParameterValue: string }[];
  Changes: Change[];
  templateBody: string;
  templateFile?: string;
  parameters: Record<string, string>;
}

/** Change set names follow stack names' rule (CreateChangeSet: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters). */
const NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;
const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

/** The change sets of one account's stacks. */
export class ChangeSets {
  constructor(private readonly engine: StackEngine) {}

  /** CreateChangeSet: the changes are computed at once, so the change set is CREATE_COMPLETE (or FAILED when empty) when this returns. */
  create(input: ChangeSetInput): ChangeSetRecord {
    if (!NAME.test(input.changeSetName)) throw new SlipwayError('ValidationError', `1 validation error detected: Value '${input.changeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
    const stack = input.changeSetType === 'CREATE' ? this.reviewStack(input) : this.updatableStack(input);
    const template = { templateBody: input.templateBody ?? stack.templateBody, templateFile: input.templateFile ?? stack.templateFile };
    const plan = this.engine.plan({ ...input, ...template }, stack.stackId, input.changeSetType === 'UPDATE' ? stack.parameters : undefined);
    const op = this.engine.operation(stack);
    if (input.changeSetType === 'UPDATE') checkTypeChanges(op, plan);
    const previous = stack.templateBody ? readTemplate(stack.templateBody, stack.templateFile ?? 'template') : undefined;
    const changes = diffStack(op, plan, previous?.ok ? previous.template.resources : {});
    const { accountId, region } = this.engine.options.location();
    const record: ChangeSetRecord = {
      ChangeSetId: arn({ service: 'cloudformation', region, accountId, resource: `changeSet/${input.changeSetName}/${randomUUID()}` }),
      ChangeSetName: input.changeSetName, StackId: stack.stackId, StackName: stack.stackName, ChangeSetType: input.changeSetType,
      Description: input.description,
      Status: changes.length > 0 ? 'CREATE_COMPLETE' : 'FAILED', StatusReason: changes.length > 0 ? undefined : NO_CHANGES,
      ExecutionStatus: changes.length > 0 ? 'AVAILABLE' : 'UNAVAILABLE', CreationTime: new Date().toISOString(),
      Parameters: Object.entries(plan.parameters.raw).map(([key, value]) => ({ ParameterKey: key, ParameterValue: plan.parameters.noEcho.includes(key) ? '****' : value })),
      Changes: changes, ...template, parameters: plan.parameters.raw,
    };
    const inserted = this.engine.store.db.prepare('INSERT OR IGNORE INTO stack_change_sets VALUES (?, ?, ?, ?)').run(record.ChangeSetId, stack.stackId, record.ChangeSetName, JSON.stringify(record)).changes;
    if (inserted === 0) throw new SlipwayError('AlreadyExistsException', `ChangeSet [${input.changeSetName}] already exists`, { hint: 'delete it first, or choose another name' });
    return record;
  }

  /** DescribeChangeSet, by ARN or by name and stack. */
  describe(nameOrId: string, stackName?: string): ChangeSetRecord {
    const stackId = stackName === undefined ? undefined : this.engine.store.findStack(stackName)?.stackId;
    const row = this.engine.store.db.prepare('SELECT record FROM stack_change_sets WHERE change_set_id = ? OR (name = ? AND stack_id = ?)').get(nameOrId, nameOrId, stackId ?? null) as { record: string } | undefined;
    if (!row) throw new SlipwayError('ChangeSetNotFoundException', `ChangeSet [${nameOrId}] does not exist`, { hint: 'list them with: slipway stack describe' });
    return JSON.parse(row.record) as ChangeSetRecord;
  }

  /** ListChangeSets of a stack, oldest first. */
  list(stackName: string): ChangeSetRecord[] {
    const stack = this.engine.requireStack(stackName);
    return (this.engine.store.db.prepare('SELECT record FROM stack_change_sets WHERE stack_id = ? ORDER BY rowid').all(stack.stackId) as { record: string }[]).map((row) => JSON.parse(row.record) as ChangeSetRecord);
  }

  /** DeleteChangeSet; a REVIEW_IN_PROGRESS stack stays, to be deleted with DeleteStack. */
  delete(nameOrId: string, stackName?: string): void {
    const record = this.describe(nameOrId, stackName);
    this.engine.store.db.prepare('DELETE FROM stack_change_sets WHERE change_set_id = ?').run(record.ChangeSetId);
  }

  /** ExecuteChangeSet: runs the create or update it previews, then forgets the stack's change sets. */
  async execute(nameOrId: string, stackName?: string): Promise<StackOperationResult> {
    return this.beginExecute(nameOrId, stackName).finished;
  }

  /**
   * Begins ExecuteChangeSet: checks the change set and moves its stack to CREATE_IN_PROGRESS or
   * UPDATE_IN_PROGRESS before returning; the operation runs on in `finished` (CloudFormation
   * answers ExecuteChangeSet at once).
   */
  beginExecute(nameOrId: string, stackName?: string): BegunOperation {
    const record = this.describe(nameOrId, stackName);
    if (record.ExecutionStatus !== 'AVAILABLE') {
      throw new SlipwayError('InvalidChangeSetStatusException', `ChangeSet [${record.ChangeSetId}] cannot be executed in its current status of [${record.Status}]${record.StatusReason ? `: ${record.StatusReason}` : ''}`);
    }
    const stack = this.engine.requireStack(record.StackId);
    const input = { stackName: stack.stackName, templateBody: record.templateBody, templateFile: record.templateFile, parameters: record.parameters };
    const from = record.ChangeSetType === 'CREATE' ? ['REVIEW_IN_PROGRESS' as const] : UPDATABLE;
    const to = record.ChangeSetType === 'CREATE' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
    const plan = this.engine.plan(input, stack.stackId, record.ChangeSetType === 'UPDATE' ? stack.parameters : undefined);
    if (!this.engine.store.beginOperation(stack.stackId, from, to, this.engine.options.owner)) {
      throw new SlipwayError('InvalidChangeSetStatusException', `ChangeSet [${record.ChangeSetId}] cannot be executed: stack ${stack.stackName} is in ${this.engine.requireStack(stack.stackId).status}`);
    }
    this.engine.store.forgetChangeSets(stack.stackId);
    const begun = { stackId: stack.stackId, stackName: stack.stackName };
    if (record.ChangeSetType === 'UPDATE') {
      return { ...begun, finished: runUpdate(this.engine.operation(stack), plan, input).then((reason) => this.engine.result(stack, reason)) };
    }
    const created: StackRecord = { ...stack, status: 'CREATE_IN_PROGRESS', templateBody: record.templateBody, templateFile: record.templateFile, parameters: plan.parameters.raw, noEcho: plan.parameters.noEcho, description: plan.template.description, owner: this.engine.options.owner };
    this.engine.store.saveStack(created);
    return { ...begun, finished: this.engine.runCreate(this.engine.operation(created), plan) };
  }

  /** A CREATE change set's stack: REVIEW_IN_PROGRESS, made now when there is none. */
  private reviewStack(input: ChangeSetInput): StackRecord {
    const existing = this.engine.store.findStack(input.stackName);
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw new SlipwayError('ValidationError', `Stack [${input.stackName}] already exists and cannot be created again with the changeSet [${input.changeSetName}].`, { hint: 'use a change set of type UPDATE' });
    }
    if (existing) return existing;
    // The template is checked before the stack exists, so a broken template leaves nothing behind.
    const { accountId, region } = this.engine.options.location();
    const stackId = arn({ service: 'cloudformation', region, accountId, resource: `stack/${input.stackName}/${randomUUID()}` });
    this.engine.plan(input, stackId);
    const stack: StackRecord = { stackId, stackName: input.stackName, status: 'REVIEW_IN_PROGRESS', templateBody: '', parameters: {}, noEcho: [], outputs: [], notEmulated: [], createdAt: new Date().toISOString() };
    if (!this.engine.store.insertStack(stack)) throw new SlipwayError('AlreadyExistsException', `Stack [${input.stackName}] already exists`);
    emitStackStatus(this.engine.operation(stack), 'REVIEW_IN_PROGRESS', 'User Initiated');
    return stack;
  }

  private updatableStack(input: ChangeSetInput): StackRecord {
    const stack = this.engine.requireStack(input.stackName);
    if (!UPDATABLE.includes(stack.status) || stack.owner !== undefined) {
      throw new SlipwayError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
    }
    return stack;
  }
}
