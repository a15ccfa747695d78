// The per-resource steps of a stack operation: evaluate a resource's properties, then create,
// update, replace or delete it through its provider, emitting CloudFormation's events.
import { dirname } from 'node:path';
import {
  evaluate, IntrinsicError, NO_VALUE, problemOf, pseudoParameters, availabilityZones, resolveDynamicReferences,
  type EvaluationScope, type ResourceDeclaration, type StackPlan,
} from '../../cloudformation/index.js';
import { formatProblem, SlipwayError } from '../../errors.js';
import type { ArtifactStore } from '../artifacts/index.js';
import { formatPath } from '../../yaml/located-document.js';
import type { NotEmulated, StackEvent, StackRecord, StackResourceRecord } from './model.js';
import { generatedName } from './providers/naming.js';
import { PROVIDERS, type NestedStackControl, type ProviderContext, type ResourceProvider } from './providers/index.js';
import type { StackEngineOptions, StackLocationSettings } from './settings.js';
import type { StackStore } from './store.js';

/** A failure of one resource, with the reason CloudFormation would show. */
export class ResourceFailure extends Error {
  constructor(readonly logicalId: string, reason: string) {
    super(reason);
    this.name = 'ResourceFailure';
  }
}

/** What one stack operation works with. */
export interface OperationContext {
  stack: StackRecord;
  store: StackStore;
  artifacts: ArtifactStore;
  options: StackEngineOptions;
  /** Where the account is, read once when the operation started. */
  location: StackLocationSettings;
  nested: NestedStackControl;
  /** Resources as they are now, by logical id. */
  resources: Map<string, StackResourceRecord>;
  /** Export names read by Fn::ImportValue during this operation. */
  imports: Set<string>;
  /** Fn::GetAtt values that were placeholders because the attribute is not emulated. */
  placeholders: NotEmulated[];
}

/** Records and reports one stack event. */
export function emitEvent(op: Pick<OperationContext, 'stack' | 'store' | 'options'>, event: Omit<StackEvent, 'EventId' | 'StackId' | 'StackName' | 'Timestamp'>): void {
  const full = op.store.addEvent({ StackId: op.stack.stackId, StackName: op.stack.stackName, Timestamp: new Date().toISOString(), ...event });
  op.options.reporter?.emit({ type: 'stack.event', event: full });
}

/** Reports a stack-level status change (the stack itself as the resource). */
export function emitStackStatus(op: Pick<OperationContext, 'stack' | 'store' | 'options'>, status: StackRecord['status'], reason?: string): void {
  op.stack.status = status;
  op.stack.statusReason = reason;
  op.store.setStackStatus(op.stack.stackId, status, reason);
  emitEvent(op, { LogicalResourceId: op.stack.stackName, PhysicalResourceId: op.stack.stackId, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: status, ResourceStatusReason: reason });
}

/** The scope for evaluating a resource's properties or an output, given what exists now. */
export function resourceScope(op: OperationContext, plan: StackPlan): EvaluationScope {
  const declared = Object.fromEntries(Object.values(plan.template.resources).map((resource) => [
    resource.logicalId, { type: resource.type, active: plan.order.includes(resource.logicalId) },
  ]));
  return {
    parameters: plan.parameters.values,
    pseudo: pseudoParameters(plan.location),
    mappings: plan.template.mappings,
    conditions: plan.conditions,
    declared,
    resource: (logicalId) => {
      const record = op.resources.get(logicalId);
      return record && record.ref !== undefined ? { type: record.type, ref: record.ref, attributes: record.attributes } : undefined;
    },
    importValue: (name) => {
      const found = op.store.findExport(name);
      if (found) op.imports.add(name);
      return found?.value;
    },
    availabilityZones,
    transforms: plan.template.transforms,
    suppliedValues: plan.suppliedValues,
    stackOutput: (name, output) => {
      const stack = op.store.findStack(name);
      const found = stack?.outputs.find((entry) => entry.OutputKey === output);
      return !stack ? { missing: 'stack' } : found ? { value: found.OutputValue } : { missing: 'output', outputs: stack.outputs.map((entry) => entry.OutputKey) };
    },
    notEmulated: ({ logicalId, type, attribute, path }) => {
      // Where the placeholder landed: the property of a resource, or the output's value.
      const usedAt = formatPath(path.slice(0, path[0] === 'Resources' ? 4 : 3));
      if (!op.placeholders.some((seen) => seen.logicalId === logicalId && seen.attribute === attribute && seen.usedAt === usedAt))
        op.placeholders.push({ logicalId, type, attribute, usedAt });
    },
  };
}

/** What this operation could not emulate: resource types without a provider, then placeholder attributes. */
export function notEmulatedOf(op: OperationContext, plan: StackPlan): NotEmulated[] {
  const types = plan.order.filter((id) => !providerOf(plan.template.resources[id]!.type)).map((id) => ({
    logicalId: id, type: plan.template.resources[id]!.type,
  }));
  return [...types, ...op.placeholders];
}

/** An event reason naming the placeholder attributes used under `usedAt` (e.g. `Resources.Build`), if any. */
export function placeholderReason(op: OperationContext, usedAt: string): string | undefined {
  const uses = op.placeholders.filter((use) => use.usedAt === usedAt || use.usedAt!.startsWith(`${usedAt}.`));
  if (uses.length === 0) return undefined;
  const names = uses.map((use) => `${use.logicalId}.${use.attribute!} (${use.type}) at ${use.usedAt!}`).join(', ');
  return `Fn::GetAtt of an attribute that is not emulated locally: ${names} received a placeholder string '<not emulated: ...>', not a real value`;
}

/**
 * Evaluates a resource's intrinsic functions; failures name the location. Dynamic references
 * stay unresolved here: like CloudFormation, the engine keeps and compares the reference, not
 * the secret, so a changed secret value alone does not update a resource.
 */
export function evaluateProperties(op: OperationContext, plan: StackPlan, resource: ResourceDeclaration): Record<string, unknown> {
  const path = ['Resources', resource.logicalId, 'Properties'];
  try {
    const value = evaluate(resource.properties, resourceScope(op, plan), path);
    return (value === NO_VALUE ? {} : value) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof IntrinsicError) throw new ResourceFailure(resource.logicalId, formatProblem(problemOf(plan.template, error)));
    throw error;
  }
}

/** Resolves the dynamic references in evaluated properties, for the provider only. */
export function resolveDynamic(op: OperationContext, logicalId: string, properties: Record<string, unknown>): Record<string, unknown> {
  const table = op.options.services.parameters;
  try {
    return resolveDynamicReferences(properties, {
      ssmParameter: (name, version) => table.get(name, version === undefined ? undefined : Number(version))?.value,
      secretString: (query) => table.getSecretVersion(query)?.secretString,
    }) as Record<string, unknown>;
  } catch (error) {
    throw new ResourceFailure(logicalId, error instanceof Error ? error.message : String(error));
  }
}

/** Properties as shown in events: NoEcho parameter values masked, as DescribeStackEvents does. */
export function shownProperties(plan: StackPlan | undefined, properties: Record<string, unknown>): string {
  let text = JSON.stringify(properties);
  for (const name of plan?.parameters.noEcho ?? []) {
    const value = plan!.parameters.raw[name];
    if (value) text = text.split(JSON.stringify(value).slice(1, -1)).join('****');
  }
  return text;
}

/** The provider context for one resource. */
export function providerContext(
  op: OperationContext, plan: StackPlan | undefined, logicalId: string, previousInternal?: Record<string, unknown>,
): ProviderContext {
  const claim = (physicalId: string, internal: Record<string, unknown> = {}) => {
    op.store.claimResource(op.stack.stackId, logicalId, physicalId, internal);
    op.options.fault?.('stack.resource.claimed');
  };
  return {
    stackName: op.stack.stackName,
    stackId: op.stack.stackId,
    logicalId,
    accountId: op.location.accountId,
    region: op.location.region,
    registryEndpoint: op.location.registryEndpoint,
    webhookEndpoint: op.location.webhookEndpoint,
    templateDir: dirname(plan?.template.file ?? op.stack.templateFile ?? `${op.options.home}/template`),
    artifacts: op.artifacts,
    repositories: op.options.repositories,
    services: op.options.services,
    // A nested stack claims its id as soon as its row exists, before its own resources are made.
    nested: { ...op.nested, create: (input) => op.nested.create(input, (stackId) => claim(stackId, { stackName: input.stackName })) },
    previousInternal,
    claim,
    physicalIdInUse: (type, physicalId) => op.store.physicalIdInUse(type, physicalId, { stackId: op.stack.stackId, logicalId }),
    ancestry: () => ancestryOf(op),
    generateName: (maxLength, options) => generatedName(op.stack.stackName, logicalId, maxLength, options),
  };
}

/** The stack of an operation, then its parent stacks up to the root. */
function ancestryOf(op: OperationContext): { stackName: string; templateBody: string; parameters: Record<string, string> }[] {
  const chain = [];
  for (let stack = op.store.findStack(op.stack.stackId); stack; stack = stack.parentStackId
    ? op.store.findStack(stack.parentStackId) : undefined) chain.push(stack);
  return chain.map(({ stackName, templateBody, parameters }) => ({ stackName, templateBody, parameters }));
}

/** The provider of a type, or undefined when the type is not emulated. */
export function providerOf(type: string): ResourceProvider | undefined {
  return Object.hasOwn(PROVIDERS, type) ? PROVIDERS[type] : undefined;
}

/** Runs a provider call, turning its failure into the resource's status reason. */
export async function attempt<T>(logicalId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ResourceFailure) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // A local service's own advice (e.g. "stop the other registry first") belongs in the reason.
    const hint = error instanceof SlipwayError && error.hint ? ` (${error.hint})` : '';
    throw new ResourceFailure(logicalId, `${message}${hint}`);
  }
}

/** Checks properties with the provider's rules, failing the way CloudFormation reports it, plus where the resource is. */
export function validateProperties(logicalId: string, provider: ResourceProvider, properties: Record<string, unknown>, plan?: StackPlan): void {
  const problems = provider.validate(properties);
  if (problems.length === 0) return;
  const at = plan?.template.locate(['Resources', logicalId, 'Properties']);
  const where = at ? ` (${plan!.template.file}:${at.line}:${at.column})` : '';
  throw new ResourceFailure(logicalId, `Properties validation failed for resource ${logicalId} with message: [${problems.join(', ')}]${where}`);
}

/** Top-level properties whose values differ between two evaluations. */
export function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** A record for a freshly provisioned resource. */
export function recordOf(
  declaration: ResourceDeclaration, plan: StackPlan, properties: Record<string, unknown>,
  result: { physicalId: string; ref: string; attributes: Record<string, unknown>; internal?: Record<string, unknown> },
  status: string,
): StackResourceRecord {
  return {
    logicalId: declaration.logicalId,
    type: declaration.type,
    physicalId: result.physicalId,
    status,
    properties,
    ref: result.ref,
    attributes: result.attributes,
    internal: result.internal ?? {},
    dependsOn: plan.dependencies[declaration.logicalId] ?? [],
    deletionPolicy: declaration.deletionPolicy,
    updateReplacePolicy: declaration.updateReplacePolicy,
    position: plan.order.indexOf(declaration.logicalId),
  };
}
