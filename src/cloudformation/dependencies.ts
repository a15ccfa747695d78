// The resources a value refers to (Ref, Fn::GetAtt, Fn::Sub variables): the edges of the
// dependency graph that orders creation.
import { intrinsicName } from './intrinsic-functions.js';
import { isRecord } from './records.js';
import { subVariables } from './sub.js';
import type { Template } from './template-model.js';

/** Adds the resources `value` refers to; only the taken branch of each Fn::If counts, or both with `conditions` 'all'. */
export function collectDependencies(value: unknown, template: Template, conditions: Record<string, boolean> | 'all', found: Set<string>): void {
  const name = intrinsicName(value);
  const args = name ? (value as Record<string, unknown>)[name] : undefined;
  if (name === 'Ref') {
    if (typeof args === 'string' && Object.hasOwn(template.resources, args)) found.add(args);
  } else if (name === 'Fn::GetAtt') {
    const target = typeof args === 'string' ? args.split('.')[0] : Array.isArray(args) ? args[0] : undefined;
    if (typeof target === 'string' && Object.hasOwn(template.resources, target)) found.add(target);
    if (Array.isArray(args)) collectDependencies(args[1], template, conditions, found);
  } else if (name === 'Fn::Sub') {
    const text = typeof args === 'string' ? args : Array.isArray(args) ? args[0] : undefined;
    const variables = Array.isArray(args) && isRecord(args[1]) ? args[1] : {};
    for (const variable of typeof text === 'string' ? subVariables(text) : []) {
      const root = variable.split('.')[0]!;
      if (!Object.hasOwn(variables, variable) && Object.hasOwn(template.resources, root)) found.add(root);
    }
    collectDependencies(variables, template, conditions, found);
  } else if (name === 'Fn::If' && Array.isArray(args) && typeof args[0] === 'string') {
    if (conditions === 'all') args.slice(1).forEach((branch) => collectDependencies(branch, template, conditions, found));
    else collectDependencies(conditions[args[0]] ? args[1] : args[2], template, conditions, found);
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectDependencies(item, template, conditions, found));
  } else if (isRecord(value)) {
    Object.values(value).forEach((item) => collectDependencies(item, template, conditions, found));
  }
}
