// DeletionPolicy and UpdateReplacePolicy written as intrinsic functions, which the
// AWS::LanguageExtensions transform resolves before CloudFormation uses them ("Ref to a
// parameter, Fn::If, Fn::FindInMap" and other functions of parameters, mappings and conditions).
import { evaluate, type EvaluationScope } from './evaluate.js';
import { IntrinsicError } from './intrinsic-error.js';
import { shown, type ProblemList } from './problem-list.js';
import type { ResourceDeclaration, Template } from './template-model.js';
import { DELETION_POLICIES } from './template-resources.js';

/** The template with every policy expression replaced by its value; problems for values that are no policy. */
export function resolvePolicies(template: Template, scope: EvaluationScope, problems: ProblemList): Template {
  const pending = Object.values(template.resources).filter((resource) => resource.policyExpressions !== undefined);
  if (pending.length === 0) return template;
  const resources: Record<string, ResourceDeclaration> = { ...template.resources };
  for (const resource of pending) {
    const resolved = { ...resource };
    for (const [policy, expression] of Object.entries(resource.policyExpressions!)) {
      const path = ['Resources', resource.logicalId, policy];
      const value = policyValue(expression, scope, path, problems);
      if (value === undefined) continue;
      if (policy === 'DeletionPolicy') resolved.deletionPolicy = value;
      else resolved.updateReplacePolicy = value;
    }
    resources[resource.logicalId] = resolved;
  }
  return { ...template, resources };
}

function policyValue(expression: unknown, scope: EvaluationScope, path: string[], problems: ProblemList): string | undefined {
  try {
    const value = evaluate(expression, scope, path);
    if (typeof value === 'string' && DELETION_POLICIES.includes(value)) return value;
    problems.add(path, `${path[2]} must be one of ${DELETION_POLICIES.join(', ')}; ${shown(problems, path, expression)} gives ${JSON.stringify(value)}`);
  } catch (error) {
    if (!(error instanceof IntrinsicError)) throw error;
    problems.add(error.path, `${error.message} (in ${path[2]}, which can use parameters, mappings and conditions only)`);
  }
  return undefined;
}
