// Stacks reading each other: Fn::GetStackOutput in both forms (a weak reference, no export
// needed), Fn::ImportValue (a strong one); nested stacks that would contain themselves.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngine, type TestEngine } from './support/engine.js';

const PRODUCER = `Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: shared-events }
Outputs:
  TopicArn:
    Value: !Ref Topic
  TopicName:
    Value: !GetAtt Topic.TopicName
`;

const CONSUMER = `Parameters:
  Producer: { Type: String, Default: producer }
Resources:
  Long:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /consumer/long
      Type: String
      Value:
        Fn::GetStackOutput:
          StackName: !Ref Producer
          OutputName: TopicArn
  Short:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /consumer/short
      Type: String
      Value: !GetStackOutput { StackName: producer, OutputName: TopicName, Region: us-east-1 }
`;

describe('Fn::GetStackOutput between local stacks', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    expect((await t.engine.create({ stackName: 'producer', templateBody: PRODUCER, templateFile: 'producer.yaml' })).status).toBe('CREATE_COMPLETE');
  });
  afterAll(() => t.dispose());

  it('reads the producer\'s outputs in the long and the short form, without any export', async () => {
    const result = await t.engine.create({ stackName: 'consumer', templateBody: CONSUMER, templateFile: 'consumer.yaml' });
    expect(result.status).toBe('CREATE_COMPLETE');
    const table = t.account.parameters;
    expect(table.get('/consumer/long')?.value).toBe('arn:aws:sns:us-east-1:000000000000:shared-events');
    expect(table.get('/consumer/short')?.value).toBe('shared-events');
    // A weak reference: the producer can still be deleted (CloudFormation tracks no dependency).
    expect((await t.engine.delete('consumer'))?.status).toBe('DELETE_COMPLETE');
  });

  it('fails the resource that reads a stack that does not exist, and rolls back', async () => {
    const result = await t.engine.create({ stackName: 'orphan', templateBody: CONSUMER, templateFile: 'consumer.yaml', parameters: { Producer: 'nowhere' } });
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/consumer.yaml:11:11 Resources.Long.Properties.Value.Fn::GetStackOutput: Fn::GetStackOutput: Stack with id nowhere does not exist/);
    await t.engine.delete('orphan');
  });

  it('names the outputs the stack has when the output does not exist', async () => {
    const result = await t.engine.create({ stackName: 'typo', templateBody: CONSUMER.replace('OutputName: TopicArn', 'OutputName: TopicRan'), templateFile: 'consumer.yaml' });
    expect(result.reason).toMatch(/stack producer has no output named TopicRan \(its outputs are TopicArn, TopicName\)/);
    await t.engine.delete('typo');
  });

  it('refuses a Region other than the local one before anything is made', async () => {
    const error = await t.engine.create({ stackName: 'far', templateBody: CONSUMER.replace('Region: us-east-1', 'Region: eu-west-1'), templateFile: 'consumer.yaml' }).catch((caught: unknown) => caught as Error);
    expect((error as Error).message).toMatch(/^Fn::GetStackOutput: Region 'eu-west-1' is another region; local stacks all live in one region \('us-east-1'\)/);
    expect(t.engine.listStacks().map((stack) => stack.stackName)).toEqual(['producer']);
  });
});

describe('nested stacks that would never end', () => {
  let t: TestEngine;
  let dir: string;
  beforeAll(() => {
    t = testEngine();
    dir = mkdtempSync(join(tmpdir(), 'slipway-nested-'));
    writeFileSync(join(dir, 'self.yaml'), 'Resources:\n  Self:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./self.yaml\n');
    writeFileSync(join(dir, 'a.yaml'), 'Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./b.yaml\n');
    writeFileSync(join(dir, 'b.yaml'), 'Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./a.yaml\n');
    // Each level gets another parameter value, so only the depth limit stops it.
    writeFileSync(join(dir, 'deeper.yaml'), 'Parameters:\n  Level: { Type: String, Default: x }\nResources:\n  Next:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./deeper.yaml\n      Parameters: { Level: !Sub "${Level}x" }\n');
  });
  afterAll(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (name: string) => t.engine.create({ stackName: name, templateBody: readFileSync(join(dir, `${name}.yaml`), 'utf8'), templateFile: join(dir, `${name}.yaml`) });

  it('a template that nests itself is refused at the first level, and nothing is left', async () => {
    const result = await create('self');
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/^TemplateURL \.\/self\.yaml is the template of stack self, which already contains Self, with the same parameters: the stack would contain itself without end/);
    expect(t.engine.listStacks().filter((stack) => stack.status !== 'ROLLBACK_COMPLETE')).toEqual([]);
  });

  it('two templates that nest each other are refused at the second level', async () => {
    const result = await create('a');
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/TemplateURL \.\/a\.yaml is the template of stack a, which already contains A/);
  });

  it('a recursion with changing parameters stops at 16 levels, with a message naming the limit', async () => {
    const result = await create('deeper');
    expect(result.status).toBe('ROLLBACK_COMPLETE');
    expect(result.reason).toMatch(/nested stack Next would be nested 17 levels deep; the local engine stops at 16/);
    expect(t.engine.listStacks().filter((stack) => stack.status !== 'ROLLBACK_COMPLETE' && stack.status !== 'DELETE_COMPLETE')).toEqual([]);
  });
});
