// Plans a stack purely: checks references, evaluates conditions, decides which resources exist
// and in what order. Nothing here touches the disk or the local services.
import type { Problem } from '../errors.js';
import type { PathKey } from '../yaml/located-document.js';
import { creationOrder } from './dependency-graph.js';
import { evaluateCondition, type EvaluationScope } from './evaluate.js';
import { IntrinsicError } from './intrinsic-error.js';
import { resolvePolicies } from './policies.js';
import type { ResolvedParameters } from './parameters.js';
import { availabilityZones, pseudoParameters, type StackLocation } from './pseudo-parameters.js';
import { checkReferences } from './references.js';
import { checkRules } from './rules.js';
import { collectDependencies } from './dependencies.js';
import { ProblemList } from './problem-list.js';
import { isRecord } from './records.js';
import type { Template } from './template-model.js';
import { setOwn } from './template-limits.js';
import { checkKnownValues, validationScope } from './validation.js';

/** What a stack will be made of: conditions, the resources to create in order, and the skipped. */
export interface StackPlan {
  template: Template;
  parameters: ResolvedParameters;
  location: StackLocation;
  conditions: Record<string, boolean>;
  /** Resources whose Condition holds, in creation order. */
  order: string[];
  /** Resources left out because their Condition is false. */
  skipped: string[];
  /** Direct dependencies of each planned resource. */
  dependencies: Record<string, string[]>;
  /** Values the user chose for resources the engine does not emulate (see EvaluationScope.suppliedValues). */
  suppliedValues: Record<string, string>;
}

/** What planning takes besides the template and parameters. */
export interface PlanOptions {
  /** Values for resources the engine does not emulate: `Logical.Attribute` or `Logical` (Ref). */
  suppliedValues?: Record<string, string>;
}

export type PlanResult = { ok: true; plan: StackPlan } | { ok: false; problems: Problem[] };

/** Plans a stack from a read template and resolved parameters; reports every problem found. */
export function planStack(input: Template, parameters: ResolvedParameters, location: StackLocation, options: PlanOptions = {}): PlanResult {
  const problems = new ProblemList(input);
  let template = input;
  checkReferences(template, problems);
  if (problems.items.length > 0) return { ok: false, problems: problems.items };
  checkRules(template, staticScope(template, parameters, location, {}), problems);
  if (problems.items.length > 0) return { ok: false, problems: problems.items };
  const conditions = evaluateConditions(template, parameters, location, problems);
  if (!conditions) return { ok: false, problems: problems.items };
  template = resolvePolicies(template, staticScope(template, parameters, location, conditions), problems);
  const active = Object.values(template.resources).filter((resource) => resource.condition === undefined || conditions[resource.condition]);
  const activeIds = new Set(active.map((resource) => resource.logicalId));
  const dependencies: Record<string, string[]> = {};
  for (const resource of active) {
    const path = ['Resources', resource.logicalId];
    const found = new Set<string>(resource.dependsOn);
    collectDependencies(resource.properties, template, conditions, found);
    for (const target of found) {
      if (!activeIds.has(target)) {
        problems.add(path, `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template ('${target}' is not created because its Condition '${template.resources[target]?.condition}' is false)`);
      }
    }
    dependencies[resource.logicalId] = [...found].filter((target) => activeIds.has(target));
  }
  checkOutputTargets(template, conditions, activeIds, problems);
  if (problems.items.length === 0) checkKnownValues(
    template, validationScope(staticScope(template, parameters, location, conditions), template, activeIds), activeIds, problems,
  );
  const ordered = creationOrder(active.map((resource) => resource.logicalId), dependencies);
  if (!ordered.ok) {
    for (const cycle of ordered.cycles) problems.add(['Resources', cycle[0]!], `Circular dependency between resources: [${cycle.join(', ')}]`);
  }
  if (problems.items.length > 0 || !ordered.ok) return { ok: false, problems: problems.items };
  const skipped = Object.keys(template.resources).filter((id) => !activeIds.has(id));
  return {
    ok: true,
    plan: { template, parameters, location, conditions, order: ordered.order, skipped, dependencies, suppliedValues: options.suppliedValues ?? {} },
  };
}

/** A scope for evaluating parameters, pseudo parameters, mappings and conditions only. */
export function staticScope(template: Template, parameters: ResolvedParameters, location: StackLocation, conditions: Record<string, boolean>): EvaluationScope {
  return {
    parameters: parameters.values,
    pseudo: pseudoParameters(location),
    mappings: template.mappings,
    conditions,
    declared: {},
    resource: () => undefined,
    importValue: () => undefined,
    availabilityZones,
    transforms: template.transforms,
  };
}

function evaluateConditions(
  template: Template, parameters: ResolvedParameters, location: StackLocation, problems: ProblemList,
): Record<string, boolean> | undefined {
  const names = Object.keys(template.conditions);
  const dependencies = Object.fromEntries(names.map((name) => [name, conditionReferences(template.conditions[name])]));
  const ordered = creationOrder(names, dependencies);
  if (!ordered.ok) {
    for (const cycle of ordered.cycles) problems.add(['Conditions', cycle[0]!], `Template format error: circular condition dependency between [${cycle.join(', ')}]`);
    return undefined;
  }
  const conditions: Record<string, boolean> = {};
  const scope = staticScope(template, parameters, location, conditions);
  for (const name of ordered.order) {
    try {
      setOwn(conditions, name, evaluateCondition(template.conditions[name], scope, ['Conditions', name]));
    } catch (error) {
      if (!(error instanceof IntrinsicError)) throw error;
      problems.add(error.path, error.message);
    }
  }
  return problems.items.length > 0 ? undefined : conditions;
}

// An output may not name a resource its Condition leaves out, unless the output has a false Condition too.
function checkOutputTargets(template: Template, conditions: Record<string, boolean>, activeIds: Set<string>, problems: ProblemList): void {
  for (const output of Object.values(template.outputs)) {
    if (output.condition !== undefined && !conditions[output.condition]) continue;
    const found = new Set<string>();
    collectDependencies([output.value, output.exportName], template, conditions, found);
    for (const target of found) {
      if (!activeIds.has(target)) {
        problems.add(['Outputs', output.name, 'Value'], `Template format error: Unresolved resource dependencies [${target}] in the Outputs block of the template ('${target}' is not created because its Condition '${template.resources[target]?.condition}' is false; give the output the same Condition)`);
      }
    }
  }
}

function conditionReferences(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => conditionReferences(item, found));
  else if (isRecord(value)) {
    if (typeof value.Condition === 'string' && Object.keys(value).length === 1) found.push(value.Condition);
    const ifArgs = value['Fn::If'];
    if (Array.isArray(ifArgs) && typeof ifArgs[0] === 'string') found.push(ifArgs[0]);
    Object.values(value).forEach((item) => conditionReferences(item, found));
  }
  return found;
}

/** Turns an evaluation error into a located problem. */
export function problemOf(template: Template, error: IntrinsicError, prefix: readonly PathKey[] = []): Problem {
  const list = new ProblemList(template);
  list.add([...prefix, ...error.path], error.message);
  return list.items[0]!;
}
