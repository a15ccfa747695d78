// Resources the engine does not emulate (custom resources, registry extensions, AWS types without
// a provider): their Ref and attributes get the documented placeholder wherever they are read,
// or the values the user supplies, and the stack is created.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { testEngine, type TestEngine } from './support/engine.js';

const TEMPLATE = `Resources:
  Lookup:
    Type: Custom::AmiLookup
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:000000000000:function:lookup
  Legacy:
    Type: AWS::CloudFormation::CustomResource
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:000000000000:function:legacy
  Vendor:
    Type: Acme::Billing::Account
  Queue:
    Type: AWS::SQS::Queue
  ImageId:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/image-id
      Type: String
      Value: !GetAtt Lookup.ImageId
  Joined:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /app/joined
      Type: String
      Value: !Sub '\${Legacy.Token}|\${Vendor.AccountNumber}|\${Queue.Arn}|\${Lookup}'
Outputs:
  QueueUrl:
    Value: !Ref Queue
  Token:
    Value: !GetAtt Legacy.Token
`;

describe('resources the engine does not emulate', () => {
  let t: TestEngine;
  beforeEach(() => {
    t = testEngine();
  });
  afterEach(() => t.dispose());
  const parameter = (name: string) => t.account.parameters.get(name)?.value;

  it('give the placeholder for every attribute, in properties, Fn::Sub and outputs, and the stack is created and lists each', async () => {
    const result = await t.engine.create({ stackName: 'app', templateBody: TEMPLATE, templateFile: 'app.yaml' });
    expect(result.reason).toBeUndefined();
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(parameter('/app/image-id')).toBe('<not emulated: Custom::AmiLookup Lookup.ImageId>');
    expect(parameter('/app/joined')).toMatch(/^<not emulated: AWS::CloudFormation::CustomResource Legacy.Token>\|<not emulated: Acme::Billing::Account Vendor.AccountNumber>\|<not emulated: AWS::SQS::Queue Queue.Arn>\|app-Lookup-[A-Za-z0-9]+$/);
    expect(result.outputs.find((output) => output.OutputKey === 'Token')?.OutputValue).toBe('<not emulated: AWS::CloudFormation::CustomResource Legacy.Token>');
    expect(result.notEmulated.filter((entry) => entry.attribute !== undefined).map(({ logicalId, attribute, usedAt }) => `${logicalId}.${attribute!} at ${usedAt!}`)).toEqual([
      'Lookup.ImageId at Resources.ImageId.Properties.Value',
      'Legacy.Token at Resources.Joined.Properties.Value',
      'Vendor.AccountNumber at Resources.Joined.Properties.Value',
      'Queue.Arn at Resources.Joined.Properties.Value',
      'Legacy.Token at Outputs.Token.Value',
    ]);
    expect(t.events.find((event) => event.LogicalResourceId === 'ImageId' && event.ResourceStatus === 'CREATE_COMPLETE')?.ResourceStatusReason).toMatch(/Lookup.ImageId \(Custom::AmiLookup\) at Resources.ImageId.Properties.Value received a placeholder/);
  });

  it('take the values the user supplies instead, for Fn::GetAtt (Logical.Attribute) and Ref (Logical), and an update with new values reaches the later resources', async () => {
    const resourceAttributes = { 'Lookup.ImageId': 'ami-0abc', 'Legacy.Token': 't0k', Lookup: 'lookup-1', 'Vendor.AccountNumber': '42', 'Queue.Arn': 'arn:aws:sqs:us-east-1:000000000000:q', Queue: 'https://sqs/q' };
    const created = await t.engine.create({ stackName: 'app', templateBody: TEMPLATE, templateFile: 'app.yaml', resourceAttributes });
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(parameter('/app/image-id')).toBe('ami-0abc');
    expect(parameter('/app/joined')).toBe('t0k|42|arn:aws:sqs:us-east-1:000000000000:q|lookup-1');
    expect(created.outputs).toEqual([{ OutputKey: 'QueueUrl', OutputValue: 'https://sqs/q' }, { OutputKey: 'Token', OutputValue: 't0k' }]);
    expect(created.notEmulated.filter((entry) => entry.attribute !== undefined)).toEqual([]);
    const updated = await t.engine.update({ stackName: 'app', resourceAttributes: { ...resourceAttributes, 'Lookup.ImageId': 'ami-0def' } });
    expect(updated.status).toBe('UPDATE_COMPLETE');
    expect(parameter('/app/image-id')).toBe('ami-0def');
  });

  it('refuse, before anything is made, a value for a resource the template lacks or one the engine emulates', async () => {
    const error = await t.engine.create({ stackName: 'app', templateBody: TEMPLATE, templateFile: 'app.yaml', resourceAttributes: { 'Lookpu.ImageId': 'x', 'ImageId.Value': 'y' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).problems.map((problem) => problem.message)).toEqual([
      "resource attribute value 'Lookpu.ImageId': the template declares no resource Lookpu (keys are Logical.Attribute, as Fn::GetAtt reads them, or Logical for Ref)",
      "resource attribute value 'ImageId.Value': ImageId (AWS::SSM::Parameter) is emulated by the local engine; its Ref and attributes come from the local resource, so a value given for them would never be read",
    ]);
    expect(t.engine.listStacks()).toEqual([]);
  });
});
