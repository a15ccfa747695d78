// Variables in action configuration (CodePipeline "Variables reference"): `#{namespace.name}` for
// the output variables of an earlier action with a Namespace, `#{codepipeline.PipelineExecutionId}`
// always, and `#{variables.name}` for a V2 pipeline's own variables. They are resolved in every
// string of an action's configuration before the action runs; an unknown one fails the action.
import { SlipwayError } from '../../errors.js';

/** What a configuration may refer to. */
export interface VariableScope {
  pipelineExecutionId: string;
  /** Pipeline-level variables (V2), resolved for this execution. */
  pipelineVariables: Record<string, string>;
  /** Output variables of earlier actions that have a namespace, by namespace. */
  namespaces: Record<string, Record<string, string>>;
}

const REFERENCE = /#\{([A-Za-z0-9@\-_]+)\.([A-Za-z0-9@\-_.]+)\}/g;

function lookUp(scope: VariableScope, namespace: string, name: string): string | undefined {
  if (namespace === 'codepipeline') return name === 'PipelineExecutionId' ? scope.pipelineExecutionId : undefined;
  if (namespace === 'variables') return Object.hasOwn(scope.pipelineVariables, name) ? scope.pipelineVariables[name] : undefined;
  const values = Object.hasOwn(scope.namespaces, namespace) ? scope.namespaces[namespace] : undefined;
  return values && Object.hasOwn(values, name) ? values[name] : undefined;
}

/** A string with every reference resolved; throws naming the first one that cannot be. */
export function resolveText(text: string, scope: VariableScope, where: string): string {
  return text.replace(REFERENCE, (reference, namespace: string, name: string) => {
    const value = lookUp(scope, namespace, name);
    if (value === undefined) {
      throw new SlipwayError('VariableResolutionFailed', `Unable to resolve the variable ${reference} in ${where}: no earlier action with namespace '${namespace}' set '${name}'`, { kind: 'failed' });
    }
    return value;
  });
}

/** A configuration with every string value resolved (nested values too). */
export function resolveConfiguration(configuration: Record<string, unknown>, scope: VariableScope, actionName: string): Record<string, unknown> {
  const resolve = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return resolveText(value, scope, `the configuration ${key} of action ${actionName}`);
    if (Array.isArray(value)) return value.map((item) => resolve(item, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([inner, item]) => [inner, resolve(item, key)]));
    return value;
  };
  return Object.fromEntries(Object.entries(configuration).map(([key, value]) => [key, resolve(value, key)]));
}
