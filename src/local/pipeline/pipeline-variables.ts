// A V2 pipeline's own variables for one execution (CodePipeline "Variables reference",
// pipeline-level variables): each declared variable takes the value StartPipelineExecution gives,
// else its default; a value for a variable the pipeline does not declare, an empty value, and a
// declared variable with neither are refused, as StartPipelineExecution refuses them.
import { SlipwayError } from '../../errors.js';
import type { PipelineDeclaration } from './model.js';

/** The resolved variables of an execution, in declaration order. */
export function pipelineVariables(pipeline: PipelineDeclaration, given: Record<string, string>): { name: string; resolvedValue: string }[] {
  const declared = new Map(pipeline.variables.map((variable) => [variable.name, variable]));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (!declared.has(name)) problems.push(`variable '${name}' is not declared by pipeline ${pipeline.name}${declared.size ? ` (its variables: ${[...declared.keys()].join(', ')})` : ''}`);
    else if (value === '') problems.push(`variable '${name}' needs a non-empty value`);
  }
  const resolved = pipeline.variables.map((variable) => ({ name: variable.name, resolvedValue: given[variable.name] ?? variable.defaultValue }));
  for (const variable of resolved) if (variable.resolvedValue === undefined) problems.push(`variable '${variable.name}' has no default value, so the execution must give one`);
  if (problems.length > 0) throw new SlipwayError('ValidationException', `the execution of pipeline ${pipeline.name} cannot start: ${problems.join('; ')}`, { hint: 'e.g. slipway start NAME --variable NAME=VALUE' });
  return resolved as { name: string; resolvedValue: string }[];
}
