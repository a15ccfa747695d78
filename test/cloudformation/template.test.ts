// Reading templates: YAML short forms and JSON long forms give the same model; every problem is
// reported with file, line and column; parameters obey their constraints; resources are ordered.
import { describe, expect, it } from 'vitest';
import { planStack, readTemplate, resolveParameters } from '../../src/cloudformation/index.js';
import { LOCATION, planMessages, template } from './support.js';

describe('short forms', () => {
  it('turn every YAML tag into its long form, keeping dotted GetAtt attributes', () => {
    const parsed = template(`Resources:
  Stack:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: child.yaml
      Parameters:
        A: !GetAtt Stack2.Outputs.Name
        B: !Base64 { "Fn::Sub": x }
        C: !Select [0, !GetAZs '']
        D: !If [Cond, !ImportValue x, !Ref AWS::NoValue]
        E: !Join ['', [!Sub 'a\${AWS::Region}', !Split [',', 'a,b']]]
        F: !Cidr ['10.0.0.0/16', 2, 8]
        G: !FindInMap [M, a, b]
  Stack2:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: child.yaml }
Conditions:
  Cond: !And [!Equals [a, a], !Or [!Not [!Condition Other], !Equals [b, b]]]
  Other: !Equals [x, y]
Mappings:
  M: { a: { b: c } }
`);
    const parameters = parsed.resources.Stack!.properties.Parameters as Record<string, unknown>;
    expect(parameters.A).toEqual({ 'Fn::GetAtt': ['Stack2', 'Outputs.Name'] });
    expect(parameters.B).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'x' } });
    expect(parameters.C).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(parameters.D).toEqual({ 'Fn::If': ['Cond', { 'Fn::ImportValue': 'x' }, { Ref: 'AWS::NoValue' }] });
    expect(parsed.conditions.Cond).toEqual({ 'Fn::And': [{ 'Fn::Equals': ['a', 'a'] }, { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'Other' }] }, { 'Fn::Equals': ['b', 'b'] }] }] });
  });

  it('and the JSON long forms read the same', () => {
    const yaml = template('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Sub "${AWS::StackName}-t"\n');
    const json = template('{"Resources": {"R": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${AWS::StackName}-t"}}}}}');
    expect(json.resources).toEqual(yaml.resources);
  });

  it('JSON indented with tabs is still read', () => {
    const parsed = template('{\n\t"Resources": {\n\t\t"R": {"Type": "AWS::SNS::Topic"}\n\t}\n}');
    expect(parsed.resources.R!.type).toBe('AWS::SNS::Topic');
  });
});

describe('problems carry file, line and column', () => {
  const first = (text: string, given: Record<string, string> = {}) => {
    const read = readTemplate(text, 'bad.yaml');
    if (!read.ok) return read.problems[0];
    const parameters = resolveParameters(read.template, { given, readSsmParameter: () => undefined });
    if (!parameters.ok) return parameters.problems[0];
    const plan = planStack(read.template, parameters.parameters, LOCATION);
    return plan.ok ? undefined : plan.problems[0];
  };

  it('malformed YAML', () => {
    expect(first('Resources:\n  R:\n    Type: [unclosed\n')).toMatchObject({ file: 'bad.yaml', line: 4, message: expect.stringMatching(/invalid YAML/) });
  });

  it('a problem with a key itself, at the key: a section, a resource attribute, a parameter property', () => {
    expect(first('Resources:\n  R:\n    Type: AWS::SNS::Topic\nOutput:\n  X: 1\n')).toMatchObject({ line: 4, column: 1, message: expect.stringMatching(/invalid template section 'Output'/) });
    expect(first('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    DependOn: Q\n')).toMatchObject({ line: 4, column: 5, message: "Invalid template resource property 'DependOn'" });
    expect(first('Parameters:\n  P:\n    Type: String\n    Defualt: x\nResources:\n  R:\n    Type: AWS::SNS::Topic\n')).toMatchObject({ line: 4, column: 5, message: expect.stringMatching(/invalid parameter property 'Defualt'/) });
  });

  it('an unknown YAML tag', () => {
    expect(first('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Frob x\n')).toMatchObject({ line: 5, column: 24, message: expect.stringMatching(/unknown YAML tag '!Frob'/) });
  });

  it('an unknown function, at the function', () => {
    expect(first('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: { "Fn::Nope": x }\n')).toMatchObject({ line: 5, column: 32, path: 'Resources.R.Properties.TopicName.Fn::Nope' });
  });

  it('a Ref to nothing', () => {
    expect(first('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Ghost\n')).toMatchObject({ line: 5, message: 'Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template' });
  });

  it('a cycle, naming every resource in it', () => {
    const problem = first(`Resources:
  A:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: !GetAtt B.TopicName }
  B:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: !Sub '\${C}' }
  C:
    Type: AWS::SNS::Topic
    DependsOn: A
`);
    expect(problem).toMatchObject({ line: 3, message: 'Circular dependency between resources: [A, B, C]' });
  });

  it('a missing parameter value', () => {
    expect(first('Parameters:\n  Needed: { Type: String }\nResources:\n  R: { Type: AWS::SNS::Topic }\n')).toMatchObject({ line: 2, column: 11, message: expect.stringMatching(/Parameters: \[Needed\] must have values/) });
  });

  it('a value outside AllowedValues, with the ConstraintDescription when there is one', () => {
    const text = 'Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\nResources:\n  R: { Type: AWS::SNS::Topic }\n';
    expect(first(text, { Env: 'qa' })).toMatchObject({ line: 3, message: "Parameter 'Env' must be one of AllowedValues [dev, prod] (got 'qa')" });
    expect(first(text.replace('    AllowedValues', '    ConstraintDescription: pick dev or prod\n    AllowedValues'), { Env: 'qa' })?.message).toMatch(/failed to satisfy constraint: pick dev or prod/);
  });

  it('GetAtt of a resource with a false Condition', () => {
    const messages = planMessages(`Conditions:
  Never: !Equals [a, b]
Resources:
  A: { Type: AWS::SNS::Topic, Condition: Never }
  B:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: !GetAtt A.TopicName }
`);
    expect(messages[0]).toMatch(/Unresolved resource dependencies \[A\].*Condition 'Never' is false/);
  });
});

describe('parameters', () => {
  const check = (declaration: string, value: string) => planMessages(`Parameters:\n  P: ${declaration}\nResources:\n  R: { Type: AWS::SNS::Topic }\n`, { P: value });
  it('apply AllowedPattern to the whole value, MinLength and MaxLength given as strings, and number bounds', () => {
    expect(check("{ Type: String, AllowedPattern: '[a-z]+' }", 'abc')).toEqual([]);
    expect(check("{ Type: String, AllowedPattern: '[a-z]+' }", 'abc1')[0]).toMatch(/must match pattern \[a-z\]\+/);
    expect(check("{ Type: String, MinLength: '3', MaxLength: '4' }", 'ab')[0]).toMatch(/at least 3 characters/);
    expect(check("{ Type: String, MinLength: '3', MaxLength: '4' }", 'abcde')[0]).toMatch(/longer than 4 characters/);
    expect(check('{ Type: Number, MinValue: 1, MaxValue: 5 }', '9')[0]).toMatch(/not greater than 5/);
    expect(check('{ Type: Number }', 'nine')[0]).toMatch(/must be a number/);
    expect(check('{ Type: CommaDelimitedList, AllowedValues: [a, b] }', 'a,c')[0]).toMatch(/AllowedValues/);
  });

  it('reject values for parameters the template does not declare', () => {
    expect(planMessages('Resources:\n  R: { Type: AWS::SNS::Topic }\n', { Extra: 'x' })).toEqual(['Parameters: [Extra] do not exist in the template']);
  });

  it('mask NoEcho values in messages', () => {
    expect(check("{ Type: String, NoEcho: true, AllowedPattern: 'x+' }", 'secret')[0]).toMatch(/got '\*\*\*\*'/);
  });
});

describe('ordering', () => {
  it('creates each resource after what it references, DependsOn included; a false Condition skips a resource', () => {
    const read = readTemplate(`Conditions:
  Never: !Equals [a, b]
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    DependsOn: [Policy]
    Properties: { RoleArn: !GetAtt Role.Arn }
  Policy:
    Type: AWS::IAM::Policy
    Properties: { Roles: [!Ref Role] }
  Role: { Type: AWS::IAM::Role }
  Skipped: { Type: AWS::SNS::Topic, Condition: Never }
  Mentioned:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !If [Never, !Ref Skipped, plain]
`, 't.yaml');
    if (!read.ok) expect.fail('invalid');
    const parameters = resolveParameters(read.template, { given: {}, readSsmParameter: () => undefined });
    if (!parameters.ok) expect.fail('invalid');
    const plan = planStack(read.template, parameters.parameters, LOCATION);
    if (!plan.ok) expect.fail(JSON.stringify(plan.problems));
    expect(plan.plan.order.indexOf('Role')).toBeLessThan(plan.plan.order.indexOf('Policy'));
    expect(plan.plan.order.indexOf('Policy')).toBeLessThan(plan.plan.order.indexOf('Pipeline'));
    expect(plan.plan.skipped).toEqual(['Skipped']);
  });
});

describe('rules', () => {
  const rules = `Parameters:
  ConnectionArn: { Type: String, Default: '' }
  OAuthToken: { Type: String, Default: '', NoEcho: true }
  Env: { Type: String, Default: dev }
Rules:
  TokenWithoutConnection:
    RuleCondition: !Equals [!Ref ConnectionArn, '']
    Assertions:
      - Assert: !Not [!Equals [!Ref OAuthToken, '']]
        AssertDescription: OAuthToken is required when ConnectionArn is empty
  KnownEnv:
    Assertions:
      - Assert: { 'Fn::Contains': [[dev, prod], !Ref Env] }
        AssertDescription: Env must be dev or prod
Resources:
  R: { Type: AWS::SNS::Topic }
`;
  it('refuse the stack with the AssertDescription when an assertion fails and its RuleCondition holds', () => {
    expect(planMessages(rules)).toEqual(['OAuthToken is required when ConnectionArn is empty (rule TokenWithoutConnection)']);
    expect(planMessages(rules, { ConnectionArn: 'arn:aws:codestar-connections:us-east-1:000000000000:connection/x' })).toEqual([]);
    expect(planMessages(rules, { OAuthToken: 't', Env: 'qa' })).toEqual(['Env must be dev or prod (rule KnownEnv)']);
  });
});

describe('more validation', () => {
  it('rejects an unknown parameter type', () => {
    expect(planMessages('Parameters:\n  P: { Type: Strin, Default: x }\nResources:\n  R: { Type: AWS::SNS::Topic }\n')[0]).toMatch(/^Template format error: Unrecognized parameter type: Strin/);
  });

  it('rejects an output naming a resource its Condition leaves out', () => {
    const text = 'Conditions:\n  Never: !Equals [a, b]\nResources:\n  T: { Type: AWS::SNS::Topic, Condition: Never }\n  U: { Type: AWS::SNS::Topic }\nOutputs:\n  Arn: { Value: !Ref T }\n  Kept: { Value: !Ref T, Condition: Never }\n';
    expect(planMessages(text)).toEqual([expect.stringMatching(/Unresolved resource dependencies \[T\] in the Outputs block/)]);
  });
});

describe('YAML aliases', () => {
  it('are refused, as CloudFormation refuses them', () => {
    expect(planMessages('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: &p { DisplayName: x }\n  B:\n    Type: AWS::SNS::Topic\n    Properties: *p\n')).toEqual([
      'Template error: YAML aliases are not allowed in CloudFormation templates (expand them first, e.g. with aws cloudformation package)',
    ]);
  });
});

describe('names and imports', () => {
  it('refuse a parameter and a resource of the same name', () => {
    expect(planMessages('Parameters:\n  Topic: { Type: String, Default: x }\nResources:\n  Topic: { Type: AWS::SNS::Topic }\n')[0]).toMatch(/'Topic' is both a parameter and a resource/);
  });

  it('refuse an Fn::ImportValue that depends on a resource of the same stack', () => {
    expect(planMessages("Resources:\n  A: { Type: AWS::SNS::Topic }\n  B:\n    Type: AWS::SNS::Topic\n    Properties: { DisplayName: !ImportValue { 'Fn::Sub': '${A}-name' } }\n")[0]).toMatch(/Fn::ImportValue cannot depend on a resource/);
  });
});
