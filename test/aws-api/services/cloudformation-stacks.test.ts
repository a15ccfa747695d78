// CloudFormation stacks through the local endpoint's handlers, on the account's engine: calls
// answer at once and the operation runs on as a background task; DescribeStacks, events (newest
// first, paged), resources, templates, exports; CloudFormation's errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, TEST_ENDPOINT, type ApiHarness } from './support/api-harness.js';
import { FAILING_TEMPLATE, parametersTemplate, roleTemplate } from './support/templates.js';

let api: ApiHarness;
const cfn = (operation: string, input: Record<string, unknown> = {}) => api.call('cloudformation', operation, input);
type Stack = {
  StackId: string; StackName: string; StackStatus: string; Parameters: { ParameterKey: string; ParameterValue: string }[];
  Outputs?: { OutputKey: string; OutputValue: string; ExportName?: string }[]
} & Record<string, unknown>;
const describeStack = async (name: string) => ((await cfn('DescribeStacks', { StackName: name })) as { Stacks: Stack[] }).Stacks[0]!;

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('CreateStack', () => {
  it('answers with the StackId while the stack is CREATE_IN_PROGRESS, and creates it in the background', async () => {
    const { StackId } = (await cfn('CreateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha', 'Beta']), Parameters: [{ ParameterKey: 'Prefix', ParameterValue: 'x' }] })) as { StackId: string };
    expect(StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/app\/[0-9a-f-]{36}$/);
    expect((await describeStack('app')).StackStatus).toBe('CREATE_IN_PROGRESS');
    expect(api.tasks.names).toEqual(['CreateStack app']);
    await api.tasks.settled();
    expect(api.tasks.failures).toEqual([]);
    const stack = await describeStack('app');
    expect(stack).toMatchObject({
      StackId, StackName: 'app', StackStatus: 'CREATE_COMPLETE', Description: 'parameters for handler tests', CreationTime: expect.any(Date), DisableRollback: false,
      Outputs: [{ OutputKey: 'First', OutputValue: 'x-Alpha', ExportName: 'app-first' }], DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    });
    expect(stack.Parameters).toEqual(expect.arrayContaining([{ ParameterKey: 'Prefix', ParameterValue: 'x' }, { ParameterKey: 'Secret', ParameterValue: '****' }]));
    expect(api.account.parameters.get((await cfn('DescribeStackResources', { StackName: 'app', LogicalResourceId: 'Alpha' }) as { StackResources: { PhysicalResourceId: string }[] }).StackResources[0]!.PhysicalResourceId)?.value).toBe('x-Alpha');
  });

  it('refuses an existing name, a missing template, both template members and a template with errors', async () => {
    await cfn('CreateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha']) });
    await expect(cfn('CreateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha']) })).rejects.toMatchObject({ code: 'AlreadyExistsException', message: expect.stringContaining('Stack [app] already exists') });
    await expect(cfn('CreateStack', { StackName: 'other' })).rejects.toMatchObject({ code: 'ValidationError', message: 'Either Template URL or Template Body must be specified.' });
    await expect(cfn('CreateStack', { StackName: 'other', TemplateBody: 'Resources: {}', TemplateURL: `${TEST_ENDPOINT}/b/k` })).rejects.toMatchObject({ code: 'ValidationError' });
    await expect(cfn('CreateStack', { StackName: 'other', TemplateBody: 'Resources:\n  X:\n    Type: AWS::Nope::Thing\n' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('AWS::Nope::Thing') });
    await expect(cfn('CreateStack', { StackName: '1bad', TemplateBody: parametersTemplate(['Alpha']) })).rejects.toMatchObject({ code: 'ValidationError' });
    await expect(cfn('CreateStack', { TemplateBody: parametersTemplate(['Alpha']) })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining("at 'stackName'") });
    expect(api.account.stacks.listStacks().map((stack) => stack.stackName)).toEqual(['app']);
  });

  it('needs CAPABILITY_IAM for IAM resources, and CAPABILITY_NAMED_IAM when they are named', async () => {
    await expect(cfn('CreateStack', { StackName: 'roles', TemplateBody: roleTemplate() })).rejects.toMatchObject({ code: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });
    await expect(cfn('CreateStack', { StackName: 'roles', TemplateBody: roleTemplate('ci'), Capabilities: ['CAPABILITY_IAM'] })).rejects.toMatchObject({ message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]' });
    await cfn('CreateStack', { StackName: 'roles', TemplateBody: roleTemplate(), Capabilities: ['CAPABILITY_NAMED_IAM'] });
    await api.tasks.settled();
    expect((await describeStack('roles')).StackStatus).toBe('CREATE_COMPLETE');
  });

  it('reads a TemplateURL naming an object in a local bucket, path-style at this endpoint or an S3 URL', async () => {
    api.account.buckets.createBucket('templates');
    api.account.buckets.putObject('templates', 'dir/app one.yaml', parametersTemplate(['Alpha']));
    await cfn('CreateStack', { StackName: 'by-endpoint', TemplateURL: `${TEST_ENDPOINT}/templates/dir/app%20one.yaml` });
    await cfn('CreateStack', { StackName: 'by-s3-url', TemplateURL: 'https://templates.s3.us-east-1.amazonaws.com/dir/app%20one.yaml' });
    await cfn('CreateStack', { StackName: 'by-localhost', TemplateURL: `${TEST_ENDPOINT.replace('127.0.0.1', 'localhost')}/templates/dir/app%20one.yaml` });
    await api.tasks.settled();
    expect((await describeStack('by-endpoint')).StackStatus).toBe('CREATE_COMPLETE');
    expect((await describeStack('by-s3-url')).StackStatus).toBe('CREATE_COMPLETE');
    expect((await describeStack('by-localhost')).StackStatus).toBe('CREATE_COMPLETE');
    await expect(cfn('CreateStack', { StackName: 'missing', TemplateURL: `${TEST_ENDPOINT}/templates/nothing.yaml` })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('S3 error') });
    await expect(cfn('CreateStack', { StackName: 'other-port', TemplateURL: 'http://127.0.0.1:9/templates/dir/app%20one.yaml' })).rejects.toMatchObject({ code: 'ValidationError' });
    await expect(cfn('CreateStack', { StackName: 'elsewhere', TemplateURL: 'https://example.com/t.yaml' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('TemplateURL must be a supported URL') });
  });

  it('rolls a failed create back to ROLLBACK_COMPLETE, and with OnFailure DELETE deletes it', async () => {
    await cfn('CreateStack', { StackName: 'fails', TemplateBody: FAILING_TEMPLATE });
    const { StackId } = (await cfn('CreateStack', { StackName: 'fails-deleted', TemplateBody: FAILING_TEMPLATE.replaceAll('/same/name', '/other/name'), OnFailure: 'DELETE' })) as { StackId: string };
    await api.tasks.settled();
    expect((await describeStack('fails')).StackStatus).toBe('ROLLBACK_COMPLETE');
    expect((await describeStack(StackId)).StackStatus).toBe('DELETE_COMPLETE');
    await expect(describeStack('fails-deleted')).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id fails-deleted does not exist' });
    await expect(cfn('CreateStack', { StackName: 'x', TemplateBody: FAILING_TEMPLATE, OnFailure: 'DELETE', DisableRollback: true })).rejects.toMatchObject({ code: 'ValidationError' });
  });
});

describe('UpdateStack and DeleteStack', () => {
  beforeEach(async () => {
    await cfn('CreateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha']), Parameters: [{ ParameterKey: 'Prefix', ParameterValue: 'x' }] });
    await api.tasks.settled();
  });

  it('updates in the background; a template that changes nothing is "No updates are to be performed."', async () => {
    const { StackId } = (await cfn('UpdateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha', 'Beta']), Parameters: [{ ParameterKey: 'Prefix', UsePreviousValue: true }] })) as { StackId: string };
    expect((await describeStack('app')).StackStatus).toBe('UPDATE_IN_PROGRESS');
    await api.tasks.settled();
    expect(await describeStack(StackId)).toMatchObject({ StackStatus: 'UPDATE_COMPLETE', LastUpdatedTime: expect.any(Date), Outputs: [expect.objectContaining({ OutputValue: 'x-Alpha' })] });
    await expect(cfn('UpdateStack', { StackName: 'app', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Prefix', UsePreviousValue: true }, { ParameterKey: 'Secret', UsePreviousValue: true }] }))
      .rejects.toMatchObject({ code: 'ValidationError', message: 'No updates are to be performed.' });
  });

  it('gives a parameter not passed its Default on update, as CloudFormation does', async () => {
    await cfn('UpdateStack', { StackName: 'app', UsePreviousTemplate: true });
    await api.tasks.settled();
    expect(await describeStack('app')).toMatchObject({ StackStatus: 'UPDATE_COMPLETE', Outputs: [expect.objectContaining({ OutputValue: 'p-Alpha' })] });
    await expect(cfn('UpdateStack', { StackName: 'app', TemplateBody: 'Parameters:\n  Needed: { Type: String }\nResources:\n  P: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: !Ref Needed } }\n' }))
      .rejects.toMatchObject({ code: 'ValidationError', message: 'Parameters: [Needed] must have values' });
    await expect(cfn('UpdateStack', { StackName: 'nope', UsePreviousTemplate: true })).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id nope does not exist' });
  });

  it('deletes in the background; the deleted stack is found by its id only; deleting what is not there succeeds', async () => {
    const { StackId } = await describeStack('app');
    expect(await cfn('DeleteStack', { StackName: 'app' })).toEqual({});
    expect((await describeStack(StackId)).StackStatus).toBe('DELETE_IN_PROGRESS');
    await api.tasks.settled();
    expect(await describeStack(StackId)).toMatchObject({ StackStatus: 'DELETE_COMPLETE', DeletionTime: expect.any(Date) });
    await expect(cfn('DescribeStacks', { StackName: 'app' })).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id app does not exist' });
    expect(await cfn('DeleteStack', { StackName: 'app' })).toEqual({});
    expect(await cfn('DeleteStack', { StackName: StackId })).toEqual({});
    expect(api.tasks.names.filter((name) => name.startsWith('DeleteStack'))).toHaveLength(1);
    expect(((await cfn('DescribeStacks')) as { Stacks: unknown[] }).Stacks).toEqual([]);
  });
});

describe('what CloudFormation tells about stacks', () => {
  it('pages DescribeStackEvents newest first, 100 a page, without repeating events added between pages', async () => {
    const names = Array.from({ length: 60 }, (_, index) => `P${index}`);
    await cfn('CreateStack', { StackName: 'big', TemplateBody: parametersTemplate(names) });
    await api.tasks.settled();
    const first = (await cfn('DescribeStackEvents', { StackName: 'big' })) as { StackEvents: { EventId: string; Timestamp: Date; LogicalResourceId: string; ResourceStatus: string }[]; NextToken?: string };
    expect(first.StackEvents).toHaveLength(100);
    expect(first.StackEvents[0]).toMatchObject({ LogicalResourceId: 'big', ResourceStatus: 'CREATE_COMPLETE' });
    // Newer events arrive (an update) before the next page is asked for.
    await cfn('UpdateStack', { StackName: 'big', TemplateBody: parametersTemplate(names, { value: 'changed' }) });
    await api.tasks.settled();
    const second = (await cfn('DescribeStackEvents', { StackName: 'big', NextToken: first.NextToken })) as typeof first;
    expect(second.NextToken).toBeUndefined();
    const all = [...first.StackEvents, ...second.StackEvents];
    expect(new Set(all.map((event) => event.EventId)).size).toBe(all.length);
    expect(all.at(-1)).toMatchObject({ LogicalResourceId: 'big', ResourceStatus: 'CREATE_IN_PROGRESS' });
    // The create's events only: the stack's two and two per resource.
    expect(all.length).toBe(2 + names.length * 2);
    for (let index = 1; index < all.length; index++) expect(all[index - 1]!.Timestamp.getTime()).toBeGreaterThanOrEqual(all[index]!.Timestamp.getTime());
  });

  it('lists resources, finds a stack by a physical id, and gives back the template as it was given', async () => {
    const template = parametersTemplate(['Alpha', 'Beta']);
    await cfn('CreateStack', { StackName: 'app', TemplateBody: template });
    await api.tasks.settled();
    const listed = (await cfn('ListStackResources', { StackName: 'app' })) as { StackResourceSummaries: { LogicalResourceId: string; PhysicalResourceId: string; ResourceType: string; ResourceStatus: string; LastUpdatedTimestamp: Date }[] };
    expect(listed.StackResourceSummaries.map((resource) => [resource.LogicalResourceId, resource.ResourceType, resource.ResourceStatus])).toEqual([
      ['Alpha', 'AWS::SSM::Parameter', 'CREATE_COMPLETE'], ['Beta', 'AWS::SSM::Parameter', 'CREATE_COMPLETE'],
    ]);
    const physicalId = listed.StackResourceSummaries[1]!.PhysicalResourceId;
    const found = (await cfn('DescribeStackResources', { PhysicalResourceId: physicalId })) as { StackResources: { StackName: string; LogicalResourceId: string; Timestamp: Date }[] };
    expect(found.StackResources).toEqual([expect.objectContaining({ StackName: 'app', LogicalResourceId: 'Beta', Timestamp: expect.any(Date) })]);
    await expect(cfn('DescribeStackResources', {})).rejects.toMatchObject({ code: 'ValidationError' });
    expect(await cfn('GetTemplate', { StackName: 'app' })).toEqual({ TemplateBody: template, StagesAvailable: ['Original', 'Processed'] });
    await expect(cfn('GetTemplate', { StackName: 'nope' })).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id nope does not exist' });
  });

  it('lists stacks, deleted ones too, by status filter, and the exports of live stacks', async () => {
    await cfn('CreateStack', { StackName: 'kept', TemplateBody: parametersTemplate(['Alpha']) });
    await cfn('CreateStack', { StackName: 'gone', TemplateBody: parametersTemplate(['Beta']) });
    await api.tasks.settled();
    await cfn('DeleteStack', { StackName: 'gone' });
    await api.tasks.settled();
    const all = (await cfn('ListStacks')) as { StackSummaries: { StackName: string; StackStatus: string; TemplateDescription?: string }[] };
    expect(all.StackSummaries.map((stack) => [stack.StackName, stack.StackStatus])).toEqual([['gone', 'DELETE_COMPLETE'], ['kept', 'CREATE_COMPLETE']]);
    expect(all.StackSummaries[0]!.TemplateDescription).toBe('parameters for handler tests');
    const live = (await cfn('ListStacks', { StackStatusFilter: ['CREATE_COMPLETE'] })) as typeof all;
    expect(live.StackSummaries.map((stack) => stack.StackName)).toEqual(['kept']);
    const { StackId } = await describeStack('kept');
    expect(await cfn('ListExports')).toEqual({ Exports: [{ ExportingStackId: StackId, Name: 'kept-first', Value: 'p-Alpha' }] });
  });
});

describe('ValidateTemplate', () => {
  it('gives the parameters, description and the capabilities a template needs', async () => {
    expect(await cfn('ValidateTemplate', { TemplateBody: parametersTemplate(['Alpha']) })).toEqual({
      Parameters: [{ ParameterKey: 'Prefix', DefaultValue: 'p', NoEcho: false }, { ParameterKey: 'Secret', DefaultValue: 'hidden', NoEcho: true }],
      Description: 'parameters for handler tests', DeclaredTransforms: [],
    });
    expect(await cfn('ValidateTemplate', { TemplateBody: roleTemplate('named') })).toMatchObject({
      Capabilities: ['CAPABILITY_NAMED_IAM'], CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
    });
  });

  it('answers a template it cannot read with "Template format error"', async () => {
    await expect(cfn('ValidateTemplate', { TemplateBody: 'Resources:\n  A: [unclosed\n' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringMatching(/^Template format error: /) });
    await expect(cfn('ValidateTemplate', { TemplateBody: 'Resources:\n  A:\n    Type: AWS::Nope::Thing\n' })).rejects.toMatchObject({ message: expect.stringContaining('Template format error: Unrecognized resource types: [AWS::Nope::Thing]') });
    await expect(cfn('ValidateTemplate', { TemplateBody: 'x'.repeat(51_201) })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('51200') });
  });
});
