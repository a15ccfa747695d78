// What CloudFormation evaluates when it validates a template, before it creates anything: every
// intrinsic function whose inputs are known then (literals, parameters, pseudo parameters,
// mappings, conditions). A Fn::FindInMap with keys a mapping does not have, a Fn::Select out of
// range, a function of the wrong shape: each is a "Template error" of CreateStack itself, and the
// stack is never created. What depends on resources, exports or other stacks' outputs is left for
// the create, as CloudFormation leaves it.
import type { PathKey } from '../yaml/located-document.js';
import { evaluate, type EvaluationScope } from './evaluate.js';
import { IntrinsicError } from './intrinsic-error.js';
import { intrinsicName } from './intrinsic-functions.js';
import type { ProblemList } from './problem-list.js';
import { isRecord } from './records.js';
import type { Template } from './template-model.js';

/** Thrown by the validation scope when a value needs something that exists only once resources are made. */
class NotKnownYet extends Error {}

/** A scope that knows parameters, mappings and conditions, and refuses to guess anything else. */
export function validationScope(scope: EvaluationScope, template: Template, active: Set<string>): EvaluationScope {
  const unknown = (): never => {
    throw new NotKnownYet();
  };
  return {
    ...scope,
    declared: Object.fromEntries(Object.values(template.resources).map((resource) => [
      resource.logicalId, { type: resource.type, active: active.has(resource.logicalId) },
    ])),
    resource: unknown,
    importValue: unknown,
    stackOutput: unknown,
    notEmulated: undefined,
  };
}

/** Reports what CloudFormation would refuse at validation in the resources and outputs the plan keeps. */
export function checkKnownValues(template: Template, scope: EvaluationScope, active: Set<string>, problems: ProblemList): void {
  for (const id of active) checkWhole(template.resources[id]!.properties, ['Resources', id, 'Properties'], scope, problems);
  for (const output of Object.values(template.outputs)) {
    if (output.condition !== undefined && !scope.conditions[output.condition]) continue;
    const path = ['Outputs', output.name, 'Value'];
    const before = problems.items.length;
    check(output.value, path, scope, problems);
    if (problems.items.length > before) continue;
    const value = knownValue(output.value, path, scope);
    if (value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      problems.add(path, `Template format error: The Value field of every Outputs member must evaluate to a String; ${output.name} evaluates to ${JSON.stringify(value)}`);
    }
  }
}

function knownValue(value: unknown, path: PathKey[], scope: EvaluationScope): unknown {
  try {
    return evaluate(value, scope, path);
  } catch (error) {
    if (error instanceof NotKnownYet || error instanceof IntrinsicError) return undefined;
    throw error;
  }
}

// The properties as a whole first (their evaluated size is bounded), then, if they need a
// resource, each function on its own.
function checkWhole(value: unknown, path: PathKey[], scope: EvaluationScope, problems: ProblemList): void {
  try {
    evaluate(value, scope, path);
  } catch (error) {
    if (error instanceof IntrinsicError) problems.add(error.path, error.message);
    else if (error instanceof NotKnownYet) check(value, path, scope, problems);
    else throw error;
  }
}

// Evaluates each function as a whole; one that needs a resource is searched for functions inside
// it that do not (only the branch of a Fn::If that its condition takes).
function check(value: unknown, path: PathKey[], scope: EvaluationScope, problems: ProblemList): void {
  const name = intrinsicName(value);
  if (name) {
    try {
      evaluate(value, scope, path);
      return;
    } catch (error) {
      if (error instanceof IntrinsicError) {
        problems.add(error.path, error.message);
        return;
      }
      if (!(error instanceof NotKnownYet)) throw error;
    }
    const args = (value as Record<string, unknown>)[name];
    if (name === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string') {
      const branch = scope.conditions[args[0]] ? 1 : 2;
      check(args[branch], [...path, name, branch], scope, problems);
    } else {
      check(args, [...path, name], scope, problems);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => check(item, [...path, index], scope, problems));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) check(item, [...path, key], scope, problems);
}
