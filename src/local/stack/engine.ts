// The local CloudFormation engine: create, update, delete and describe stacks, with rollback,
// persisted in the account's state database. Every operation begins with a compare-and-set of
// the stack's status that records this process as its owner, so two commands never act on one
// stack at once, and an operation whose process died is finished by the next one (recovery.ts,
// change sets in change-sets.ts: both are clients of this engine).
import { randomUUID } from 'node:crypto';
import { arn, planStack, readTemplate, resolveParameters, type StackPlan, type StackLocation } from '../../cloudformation/index.js';
import { SlipwayError, type Problem } from '../../errors.js';
import { createFailureReason, createResources, rollbackCreate } from './create-stack.js';
import { deleteStackResources } from './delete-stack.js';
import { describeStack, type StackDescription } from './describe.js';
import type { StackOutput, StackRecord, StackStatus } from './model.js';
import type { NestedStackControl, NestedStackInput } from './providers/provider.js';
import { suppliedValueProblems, unrecognizedTypeProblems, unsupportedPropertyProblems } from './resource-declaration-checks.js';
import { emitStackStatus, placeholderReason, type OperationContext } from './resource-operations.js';
import type { StackEngineOptions } from './settings.js';
import { SETTLED_STATUSES, StackStore, UPDATABLE } from './store.js';
import { checkTypeChanges, isUnchanged, runUpdate } from './update-stack.js';

/** A template and parameters for create or update. */
export interface StackInput {
  stackName: string;
  /** The template text; on update, absent means "use the current template". */
  templateBody?: string;
  /** The file the template came from, for messages and relative nested-stack paths. */
  templateFile?: string;
  parameters?: Record<string, string>;
  /**
   * Values for resources the engine does not emulate (custom resources, registry extensions, AWS
   * types without a provider), keyed as the template reads them: `Logical.Attribute` for
   * Fn::GetAtt, `Logical` for Ref. Anything not given gets the "not emulated" placeholder.
   */
  resourceAttributes?: Record<string, string>;
}

/** How an operation ended: a value, also when the stack failed and was rolled back. */
export interface StackOperationResult {
  stackId: string;
  stackName: string;
  status: StackStatus | 'NO_CHANGES';
  /** Why a create or update failed (the first failed resource's reason). */
  reason?: string;
  outputs: StackOutput[];
  notEmulated: StackRecord['notEmulated'];
}

/**
 * An operation that has begun: the stack it works on, known at once, and the rest of the
 * operation, running on. `unchanged` when there was nothing to begin (an update without changes,
 * a delete of a deleted stack).
 */
export interface BegunOperation {
  stackId: string;
  stackName: string;
  unchanged?: true;
  finished: Promise<StackOperationResult>;
}

/** Stack name rule of CreateStack: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters. */
const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** The local CloudFormation engine over one account's state. */
export class StackEngine {
  readonly store: StackStore;

  constructor(readonly options: StackEngineOptions) {
    this.store = new StackStore(options.database);
  }

  /** The account's buckets (where local S3 objects live). */
  get artifacts() {
    return this.options.artifacts;
  }

  /** Creates a stack; a failed create rolls back and ends in ROLLBACK_COMPLETE (a result, not an exception). */
  async create(input: StackInput, parent?: { stackId: string; onStackId?: (stackId: string) => void }): Promise<StackOperationResult> {
    return this.beginCreate(input, parent).finished;
  }

  /**
   * Begins a create: checks the input and records the stack (CREATE_IN_PROGRESS, owned by this
   * process) before returning its id; the resources are made in `finished`. CloudFormation's
   * CreateStack answers with the StackId while the stack is still being created.
   */
  beginCreate(input: StackInput, parent?: { stackId: string; onStackId?: (stackId: string) => void }): BegunOperation {
    if (!STACK_NAME.test(input.stackName)) throw invalidStackName(input.stackName);
    const existing = this.store.findStack(input.stackName);
    if (existing) throw alreadyExists(existing);
    if (input.templateBody === undefined) throw new SlipwayError('ValidationError', 'a template is needed to create a stack', { hint: 'give --template FILE' });
    const location = this.options.location();
    const stackId = arn({ service: 'cloudformation', region: location.region, accountId: location.accountId, resource: `stack/${input.stackName}/${randomUUID()}` });
    const plan = this.plan(input, stackId);
    const stack = newStack(stackId, input, plan, { parentStackId: parent?.stackId, owner: this.options.owner });
    if (!this.store.insertStack(stack)) throw alreadyExists(this.store.findStack(input.stackName) ?? stack);
    parent?.onStackId?.(stackId);
    this.options.fault?.('stack.operation.begun');
    return { stackId, stackName: input.stackName, finished: this.runCreate(this.operation(stack), plan) };
  }

  /** Runs the create of a stack this process owns (status CREATE_IN_PROGRESS). */
  async runCreate(op: OperationContext, plan: StackPlan): Promise<StackOperationResult> {
    emitStackStatus(op, 'CREATE_IN_PROGRESS', 'User Initiated');
    const failure = await createResources(op, plan);
    if (failure) {
      await rollbackCreate(op, createFailureReason(op, failure));
      return this.result(op.stack, failure.message);
    }
    this.store.saveStack(op.stack);
    emitStackStatus(op, 'CREATE_COMPLETE', placeholderReason(op, 'Outputs'));
    return this.result(op.stack);
  }

  /** Updates a stack; a failed update rolls back to the previous state (UPDATE_ROLLBACK_COMPLETE). */
  async update(input: StackInput): Promise<StackOperationResult> {
    return this.beginUpdate(input).finished;
  }

  /**
   * Begins an update: checks the template and moves the stack to UPDATE_IN_PROGRESS before
   * returning; the changes are made in `finished`. A template that changes nothing begins
   * nothing: `unchanged` is true and `finished` is the NO_CHANGES result.
   */
  beginUpdate(input: StackInput): BegunOperation {
    const stack = this.requireStack(input.stackName);
    if (!UPDATABLE.includes(stack.status) || stack.owner !== undefined) throw notUpdatable(stack);
    const template = { templateBody: input.templateBody ?? stack.templateBody, templateFile: input.templateFile ?? stack.templateFile };
    // Supplied attribute values not given again keep what the stack had, as parameters do.
    const resourceAttributes = input.resourceAttributes ?? stack.resourceAttributes;
    const plan = this.plan({ ...input, ...template, resourceAttributes }, stack.stackId, stack.parameters);
    const op = this.operation(stack);
    checkTypeChanges(op, plan);
    const begun = { stackId: stack.stackId, stackName: stack.stackName };
    if (isUnchanged(op, plan)) return { ...begun, unchanged: true, finished: Promise.resolve({ ...this.result(stack), status: 'NO_CHANGES' }) };
    if (!this.store.beginOperation(stack.stackId, UPDATABLE, 'UPDATE_IN_PROGRESS', this.options.owner)) throw notUpdatable(this.requireStack(stack.stackId));
    this.options.fault?.('stack.operation.begun');
    return { ...begun, finished: runUpdate(op, plan, { ...template, resourceAttributes }).then((reason) => this.result(stack, reason)) };
  }

  /** Deletes a stack's resources in reverse dependency order; deleting a missing stack is a no-op. */
  async delete(stackName: string): Promise<StackOperationResult | undefined> {
    return this.beginDelete(stackName)?.finished;
  }

  /**
   * Begins a delete: moves the stack to DELETE_IN_PROGRESS before returning; its resources go in
   * `finished`. Undefined when there is no such stack (DeleteStack on it does nothing).
   */
  beginDelete(stackName: string): BegunOperation | undefined {
    const stack = this.store.findStack(stackName);
    if (!stack) return undefined;
    const begun = { stackId: stack.stackId, stackName: stack.stackName };
    // A stack found by the id of a deleted stack stays deleted; DeleteStack on it does nothing.
    if (stack.status === 'DELETE_COMPLETE') return { ...begun, unchanged: true, finished: Promise.resolve(this.result(stack)) };
    if (!this.store.beginOperation(stack.stackId, SETTLED_STATUSES, 'DELETE_IN_PROGRESS', this.options.owner)) {
      const now = this.requireStack(stack.stackId);
      throw new SlipwayError('ValidationError', `Stack [${now.stackName}] cannot be deleted while in status ${now.status}`, { hint: 'wait for the operation in progress to end: slipway stack describe' });
    }
    this.options.fault?.('stack.operation.begun');
    return { ...begun, finished: deleteStackResources(this.operation(stack)).then((reason) => this.result(stack, reason)) };
  }

  /** The stack, its parameters (NoEcho masked), resources and outputs. */
  describe(stackName: string): StackDescription {
    return describeStack(this.store, this.requireStack(stackName));
  }

  /** Every live stack. */
  listStacks(): StackRecord[] {
    return this.store.listStacks();
  }

  /** Every stack, deleted ones too, newest first (ListStacks shows deleted stacks as well). */
  stackHistory(): StackRecord[] {
    const ids = this.store.db.prepare('SELECT stack_id FROM stacks ORDER BY created_at DESC, rowid DESC').all() as { stack_id: string }[];
    return ids.map((row) => this.store.findStack(row.stack_id)!);
  }

  /** Every export of the account's stacks, by name (ListExports). */
  exports(): { name: string; stackId: string; value: string }[] {
    return this.store.db.prepare('SELECT name, stack_id AS stackId, value FROM stack_exports ORDER BY name').all() as { name: string; stackId: string; value: string }[];
  }

  /** Reads, checks and plans a template: every problem at once, before anything is made (exit 2). */
  plan(input: StackInput, stackId: string, previous?: Record<string, string>): StackPlan {
    const file = input.templateFile ?? 'template';
    const read = readTemplate(input.templateBody ?? '', file);
    if (!read.ok) throw templateError(read.problems);
    // Unknown types are reported together with whatever planning finds, so that one run lists every problem it can.
    const unrecognized = unrecognizedTypeProblems(read.template);
    const readSsmParameter = (name: string) => this.options.services.parameters.get(name)?.value;
    const parameters = resolveParameters(read.template, { given: input.parameters ?? {}, previous, readSsmParameter });
    if (!parameters.ok) throw templateError([...unrecognized, ...parameters.problems]);
    const { accountId, region } = this.options.location();
    const location: StackLocation = { accountId, region, stackName: input.stackName, stackId };
    const planned = planStack(read.template, parameters.parameters, location, { suppliedValues: input.resourceAttributes });
    if (!planned.ok) throw templateError([...unrecognized, ...planned.problems]);
    const problems = [...unrecognized, ...unsupportedPropertyProblems(planned.plan), ...suppliedValueProblems(planned.plan)];
    if (problems.length > 0) throw templateError(problems);
    return planned.plan;
  }

  /** What an operation on `stack` works with, its resources read from the database. */
  operation(stack: StackRecord): OperationContext {
    const resources = new Map(this.store.resources(stack.stackId).map((resource) => [resource.logicalId, resource]));
    return {
      stack, store: this.store, artifacts: this.options.artifacts, options: this.options, location: this.options.location(),
      nested: this.nestedControl(stack), resources, imports: new Set(), placeholders: [],
    };
  }

  requireStack(nameOrId: string): StackRecord {
    const stack = this.store.findStack(nameOrId);
    if (!stack) throw new SlipwayError('ValidationError', `Stack with id ${nameOrId} does not exist`, { hint: 'list local stacks with: slipway stack describe' });
    return stack;
  }

  result(stack: StackRecord, reason?: string): StackOperationResult {
    const fresh = this.store.findStack(stack.stackId) ?? stack;
    return { stackId: fresh.stackId, stackName: fresh.stackName, status: fresh.status, reason, outputs: fresh.outputs, notEmulated: fresh.notEmulated };
  }

  private nestedControl(parent: StackRecord): NestedStackControl {
    const outputsOf = (result: StackOperationResult) => Object.fromEntries(result.outputs.map((output) => [output.OutputKey, output.OutputValue]));
    return {
      create: async (input: NestedStackInput, onStackId) => {
        const result = await this.create({ ...input }, { stackId: parent.stackId, onStackId });
        if (result.status !== 'CREATE_COMPLETE') {
          await this.delete(result.stackId);
          throw new Error(`Embedded stack ${result.stackId} was not successfully created: ${result.reason ?? result.status}`);
        }
        return { stackId: result.stackId, templateFile: input.templateFile, outputs: outputsOf(result) };
      },
      update: async (stackId: string, input: NestedStackInput) => {
        const result = await this.update({ ...input, stackName: stackId });
        if (result.status !== 'UPDATE_COMPLETE' && result.status !== 'NO_CHANGES') throw new Error(`Embedded stack ${stackId} was not successfully updated: ${result.reason ?? result.status}`);
        return { stackId, templateFile: input.templateFile, outputs: outputsOf(result) };
      },
      delete: async (stackId: string) => {
        const result = await this.delete(stackId);
        if (result && result.status !== 'DELETE_COMPLETE') throw new Error(`Embedded stack ${stackId} was not successfully deleted: ${result.reason ?? result.status}`);
      },
    };
  }
}

/** A new stack's record, in CREATE_IN_PROGRESS and owned by `owner`. */
function newStack(stackId: string, input: StackInput, plan: StackPlan, extra: { parentStackId?: string; owner: string }): StackRecord {
  return {
    stackId, stackName: input.stackName, status: 'CREATE_IN_PROGRESS', description: plan.template.description, templateFile: input.templateFile,
    templateBody: input.templateBody!, parameters: plan.parameters.raw, noEcho: plan.parameters.noEcho, outputs: [], notEmulated: [],
    parentStackId: extra.parentStackId, createdAt: new Date().toISOString(), owner: extra.owner, resourceAttributes: input.resourceAttributes,
  };
}

function alreadyExists(existing: StackRecord): SlipwayError {
  return new SlipwayError('AlreadyExistsException', `Stack [${existing.stackName}] already exists (status ${existing.status})`, {
    hint: existing.status === 'ROLLBACK_COMPLETE' ? `a stack in ROLLBACK_COMPLETE can only be deleted: slipway stack delete --stack-name ${existing.stackName}` : `to change it, run: slipway stack update --stack-name ${existing.stackName}`,
  });
}

function notUpdatable(stack: StackRecord): SlipwayError {
  return new SlipwayError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`, {
    hint: stack.status === 'ROLLBACK_COMPLETE' ? `delete it and create it again: slipway stack delete --stack-name ${stack.stackName}` : stack.status.endsWith('_IN_PROGRESS') ? 'wait for the operation in progress to end: slipway stack describe' : undefined,
  });
}

function invalidStackName(name: string): SlipwayError {
  return new SlipwayError('ValidationError', `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]* (at most 128 characters)`);
}

function templateError(problems: Problem[]): SlipwayError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new SlipwayError('ValidationError', `${first?.message ?? 'the template is not valid'}${more}`, {
    problems,
    hint: 'nothing was created or changed; fix the template or the --parameter values and run again',
  });
}
