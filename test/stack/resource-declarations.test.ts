// Resource types and property names are checked against CloudFormation's own resource provider
// schemas: what AWS refuses is refused before anything is made, what AWS accepts is accepted.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { testEngine, type TestEngine } from './support/engine.js';

let t: TestEngine;
beforeEach(() => {
  t = testEngine();
});
afterEach(() => t.dispose());

const create = (stackName: string, templateBody: string, parameters: Record<string, string> = {}) =>
  t.engine.create({ stackName, templateBody, templateFile: `${stackName}.yaml`, parameters });

const refusal = async (work: Promise<unknown>) => {
  const error = await work.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SlipwayError);
  return (error as SlipwayError).problems.map((problem) => `${problem.path}: ${problem.message}`);
};

describe('property names', () => {
  it('accepts every property of the type, also those the local provider does not use, and read-only ones', async () => {
    const result = await create('full', `Resources:
  Artifacts:
    Type: AWS::S3::Bucket
    Properties:
      AccelerateConfiguration: { AccelerationStatus: Enabled }
      OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }
      Tags: [{ Key: team, Value: build }]
  Images:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: { Version: '2012-10-17', Statement: [] }
      Tags: [{ Key: team, Value: build }]
  Analytics:
    Type: AWS::CDK::Metadata
    Properties: { Analytics: 'v2:deflate64:H4sIAAAAAAAA' }
`);
    expect(result.status).toBe('CREATE_COMPLETE');
  });

  it('does not check a resource whose Condition is false, which AWS never provisions', async () => {
    const result = await create('conditional', `Parameters:
  WithTopic: { Type: String, Default: 'no' }
Conditions:
  MakeTopic: !Equals [!Ref WithTopic, 'yes']
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Condition: MakeTopic
    Properties: { TopicNme: notes }
  Bucket: { Type: AWS::S3::Bucket }
`);
    expect(result.status).toBe('CREATE_COMPLETE');
    const problems = await refusal(t.engine.update({ stackName: 'conditional', parameters: { WithTopic: 'yes' } }));
    expect(problems).toEqual(['Resources.Topic.Properties.TopicNme: Encountered unsupported property TopicNme (did you mean TopicName?)']);
  });

  it('accepts Properties given as Fn::If, YAML or JSON, and checks the branch the condition picks', async () => {
    const template = (names: string) => `Parameters:
  Stage: { Type: String, Default: test }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Short:
    Type: AWS::SNS::Topic
    Properties: !If [IsProd, { TopicName: ${names}-prod }, { TopicName: ${names}-test }]
  Long:
    Type: AWS::SNS::Topic
    Properties: { "Fn::If": [IsProd, { "TopicNme": "${names}-long-prod" }, { "TopicName": "${names}-long-test" }] }
  Bare:
    Type: AWS::SNS::Topic
    Properties: !If [IsProd, !Ref AWS::NoValue, { TopicName: ${names}-bare-test }]
`;
    const result = await create('branches', template('notes'));
    expect(result.status).toBe('CREATE_COMPLETE');
    const physical = t.engine.describe('branches').Resources.map((resource) => resource.PhysicalResourceId).sort();
    expect(physical.map((id) => id?.split(':').at(-1))).toEqual(['notes-bare-test', 'notes-long-test', 'notes-test']);
    const problems = await refusal(t.engine.update({ stackName: 'branches', templateBody: template('notes'), parameters: { Stage: 'prod' } }));
    expect(problems).toEqual(['Resources.Long.Properties.Fn::If[1].TopicNme: Encountered unsupported property TopicNme (did you mean TopicName?)']);
  });

  it('refuses an update that brings an unsupported property, and leaves the stack as it was', async () => {
    const first = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: kept-bucket }\n';
    await create('kept', first);
    const eventsBefore = t.events.length;
    const problems = await refusal(t.engine.update({ stackName: 'kept', templateBody: first.replace('BucketName: kept-bucket', 'BucketName: kept-bucket, Versioning: on') }));
    expect(problems).toEqual(['Resources.Bucket.Properties.Versioning: Encountered unsupported property Versioning']);
    expect(t.events.length).toBe(eventsBefore);
    expect(t.engine.describe('kept').StackStatus).toBe('CREATE_COMPLETE');
    expect(t.engine.artifacts.listBuckets()).toEqual(['kept-bucket']);
  });

  it('fails a nested stack whose template has an unsupported property, and rolls the parent back', async () => {
    writeFileSync(join(t.home, 'child.yaml'), 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n    Properties: { KeyRotation: true }\n');
    const result = await t.engine.create({
      stackName: 'parent', templateFile: join(t.home, 'parent.yaml'),
      templateBody: 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: child.yaml }\n',
    });
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/Encountered unsupported property KeyRotation/);
  });
});

describe('resource types', () => {
  it('records real AWS types without a provider, custom resources and third-party types as not emulated', async () => {
    const result = await create('others', `Resources:
  Queue: { Type: AWS::SQS::Queue }
  Seed:
    Type: Custom::SeedDatabase
    Properties: { ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:seed' }
  Cluster:
    Type: MongoDB::Atlas::Cluster
    Properties: { Name: app }
  Network:
    Type: MyOrg::Network::Vpc::MODULE
    Properties: { CidrBlock: 10.0.0.0/16 }
`);
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(result.notEmulated.map((entry) => entry.type).sort()).toEqual(['AWS::SQS::Queue', 'Custom::SeedDatabase', 'MongoDB::Atlas::Cluster', 'MyOrg::Network::Vpc::MODULE']);
  });

  it('refuses names in namespaces AWS reserves, and names that are no resource type at all, whatever their Condition', async () => {
    const problems = await refusal(create('reserved', `Conditions:
  Never: !Equals [a, b]
Resources:
  A: { Type: Aws::S3::Bucket }
  B: { Type: Amazon::Thing::Widget }
  C: { Type: Custom::Has Spaces }
  D: { Type: Bucket }
  E: { Type: AWS::Foo::Bar, Condition: Never }
  F: { Type: AWS::S3::Bucket::MODULE }
  G: { Type: MyOrg::Network::Vpc::Module }
`));
    expect(problems).toEqual([
      'Resources.A.Type: Template format error: Unrecognized resource types: [Aws::S3::Bucket] (did you mean AWS::S3::Bucket?)',
      'Resources.B.Type: Template format error: Unrecognized resource types: [Amazon::Thing::Widget]',
      'Resources.C.Type: Template format error: Unrecognized resource types: [Custom::Has Spaces]',
      'Resources.D.Type: Template format error: Unrecognized resource types: [Bucket]',
      'Resources.E.Type: Template format error: Unrecognized resource types: [AWS::Foo::Bar]',
      'Resources.F.Type: Template format error: Unrecognized resource types: [AWS::S3::Bucket::MODULE]',
      'Resources.G.Type: Template format error: Unrecognized resource types: [MyOrg::Network::Vpc::Module]',
    ]);
    expect(t.engine.listStacks()).toEqual([]);
    expect(t.events).toEqual([]);
  });
});
