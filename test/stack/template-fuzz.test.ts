// A fuzzing pass over the template reader and planner, bounded in time: random text, random
// YAML-ish and JSON documents, and random templates built from CloudFormation's own vocabulary
// (sections, intrinsic functions, short-form tags, hostile keys) must each end in a model or in
// located problems: never an exception (which the CLI would turn into exit 70).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planStack, readTemplate, resolveParameters } from '../../src/cloudformation/index.js';
import { unrecognizedTypeProblems, unsupportedPropertyProblems } from '../../src/local/stack/resource-declaration-checks.js';

const LOCATION = { accountId: '000000000000', region: 'us-east-1', stackName: 'fuzz', stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/fuzz/1' };
const BUDGET_MS = 2500;

/** Everything the engine does with a template before it makes anything; returns what happened. */
function readAndPlan(text: string): 'read-problems' | 'parameter-problems' | 'plan-problems' | 'planned' {
  const read = readTemplate(text, 'fuzz.yaml');
  if (!read.ok) {
    for (const problem of read.problems) expect(typeof problem.message).toBe('string');
    return 'read-problems';
  }
  unrecognizedTypeProblems(read.template);
  const parameters = resolveParameters(read.template, { given: {}, readSsmParameter: () => undefined });
  if (!parameters.ok) return 'parameter-problems';
  const plan = planStack(read.template, parameters.parameters, LOCATION, { suppliedValues: { 'A.B': 'x' } });
  if (!plan.ok) return 'plan-problems';
  unsupportedPropertyProblems(plan.plan);
  return 'planned';
}

const names = fc.constantFrom('A', 'B', 'Topic', 'P', 'C', '__proto__', 'constructor', 'toString', 'AWS::Region', 'AWS::NoValue', 'M', 'x.y', '');
const functions = fc.constantFrom('Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or',
  'Fn::Not', 'Fn::FindInMap', 'Fn::ImportValue', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform',
  'Fn::GetStackOutput', 'Condition', 'Fn::ForEach', 'Fn::Nope');
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.oneof(names, fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }), fc.constantFrom('${A}', '${A.B}', '${!x}', '10.0.0.0/16', '::/64')),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(names, tie('value'), { maxKeys: 3 }),
    fc.record({ name: functions, args: tie('value') }).map(({ name, args }) => ({ [name]: args }))),
})).value;
const template = fc.record({
  Transform: fc.option(fc.constantFrom('AWS::LanguageExtensions', 'AWS::Serverless-2016-10-31', ['AWS::LanguageExtensions']), { nil: undefined }),
  Parameters: fc.option(fc.dictionary(names, fc.record({ Type: fc.constantFrom('String', 'Number', 'CommaDelimitedList', 'Bogus'), Default: value, AllowedPattern: fc.option(fc.constantFrom('(a+)+$', '[', '\\p{Alpha}+', '(?!x).*'), { nil: undefined }) }), { maxKeys: 2 }), { nil: undefined }),
  Mappings: fc.option(
    fc.dictionary(names, fc.dictionary(names, fc.dictionary(names, value, { maxKeys: 2 }), { maxKeys: 2 }), { maxKeys: 2 }),
    { nil: undefined },
  ),
  Conditions: fc.option(fc.dictionary(names, value, { maxKeys: 3 }), { nil: undefined }),
  Resources: fc.dictionary(names, fc.record({
    Type: fc.constantFrom('AWS::SNS::Topic', 'AWS::SSM::Parameter', 'Custom::X', 'AWS::SQS::Queue', 'AWS::Foo::Bar', 'AWS::CloudFormation::Stack'),
    Properties: value, Condition: fc.option(names, { nil: undefined }), DependsOn: fc.option(value, { nil: undefined }),
    DeletionPolicy: fc.option(value, { nil: undefined }), Description: fc.option(value, { nil: undefined }),
  }, { requiredKeys: ['Type'] }), { maxKeys: 4 }),
  Outputs: fc.option(fc.dictionary(names, fc.record({ Value: value, Condition: fc.option(names, { nil: undefined }) }), { maxKeys: 2 }), { nil: undefined }),
}, { requiredKeys: ['Resources'] });

/** Templates that plan, and that lack a parameter value, tried first so that every run reaches each outcome however slow the machine. */
const PLANNABLE = JSON.stringify({ Parameters: { P: { Type: 'String', Default: 'x' } }, Resources: { A: { Type: 'Custom::X', Properties: { V: { 'Fn::Sub': '${P}' } } } } });
const NEEDS_VALUE = JSON.stringify({ Parameters: { P: { Type: 'String' } }, Resources: { A: { Type: 'AWS::SNS::Topic' } } });
const UNPLANNABLE = JSON.stringify({ Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Nothing' } } } } });

const run = (arbitrary: fc.Arbitrary<string>) => {
  const seen = new Set<string>();
  fc.assert(fc.property(arbitrary, (text) => {
    seen.add(readAndPlan(text));
  }), { interruptAfterTimeLimit: BUDGET_MS, numRuns: 100_000, examples: [[PLANNABLE], [NEEDS_VALUE], [UNPLANNABLE], ['{']] });
  return seen;
};

describe('fuzzing the template reader and planner', () => {
  it('random templates of CloudFormation\'s vocabulary, as JSON, end in a plan or in problems, never an exception', () => {
    const seen = run(template.map((doc) => JSON.stringify(doc)));
    // Every run reaches each outcome (the examples see to it on a slow machine), so the property holds beyond the reader.
    expect([...seen].sort()).toEqual(['parameter-problems', 'plan-problems', 'planned', 'read-problems']);
  });

  it('random text and random YAML with short-form tags, anchors, flow and block styles', () => {
    const fragments = fc.constantFrom('Resources:\n', '  A:\n', '    Type: AWS::SNS::Topic\n', '    Properties:\n', '      X: ', '!Ref ', '!Sub ', '!GetAtt A.B', '!If [C, a, b]',
      '!GetStackOutput {StackName: s, OutputName: o}', '&a ', '*a', '[', ']', '{', '}', '- ', '"', "'", '\t', '\n', '__proto__: 1\n', '!!binary aGk=', '? ', ': ', '#', '%YAML 1.2\n---\n', '!Foo ');
    const seen = run(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join(''))));
    expect(seen.has('read-problems')).toBe(true);
  });
});
