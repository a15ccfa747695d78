// The local CloudFormation engine: create, update, delete and describe stacks, with rollback,
// persisted in `<home>/slipway.db` so stacks survive restarts.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { arn, planStack, readTemplate, resolveParameters, type StackPlan, type StackLocation } from '../../cloudformation/index.js';
import { SlipwayError } from '../../errors.js';
import { ArtifactStore } from '../artifacts/index.js';
import { applyMigrations, openStateDatabase, stateDatabasePath, type StateDatabase } from '../state/index.js';
import { deleteStackResources } from './delete-stack.js';
import type { StackOutput, StackRecord, StackStatus } from './model.js';
import { ParameterStoreTable } from './providers/parameter-store-table.js';
import type { NestedStackControl, NestedStackInput } from './providers/provider.js';
import { emitStackStatus, placeholderReason, type OperationContext } from './resource-operations.js';
import { describeStack, type StackDescription } from './describe.js';
import { createResources, rollbackCreate } from './create-stack.js';
import { runUpdate } from './update-stack.js';
import { resolveStackEngineOptions, type ResolvedStackEngineOptions, type StackEngineOptions } from './settings.js';
import { StackStore, STACK_MIGRATIONS } from './store.js';
import { suppliedValueProblems, unrecognizedTypeProblems, unsupportedPropertyProblems } from './resource-declaration-checks.js';

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

/** Stack name rule of CreateStack: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters. */
const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** The local CloudFormation engine over one state folder. */
export class StackEngine {
  readonly options: ResolvedStackEngineOptions;
  readonly store: StackStore;
  readonly artifacts: ArtifactStore;
  private readonly db: StateDatabase;
  private readonly ownsDatabase: boolean;

  constructor(options: StackEngineOptions) {
    this.options = resolveStackEngineOptions(options);
    this.ownsDatabase = options.database === undefined;
    this.db = options.database ?? openStateDatabase(stateDatabasePath(this.options.home), STACK_MIGRATIONS);
    // A database handed in by the caller still needs the stack tables.
    if (!this.ownsDatabase) applyMigrations(this.db, STACK_MIGRATIONS);
    this.store = new StackStore(this.db);
    this.artifacts = new ArtifactStore(join(this.options.home, 'artifacts'));
  }

  /** Closes the database if the engine opened it. */
  close(): void {
    if (this.ownsDatabase) this.db.close();
  }

  /** Creates a stack; a failed create rolls back and ends in ROLLBACK_COMPLETE (a result, not an exception). */
  async create(input: StackInput, parentStackId?: string): Promise<StackOperationResult> {
    if (!STACK_NAME.test(input.stackName)) throw invalidStackName(input.stackName);
    const existing = this.store.findStack(input.stackName);
    if (existing) {
      throw new SlipwayError('AlreadyExistsException', `Stack [${input.stackName}] already exists (status ${existing.status})`, {
        hint: existing.status === 'ROLLBACK_COMPLETE' ? `a stack in ROLLBACK_COMPLETE can only be deleted: slipway stack delete --stack-name ${input.stackName}` : `to change it, run: slipway stack update --stack-name ${input.stackName}`,
      });
    }
    if (input.templateBody === undefined) throw new SlipwayError('ValidationError', 'a template is needed to create a stack', { hint: 'give --template FILE' });
    const stackId = arn({ service: 'cloudformation', region: this.options.region, accountId: this.options.accountId, resource: `stack/${input.stackName}/${randomUUID()}` });
    const plan = this.plan(input, stackId);
    const stack: StackRecord = {
      stackId, stackName: input.stackName, status: 'CREATE_IN_PROGRESS', description: plan.template.description, templateFile: input.templateFile,
      templateBody: input.templateBody, parameters: plan.parameters.raw, noEcho: plan.parameters.noEcho, outputs: [], notEmulated: [],
      parentStackId, createdAt: new Date().toISOString(),
    };
    this.store.saveStack(stack);
    const op = this.operation(stack);
    emitStackStatus(op, 'CREATE_IN_PROGRESS', 'User Initiated');
    const failure = await createResources(op, plan);
    if (failure) {
      await rollbackCreate(op, failure);
      return this.result(stack, failure.message);
    }
    this.store.saveStack(stack);
    emitStackStatus(op, 'CREATE_COMPLETE', placeholderReason(op, 'Outputs'));
    return this.result(stack);
  }

  /** Updates a stack; a failed update rolls back to the previous state (UPDATE_ROLLBACK_COMPLETE). */
  async update(input: StackInput): Promise<StackOperationResult> {
    const stack = this.requireStack(input.stackName);
    const updatable: StackStatus[] = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];
    if (!updatable.includes(stack.status)) {
      throw new SlipwayError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`, {
        hint: stack.status === 'ROLLBACK_COMPLETE' ? `delete it and create it again: slipway stack delete --stack-name ${stack.stackName}` : undefined,
      });
    }
    const templateBody = input.templateBody ?? stack.templateBody;
    const templateFile = input.templateFile ?? stack.templateFile;
    const plan = this.plan({ ...input, templateBody, templateFile }, stack.stackId, stack.parameters);
    return runUpdate(this.operation(stack), plan, { templateBody, templateFile }).then((reason) => (reason === 'NO_CHANGES' ? { ...this.result(stack), status: 'NO_CHANGES' } : this.result(stack, reason)));
  }

  /** Deletes a stack's resources in reverse dependency order; deleting a missing stack is a no-op. */
  async delete(stackName: string): Promise<StackOperationResult | undefined> {
    const stack = this.store.findStack(stackName);
    if (!stack) return undefined;
    // A stack found by the id of a deleted stack stays deleted; DeleteStack on it does nothing.
    if (stack.status === 'DELETE_COMPLETE') return this.result(stack);
    const reason = await deleteStackResources(this.operation(stack));
    return this.result(stack, reason);
  }

  /** The stack, its parameters (NoEcho masked), resources and outputs. */
  describe(stackName: string): StackDescription {
    return describeStack(this.store, this.requireStack(stackName));
  }

  /** Every live stack. */
  listStacks(): StackRecord[] {
    return this.store.listStacks();
  }

  private plan(input: StackInput, stackId: string, previous?: Record<string, string>): StackPlan {
    const file = input.templateFile ?? 'template';
    const read = readTemplate(input.templateBody ?? '', file);
    if (!read.ok) throw templateError(read.problems);
    // Unknown types are reported together with whatever planning finds, so that one run lists
    // every problem it can.
    const unrecognized = unrecognizedTypeProblems(read.template);
    const table = new ParameterStoreTable(this.db);
    const parameters = resolveParameters(read.template, { given: input.parameters ?? {}, previous, readSsmParameter: (name) => table.get(name)?.value });
    if (!parameters.ok) throw templateError([...unrecognized, ...parameters.problems]);
    const location: StackLocation = { accountId: this.options.accountId, region: this.options.region, stackName: input.stackName, stackId };
    const planned = planStack(read.template, parameters.parameters, location, { suppliedValues: input.resourceAttributes });
    if (!planned.ok) throw templateError([...unrecognized, ...planned.problems]);
    const problems = [...unrecognized, ...unsupportedPropertyProblems(planned.plan), ...suppliedValueProblems(planned.plan)];
    if (problems.length > 0) throw templateError(problems);
    return planned.plan;
  }

  private operation(stack: StackRecord): OperationContext {
    const resources = new Map(this.store.resources(stack.stackId).map((resource) => [resource.logicalId, resource]));
    return { stack, store: this.store, artifacts: this.artifacts, options: this.options, nested: this.nestedControl(stack), resources, imports: new Set(), placeholders: [] };
  }

  private nestedControl(parent: StackRecord): NestedStackControl {
    const outputsOf = (result: StackOperationResult) => Object.fromEntries(result.outputs.map((output) => [output.OutputKey, output.OutputValue]));
    return {
      create: async (input: NestedStackInput) => {
        const result = await this.create({ ...input }, parent.stackId);
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

  private requireStack(nameOrId: string): StackRecord {
    const stack = this.store.findStack(nameOrId);
    if (!stack) throw new SlipwayError('ValidationError', `Stack with id ${nameOrId} does not exist`, { hint: 'list local stacks with: slipway stack describe' });
    return stack;
  }

  private result(stack: StackRecord, reason?: string): StackOperationResult {
    const fresh = this.store.findStack(stack.stackId) ?? stack;
    return { stackId: fresh.stackId, stackName: fresh.stackName, status: fresh.status, reason, outputs: fresh.outputs, notEmulated: fresh.notEmulated };
  }
}

function invalidStackName(name: string): SlipwayError {
  return new SlipwayError('ValidationError', `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]* (at most 128 characters)`);
}

function templateError(problems: import('../../errors.js').Problem[]): SlipwayError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new SlipwayError('ValidationError', `${first?.message ?? 'the template is not valid'}${more}`, {
    problems,
    hint: 'nothing was created or changed; fix the template or the --parameter values and run again',
  });
}
