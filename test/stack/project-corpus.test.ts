// Templates in the shapes real projects use beyond pipelines (test/cloudformation/templates/
// projects), each with the outcome CloudFormation documents for it: custom resources feeding later
// resources, stacks reading each other by export and by Fn::GetStackOutput, AWS::LanguageExtensions,
// modules and third-party types, conditions on outputs, resource Descriptions, a SAM transform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import type { StackOperationResult } from '../../src/local/stack/index.js';
import { corpusTemplate, testEngine, type TestEngine } from './support/engine.js';

const project = (name: string) => corpusTemplate(`projects/${name}`);
const outputsOf = (result: StackOperationResult | undefined) => Object.fromEntries((result?.outputs ?? [])
  .map((output) => [output.OutputKey, output.OutputValue]));

describe('the project corpus', () => {
  let t: TestEngine;
  beforeAll(() => {
    t = testEngine();
  });
  afterAll(() => t.dispose());
  const parameter = (name: string) => t.account.parameters.get(name)?.value;

  it('custom-resource-lookup.yaml: the custom resource\'s attribute reaches a later resource as a placeholder, or as the value the user chose; the Condition adds an export', async () => {
    const created = await t.engine.create({ stackName: 'lookup', ...project('custom-resource-lookup.yaml') });
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(parameter('/dev/app/image-id')).toBe('<not emulated: Custom::ImageLookup ImageLookup.ImageId>');
    expect(created.notEmulated.filter((entry) => entry.attribute === undefined).map((entry) => entry.logicalId)).toEqual(['LookupFunction', 'ImageLookup']);
    expect(Object.keys(outputsOf(created))).toEqual(['ImageId']);
    const updated = await t.engine.update({ stackName: 'lookup', parameters: { Stage: 'prod' }, resourceAttributes: { 'ImageLookup.ImageId': 'ami-0123456789abcdef0', ImageLookup: 'lookup-2026' } });
    expect(updated.status).toBe('UPDATE_COMPLETE');
    expect(parameter('/prod/app/image-id')).toBe('ami-0123456789abcdef0');
    expect(parameter('/prod/app/lookup')).toBe('lookup lookup-2026 gave ami-0123456789abcdef0');
    expect(updated.outputs).toContainEqual({ OutputKey: 'ProdImageId', OutputValue: 'ami-0123456789abcdef0', ExportName: 'lookup-ImageId' });
    expect((await t.engine.delete('lookup'))?.status).toBe('DELETE_COMPLETE');
  });

  it('network-producer.yaml and network-consumer.yaml: one stack reads the other by export and by Fn::GetStackOutput in both forms', async () => {
    const producer = await t.engine.create({ stackName: 'network', ...project('network-producer.yaml') });
    expect(producer.status).toBe('CREATE_COMPLETE');
    expect(outputsOf(producer)).toMatchObject({ SubnetCidr: '10.20.0.0/24', NetworkParameter: '/network/name' });
    const consumer = await t.engine.create({ stackName: 'consumer', ...project('network-consumer.yaml') });
    expect(consumer.status).toBe('CREATE_COMPLETE');
    expect(parameter('/consumer/vpc-id')).toBe(outputsOf(producer).VpcId);
    expect(parameter('/consumer/subnet-cidr')).toBe('10.20.0.0/24');
    expect(parameter('/consumer/network-parameter')).toBe('/network/name');
    expect((await t.engine.delete('consumer'))?.status).toBe('DELETE_COMPLETE');
    expect((await t.engine.delete('network'))?.status).toBe('DELETE_COMPLETE');
  });

  it('language-extensions.yaml: Fn::Length, Fn::ToJsonString, FindInMap DefaultValue, and a DeletionPolicy from Fn::If that keeps the production settings', async () => {
    const created = await t.engine.create({ stackName: 'extensions', ...project('language-extensions.yaml') });
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(JSON.parse(parameter('/prod/settings')!)).toEqual({ teams: ['build', 'deploy', 'test'], teamCount: 3, retentionDays: '30' });
    expect(outputsOf(created)).toEqual({ TeamCount: '3' });
    expect((await t.engine.delete('extensions'))?.status).toBe('DELETE_COMPLETE');
    expect(t.events.filter((event) => event.StackName === 'extensions' && event.ResourceStatus === 'DELETE_SKIPPED').map((event) => event.LogicalResourceId)).toEqual(['Settings']);
    expect(parameter('/prod/settings')).toBeDefined();
  });

  it('module-and-conditions.yaml: a module and a third-party type are recorded as not emulated; outputs follow their Conditions', async () => {
    const created = await t.engine.create({ stackName: 'modules', ...project('module-and-conditions.yaml') });
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(Object.keys(outputsOf(created))).toEqual(['EventsTopic']);
    expect(created.notEmulated).toEqual([{ logicalId: 'Network', type: 'Acme::Network::Baseline::MODULE' }]);
    const alarms = await t.engine.update({ stackName: 'modules', parameters: { WithAlarms: 'true' } });
    expect(alarms.status).toBe('UPDATE_COMPLETE');
    expect(outputsOf(alarms)).toMatchObject({ MonitorId: '<not emulated: Acme::Alerts::Monitor Monitor.Id>' });
    expect(outputsOf(alarms).AlertsTopic).toMatch(/^arn:aws:sns:us-east-1:000000000000:modules-Alerts-/);
    expect((await t.engine.delete('modules'))?.status).toBe('DELETE_COMPLETE');
  });

  it('codestar-described.yaml: a Description on every resource is accepted, as CloudFormation accepts it', async () => {
    const created = await t.engine.create({ stackName: 'codestar', ...project('codestar-described.yaml') });
    expect(created.status).toBe('CREATE_COMPLETE');
    expect(outputsOf(created).CloneUrl).toMatch(/^file:\/\/.*demo/);
    expect((await t.engine.delete('codestar'))?.status).toBe('DELETE_COMPLETE');
  });

  it('serverless-function.yaml: the SAM transform is a macro, refused before anything is made', async () => {
    const error = await t.engine.create({ stackName: 'sam', ...project('serverless-function.yaml') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).problems).toEqual([expect.objectContaining({ line: 2, path: 'Transform', message: expect.stringMatching(/^Transform AWS::Serverless-2016-10-31 is a macro, which is not run locally/) })]);
    expect(t.engine.listStacks().map((stack) => stack.stackName)).toEqual([]);
  });
});
