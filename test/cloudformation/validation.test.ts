// What CloudFormation refuses when it validates a template is refused by planning, before
// anything is made; what needs resources is left for the create. Also: LanguageExtensions
// policies, Fn::GetStackOutput's arguments, and values never shown as [object Object].
import { describe, expect, it } from 'vitest';
import { evaluate, planStack, readTemplate, resolveParameters } from '../../src/cloudformation/index.js';
import { LOCATION, planMessages, scopeOf } from './support.js';

const topic = (displayName: string, extra = '') => `${extra}Resources:\n  A:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: ${displayName}\n`;
const mappings = 'Mappings:\n  Sizes:\n    prod: { Count: "3" }\n';

describe('validation-time refusals', () => {
  it('a Fn::FindInMap whose keys are known and missing, also through a parameter', () => {
    expect(planMessages(topic('!FindInMap [Sizes, dev, Count]', mappings))).toEqual(['Template error: Unable to get mapping for Sizes::dev::Count']);
    expect(planMessages(topic('!FindInMap [Sizes, !Ref Stage, Count]', `Parameters:\n  Stage: { Type: String, Default: test }\n${mappings}`))).toEqual(['Template error: Unable to get mapping for Sizes::test::Count']);
  });

  it('but not one whose key comes from a resource, nor one in the branch of a Fn::If that is not taken', () => {
    expect(planMessages(topic('!FindInMap [Sizes, !GetAtt A.TopicName, Count]', mappings))).toEqual([]);
    expect(planMessages(topic('!If [Never, !FindInMap [Sizes, dev, Count], x]', `${mappings}Conditions:\n  Never: !Equals [a, b]\n`))).toEqual([]);
  });

  it('a known function inside one that needs a resource is still checked', () => {
    expect(planMessages(topic('!Join ["", [!GetAtt A.TopicName, !Select [3, [a, b]]]]'))).toEqual(['Template error: Fn::Select cannot select nonexistent value at index 3 (the list has 2 items)']);
  });

  it('macros: Fn::Transform anywhere, and every transform but AWS::LanguageExtensions', () => {
    expect(planMessages(topic('{ "Fn::Transform": { Name: AWS::Include, Parameters: { Location: s3://b/k } } }'))).toEqual([expect.stringMatching(/^Fn::Transform \(macro AWS::Include\) is a macro, which is not run locally/)]);
    expect(planMessages(topic('x', 'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n'))).toEqual([expect.stringMatching(/^Transform AWS::Serverless-2016-10-31 is a macro, which is not run locally/)]);
  });

  it('an output that evaluates to a list', () => {
    expect(planMessages('Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  Zones:\n    Value: !GetAZs ""\n'))
      .toEqual([expect.stringMatching(/^Template format error: The Value field of every Outputs member must evaluate to a String; Zones evaluates to \["us-east-1a"/)]);
  });
});

describe('AWS::LanguageExtensions: intrinsic functions in DeletionPolicy and UpdateReplacePolicy', () => {
  const policy = (transform: boolean, value: string) => `${transform ? 'Transform: AWS::LanguageExtensions\n' : ''}Parameters:
  Keep: { Type: String, Default: "yes" }
Conditions:
  Keeping: !Equals [!Ref Keep, "yes"]
Mappings:
  Policies:
    "yes": { Value: Retain }
Resources:
  Bucket:
    Type: AWS::SNS::Topic
    DeletionPolicy: ${value}
    UpdateReplacePolicy: ${value}
`;
  const planned = (text: string, given: Record<string, string> = {}) => {
    const read = readTemplate(text, 't.yaml');
    if (!read.ok) return read.problems.map((problem) => problem.message);
    const parameters = resolveParameters(read.template, { given, readSsmParameter: () => undefined });
    if (!parameters.ok) return [];
    const plan = planStack(read.template, parameters.parameters, LOCATION);
    return plan.ok ? [
      plan.plan.template.resources.Bucket!.deletionPolicy, plan.plan.template.resources.Bucket!.updateReplacePolicy,
    ] : plan.problems.map((problem) => problem.message);
  };

  it('are resolved with the transform: Fn::If, Ref to a parameter, Fn::FindInMap', () => {
    expect(planned(policy(true, '!If [Keeping, Retain, Delete]'))).toEqual(['Retain', 'Retain']);
    expect(planned(policy(true, '!If [Keeping, Retain, Delete]'), { Keep: 'no' })).toEqual(['Delete', 'Delete']);
    expect(planned(policy(true, '!FindInMap [Policies, !Ref Keep, Value]'))).toEqual(['Retain', 'Retain']);
  });

  it('a value that is no policy is refused, showing the function as written', () => {
    expect(planned(policy(true, '!If [Keeping, Keep, Delete]'))).toEqual([
      "DeletionPolicy must be one of Delete, Retain, RetainExceptOnCreate, Snapshot; !If [Keeping, Keep, Delete] gives \"Keep\"",
      "UpdateReplacePolicy must be one of Delete, Retain, RetainExceptOnCreate, Snapshot; !If [Keeping, Keep, Delete] gives \"Keep\"",
    ]);
  });

  it('without the transform they are refused as CloudFormation refuses them, the value shown as the template wrote it, never [object Object]', () => {
    const messages = planned(policy(false, '!If [Keeping, Retain, Delete]'));
    expect(messages).toEqual([
      "DeletionPolicy must be one of Delete, Retain, RetainExceptOnCreate, Snapshot; got !If [Keeping, Retain, Delete] (an intrinsic function here needs 'Transform: AWS::LanguageExtensions')",
      "UpdateReplacePolicy must be one of Delete, Retain, RetainExceptOnCreate, Snapshot; got !If [Keeping, Retain, Delete] (an intrinsic function here needs 'Transform: AWS::LanguageExtensions')",
    ]);
    const json = readTemplate('{"Resources":{"B":{"Type":"AWS::SNS::Topic","DeletionPolicy":{"Fn::If":["C","Retain","Delete"]}}}}', 't.json');
    expect(json.ok ? [] : json.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('; got {"Fn::If":["C","Retain","Delete"]} (an intrinsic function')]);
    expect(JSON.stringify(json)).not.toContain('[object Object]');
  });
});

describe('Fn::GetStackOutput', () => {
  const output = (args: string) => `Resources:\n  A:\n    Type: AWS::SNS::Topic\nOutputs:\n  Value:\n    Value:\n      Fn::GetStackOutput:\n${args}`;
  const value = (args: string, outputs: Record<string, Record<string, string>>) => {
    const { scope, template } = scopeOf(output(args));
    scope.stackOutput = (stack, name) => (!Object.hasOwn(outputs, stack) ? { missing: 'stack' } : Object.hasOwn(outputs[stack]!, name) ? { value: outputs[stack]![name]! } : { missing: 'output', outputs: Object.keys(outputs[stack]!) });
    try {
      return evaluate(template.outputs.Value!.value, scope, ['Outputs', 'Value', 'Value']);
    } catch (error) {
      return (error as Error).message;
    }
  };
  const network = { network: { VpcId: 'vpc-1' } };

  it('reads another stack\'s output, with names from parameters and functions', () => {
    expect(value('        StackName: network\n        OutputName: VpcId\n', network)).toBe('vpc-1');
    expect(value('        StackName: !Join ["", [net, work]]\n        OutputName: VpcId\n        Region: us-east-1\n        RoleArn: arn:aws:iam::000000000000:role/reader\n', network)).toBe('vpc-1');
  });

  it('fails with DescribeStacks\' words when the stack is missing, and names the outputs there are when the output is', () => {
    expect(value('        StackName: nowhere\n        OutputName: VpcId\n', network)).toBe('Fn::GetStackOutput: Stack with id nowhere does not exist (create it first: slipway stack create --stack-name nowhere)');
    expect(value('        StackName: network\n        OutputName: SubnetId\n', network)).toBe('Fn::GetStackOutput: stack network has no output named SubnetId (its outputs are VpcId)');
  });

  it('refuses another region or another account, there being one of each locally', () => {
    expect(value('        StackName: network\n        OutputName: VpcId\n        Region: eu-west-1\n', network)).toMatch(/^Fn::GetStackOutput: Region 'eu-west-1' is another region; local stacks all live in one region \('us-east-1'\)/);
    expect(value('        StackName: network\n        OutputName: VpcId\n        RoleArn: arn:aws:iam::123456789012:role/x\n', network)).toMatch(/is a role in another account/);
    // A Region known at validation is refused before anything is made.
    expect(planMessages(output('        StackName: network\n        OutputName: VpcId\n        Region: !Ref AWS::NoValue\n'))).toEqual([]);
    expect(planMessages(output('        StackName: network\n        OutputName: VpcId\n        Region: eu-west-1\n'))).toEqual([expect.stringMatching(/Region 'eu-west-1' is another region/)]);
  });

  it('the short form !GetStackOutput reads as the long form', () => {
    const read = readTemplate('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetStackOutput { StackName: network, OutputName: VpcId }\n', 't.yaml');
    expect(read.ok && read.template.resources.A!.properties.DisplayName).toEqual({ 'Fn::GetStackOutput': { StackName: 'network', OutputName: 'VpcId' } });
  });
});
