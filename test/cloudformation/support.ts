// Helpers for the template-model suites: read a template, or evaluate one value of it.
import { expect } from 'vitest';
import {
  availabilityZones, evaluate, planStack, pseudoParameters, readTemplate, resolveParameters, type EvaluationScope, type ResourceValues, type Template,
} from '../../src/cloudformation/index.js';

export const LOCATION = { accountId: '000000000000', region: 'us-east-1', stackName: 'demo', stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/demo/1' };

/** Reads a template that must be valid. */
export function template(text: string): Template {
  const read = readTemplate(text, 'template.yaml');
  if (!read.ok) expect.fail(read.problems.map((problem) => problem.message).join('\n'));
  return read.template;
}

/** A scope over a template: its parameters (given or default), conditions, and made-up resource values. */
export function scopeOf(
  text: string,
  options: { given?: Record<string, string>; resources?: Record<string, ResourceValues>; exports?: Record<string, string> } = {},
): { scope: EvaluationScope; template: Template } {
  const parsed = template(text);
  const parameters = resolveParameters(parsed, { given: options.given ?? {}, readSsmParameter: () => undefined });
  if (!parameters.ok) expect.fail(parameters.problems.map((problem) => problem.message).join('\n'));
  // The output only carries the expression under test (a list, a mapping, an error): it is
  // evaluated below, not by planning, which would refuse an output that is not a string.
  const plan = planStack({ ...parsed, outputs: {} }, parameters.parameters, LOCATION);
  if (!plan.ok) expect.fail(plan.problems.map((problem) => problem.message).join('\n'));
  const scope: EvaluationScope = {
    parameters: parameters.parameters.values,
    pseudo: pseudoParameters(LOCATION),
    mappings: parsed.mappings,
    conditions: plan.plan.conditions,
    declared: Object.fromEntries(Object.values(parsed.resources).map((resource) => [
      resource.logicalId, { type: resource.type, active: plan.plan.order.includes(resource.logicalId) },
    ])),
    resource: (id) => (options.resources && Object.hasOwn(options.resources, id) ? options.resources[id] : undefined),
    importValue: (name) => options.exports?.[name],
    availabilityZones,
    transforms: parsed.transforms,
  };
  return { scope, template: parsed };
}

/** Evaluates the output named `Value` of a template. */
export function outputValue(text: string, options: Parameters<typeof scopeOf>[1] = {}): unknown {
  const { scope, template: parsed } = scopeOf(text, options);
  return evaluate(parsed.outputs.Value!.value, scope, ['Outputs', 'Value', 'Value']);
}

/** A minimal template around an output expression (YAML), with optional extra sections. */
export function withOutput(expression: string, extra = ''): string {
  return `${extra}
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Repo:
    Type: AWS::ECR::Repository
Outputs:
  Value:
    Value: ${expression}
`;
}

export const BUCKET: ResourceValues = { type: 'AWS::S3::Bucket', ref: 'my-bucket', attributes: { Arn: 'arn:aws:s3:::my-bucket', DomainName: 'my-bucket.s3.amazonaws.com' } };
export const REPO: ResourceValues = { type: 'AWS::ECR::Repository', ref: 'app', attributes: { Arn: 'arn:aws:ecr:us-east-1:000000000000:repository/app', RepositoryUri: '127.0.0.1:5000/app' } };

/** The messages of the problems planning finds in a template (none when it plans). */
export function planMessages(text: string, given: Record<string, string> = {}): string[] {
  const read = readTemplate(text, 'template.yaml');
  if (!read.ok) return read.problems.map((problem) => problem.message);
  const parameters = resolveParameters(read.template, { given, readSsmParameter: () => undefined });
  if (!parameters.ok) return parameters.problems.map((problem) => problem.message);
  const plan = planStack(read.template, parameters.parameters, LOCATION);
  return plan.ok ? [] : plan.problems.map((problem) => problem.message);
}
