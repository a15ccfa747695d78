// Change sets on the local engine, compared with the shapes AWS documents for DescribeChangeSet:
// Add, Modify in place, Modify with replacement (static and conditional), Remove, and a change set
// with no changes; creating one changes nothing, executing one runs the create or update.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import type { Change } from '../../src/local/stack/index.js';
import { testEngine, type TestEngine } from './support/engine.js';

let t: TestEngine;
beforeEach(() => {
  t = testEngine();
});
afterEach(() => t.dispose());

const template = (options: { bucketName?: string; display?: string; keepOld?: boolean; retainOld?: boolean; withQueue?: boolean } = {}) => `Parameters:
  Label: { Type: String, Default: one }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { ${options.bucketName ? `BucketName: ${options.bucketName}` : ''} }
  Topic:
    Type: AWS::SNS::Topic
    Properties: { DisplayName: ${options.display ?? 'first'}, TopicName: !Sub '\${Label}-topic' }
  Reader:
    Type: AWS::SSM::Parameter
    Properties: { Name: /cs/reader, Type: String, Value: !Ref Bucket }
${options.keepOld === false ? '' : `  Old:\n    Type: AWS::SSM::Parameter\n${options.retainOld ? '    DeletionPolicy: Retain\n' : ''}    Properties: { Name: /cs/old, Type: String, Value: x }\n`}${options.withQueue ? '  Extra:\n    Type: AWS::SSM::Parameter\n    Properties: { Name: /cs/extra, Type: String, Value: y }\n' : ''}`;

const changeOf = (changes: Change[], id: string) => changes.find((change) => change.ResourceChange.LogicalResourceId === id)?.ResourceChange;

describe('a CREATE change set', () => {
  it('makes the stack in REVIEW_IN_PROGRESS with every resource to Add, creates nothing, and executing it creates the stack', async () => {
    const record = t.account.changeSets.create({ stackName: 'cs', templateBody: template(), changeSetName: 'first', changeSetType: 'CREATE' });
    expect(record).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', ChangeSetType: 'CREATE', ChangeSetId: expect.stringMatching(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/first\/[\w-]+$/) });
    expect(record.Changes.map((change) => `${change.ResourceChange.Action} ${change.ResourceChange.LogicalResourceId}`).sort()).toEqual(['Add Bucket', 'Add Old', 'Add Reader', 'Add Topic']);
    expect(t.engine.describe('cs')).toMatchObject({ StackStatus: 'REVIEW_IN_PROGRESS', Resources: [] });
    expect(t.engine.artifacts.listBuckets()).toEqual([]);
    const result = await t.account.changeSets.execute('first', 'cs');
    expect(result.status).toBe('CREATE_COMPLETE');
    expect(t.engine.describe('cs').Resources).toHaveLength(4);
    // Executing a change set ends the stack's change sets (they are kept "until you update the stack").
    expect(t.account.changeSets.list('cs')).toEqual([]);
  });

  it('is refused for a stack that exists, and a template problem leaves no stack behind', async () => {
    await t.engine.create({ stackName: 'cs', templateBody: template() });
    expect(() => t.account.changeSets.create({ stackName: 'cs', templateBody: template(), changeSetName: 'again', changeSetType: 'CREATE' })).toThrow('Stack [cs] already exists and cannot be created again with the changeSet [again].');
    expect(() => t.account.changeSets.create({ stackName: 'broken', templateBody: 'Resources:\n  A: { Type: AWS::SNS::Topic, Properties: { DisplayName: !Ref Missing } }\n', changeSetName: 'c', changeSetType: 'CREATE' })).toThrow(SlipwayError);
    expect(t.engine.listStacks().map((stack) => stack.stackName)).toEqual(['cs']);
  });
});

describe('an UPDATE change set', () => {
  beforeEach(async () => {
    await t.engine.create({ stackName: 'cs', templateBody: template({ retainOld: true }) });
  });

  it('shows each kind of change in AWS\'s shape and changes nothing until executed', async () => {
    const before = t.engine.describe('cs').Resources;
    const record = t.account.changeSets.create({ stackName: 'cs', templateBody: template({ bucketName: 'cs-new-bucket', display: 'second', keepOld: false, withQueue: true }), parameters: { Label: 'two' }, changeSetName: 'mixed', changeSetType: 'UPDATE' });
    expect(record.Status).toBe('CREATE_COMPLETE');
    const bucket = changeOf(record.Changes, 'Bucket')!;
    expect(bucket).toMatchObject({ Action: 'Modify', Replacement: 'True', Scope: ['Properties'], PhysicalResourceId: before.find((r) => r.LogicalResourceId === 'Bucket')!.PhysicalResourceId });
    expect(bucket.Details).toEqual([{ Target: { Attribute: 'Properties', Name: 'BucketName', RequiresRecreation: 'Always', Path: '/Properties/BucketName', AttributeChangeType: 'Add' }, Evaluation: 'Static', ChangeSource: 'DirectModification' }]);
    const topic = changeOf(record.Changes, 'Topic')!;
    expect(topic).toMatchObject({ Action: 'Modify', Replacement: 'True', Scope: ['Properties'] });
    expect(topic.Details).toEqual(expect.arrayContaining([
      expect.objectContaining({ Target: expect.objectContaining({ Name: 'DisplayName', RequiresRecreation: 'Never' }), Evaluation: 'Static', ChangeSource: 'DirectModification' }),
      expect.objectContaining({ Target: expect.objectContaining({ Name: 'TopicName', RequiresRecreation: 'Always' }), Evaluation: 'Static', ChangeSource: 'ParameterReference' }),
    ]));
    // Reader reads the bucket's name, which the replacement changes: known only when it runs.
    expect(changeOf(record.Changes, 'Reader')).toMatchObject({
      Action: 'Modify', Replacement: 'False',
      Details: [{ Target: { Attribute: 'Properties', Name: 'Value', RequiresRecreation: 'Never', Path: '/Properties/Value', AttributeChangeType: 'Modify' }, Evaluation: 'Dynamic', ChangeSource: 'ResourceReference', CausingEntity: 'Bucket' }],
    });
    expect(changeOf(record.Changes, 'Old')).toMatchObject({ Action: 'Remove', PolicyAction: 'Retain', PhysicalResourceId: '/cs/old' });
    expect(changeOf(record.Changes, 'Extra')).toMatchObject({ Action: 'Add', ResourceType: 'AWS::SSM::Parameter' });
    expect(t.engine.describe('cs')).toMatchObject({ StackStatus: 'CREATE_COMPLETE', Resources: before });
    const result = await t.account.changeSets.execute(record.ChangeSetId);
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(t.engine.artifacts.listBuckets()).toEqual(['cs-new-bucket']);
    expect(t.account.parameters.get('/cs/reader')?.value).toBe('cs-new-bucket');
  });

  it('marks a replacement Conditional when a replacing property reads a resource that is itself replaced', async () => {
    const named = (name: string) => template({ keepOld: false }).replace('/cs/reader', '/chain/reader').replace('Properties: { DisplayName: first', `Properties: { DisplayName: first, Tags: [{ Key: b, Value: x }]`).replace("TopicName: !Sub '${Label}-topic'", `TopicName: !Sub '\${Label}-\${Bucket}'`).replace('Properties: {  }', `Properties: { BucketName: ${name} }`);
    expect((await t.engine.create({ stackName: 'chain', templateBody: named('cs-bucket-a') })).status).toBe('CREATE_COMPLETE');
    const record = t.account.changeSets.create({ stackName: 'chain', templateBody: named('cs-bucket-b'), changeSetName: 'chain', changeSetType: 'UPDATE' });
    expect(changeOf(record.Changes, 'Bucket')).toMatchObject({ Replacement: 'True' });
    expect(changeOf(record.Changes, 'Topic')).toMatchObject({ Replacement: 'Conditional', Details: [expect.objectContaining({ Evaluation: 'Dynamic', CausingEntity: 'Bucket', Target: expect.objectContaining({ Name: 'TopicName', RequiresRecreation: 'Always' }) })] });
  });

  it('with no changes is FAILED with CloudFormation\'s reason, and cannot be executed', async () => {
    const record = t.account.changeSets.create({ stackName: 'cs', templateBody: template({ retainOld: true }), changeSetName: 'same', changeSetType: 'UPDATE' });
    expect(record).toMatchObject({ Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE', StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.", Changes: [] });
    await expect(t.account.changeSets.execute('same', 'cs')).rejects.toThrow(/InvalidChangeSetStatus|cannot be executed in its current status of \[FAILED\]/);
  });

  it('is found by name and by ARN, unique per stack, and gone once deleted', () => {
    const record = t.account.changeSets.create({ stackName: 'cs', templateBody: template({ display: 'x', retainOld: true }), changeSetName: 'named', changeSetType: 'UPDATE' });
    expect(t.account.changeSets.describe('named', 'cs').ChangeSetId).toBe(record.ChangeSetId);
    expect(t.account.changeSets.describe(record.ChangeSetId).ChangeSetName).toBe('named');
    expect(() => t.account.changeSets.create({ stackName: 'cs', templateBody: template({ display: 'y', retainOld: true }), changeSetName: 'named', changeSetType: 'UPDATE' })).toThrow('ChangeSet [named] already exists');
    t.account.changeSets.delete(record.ChangeSetId);
    expect(() => t.account.changeSets.describe('named', 'cs')).toThrow('ChangeSet [named] does not exist');
  });
});
