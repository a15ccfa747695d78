// Change sets through the local endpoint's handlers, the way `slipway deploy` uses them:
// ValidateTemplate, CreateChangeSet (CREATE, then UPDATE), DescribeChangeSet, ExecuteChangeSet in
// the background, a change set without changes, DeleteChangeSet; with CloudFormation's errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';
import { parametersTemplate, roleTemplate } from './support/templates.js';

let api: ApiHarness;
const cfn = (operation: string, input: Record<string, unknown> = {}) => api.call('cloudformation', operation, input);
type ChangeSet = {
  ChangeSetId: string; Status: string; StatusReason?: string; ExecutionStatus: string;
  Changes: { ResourceChange: { Action: string; LogicalResourceId: string; Replacement?: string } }[]; NextToken?: string
};
const status = async (name: string) => ((await cfn('DescribeStacks', { StackName: name })) as { Stacks: { StackStatus: string }[] }).Stacks[0]!.StackStatus;

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('a deploy through change sets', () => {
  it('creates a stack through a CREATE change set, then finds nothing to change on the same template', async () => {
    const template = readFileSync(join(import.meta.dirname, '..', '..', 'cloudformation', 'templates', 'connection-v2-triggers.yaml'), 'utf8');
    const { Capabilities } = (await cfn('ValidateTemplate', { TemplateBody: template })) as { Capabilities: string[] };
    const created = (await cfn('CreateChangeSet', { StackName: 'pipeline', ChangeSetName: 'deploy-1', ChangeSetType: 'CREATE', TemplateBody: template, Capabilities, Tags: [{ Key: 'app', Value: 'slipway' }] })) as { Id: string; StackId: string };
    expect(created.Id).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/deploy-1\//);
    expect(await status('pipeline')).toBe('REVIEW_IN_PROGRESS');
    const described = (await cfn('DescribeChangeSet', { ChangeSetName: created.Id, StackName: 'pipeline' })) as ChangeSet;
    expect(described).toMatchObject({ ChangeSetId: created.Id, Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackId: created.StackId });
    expect(described.Changes.map((change) => change.ResourceChange.Action)).toEqual(described.Changes.map(() => 'Add'));
    expect(described.Changes.map((change) => change.ResourceChange.LogicalResourceId)).toContain('Pipeline');
    expect(await cfn('ExecuteChangeSet', { ChangeSetName: created.Id, StackName: 'pipeline' })).toEqual({});
    expect(await status('pipeline')).toBe('CREATE_IN_PROGRESS');
    await api.tasks.settled();
    expect(api.tasks.failures).toEqual([]);
    expect(await status(created.StackId)).toBe('CREATE_COMPLETE');

    const again = (await cfn('CreateChangeSet', { StackName: 'pipeline', ChangeSetName: 'deploy-2', TemplateBody: template, Capabilities })) as { Id: string };
    const empty = (await cfn('DescribeChangeSet', { ChangeSetName: 'deploy-2', StackName: 'pipeline' })) as ChangeSet;
    expect(empty).toMatchObject({ Status: 'FAILED', ExecutionStatus: 'UNAVAILABLE', StatusReason: expect.stringContaining("didn't contain changes"), Changes: [] });
    await expect(cfn('ExecuteChangeSet', { ChangeSetName: again.Id })).rejects.toMatchObject({ code: 'InvalidChangeSetStatus' });
    expect(await cfn('DeleteChangeSet', { ChangeSetName: again.Id })).toEqual({});
    await expect(cfn('DescribeChangeSet', { ChangeSetName: again.Id })).rejects.toMatchObject({ code: 'ChangeSetNotFound' });
  });

  it('updates a stack through an UPDATE change set, with the changes it previews', async () => {
    await cfn('CreateStack', { StackName: 'app', TemplateBody: parametersTemplate(['Alpha', 'Beta']) });
    await api.tasks.settled();
    await cfn('CreateChangeSet', { StackName: 'app', ChangeSetName: 'next', TemplateBody: parametersTemplate(['Alpha', 'Gamma']), Parameters: [{ ParameterKey: 'Prefix', ParameterValue: 'q' }] });
    const described = (await cfn('DescribeChangeSet', { ChangeSetName: 'next', StackName: 'app' })) as ChangeSet & { Parameters: unknown[] };
    expect(described.Changes.map((change) => [change.ResourceChange.LogicalResourceId, change.ResourceChange.Action])).toEqual([['Alpha', 'Modify'], ['Gamma', 'Add'], ['Beta', 'Remove']]);
    expect(described.Parameters).toEqual(expect.arrayContaining([{ ParameterKey: 'Prefix', ParameterValue: 'q' }, { ParameterKey: 'Secret', ParameterValue: '****' }]));
    expect(await cfn('GetTemplate', { ChangeSetName: 'next', StackName: 'app' })).toMatchObject({ TemplateBody: parametersTemplate(['Alpha', 'Gamma']) });
    await cfn('ExecuteChangeSet', { ChangeSetName: 'next', StackName: 'app' });
    expect(await status('app')).toBe('UPDATE_IN_PROGRESS');
    await api.tasks.settled();
    expect(await status('app')).toBe('UPDATE_COMPLETE');
    const resources = (await cfn('ListStackResources', { StackName: 'app' })) as { StackResourceSummaries: { LogicalResourceId: string }[] };
    expect(resources.StackResourceSummaries.map((resource) => resource.LogicalResourceId)).toEqual(['Alpha', 'Gamma']);
  });
});

describe('change set errors', () => {
  it('refuses an UPDATE change set for a stack that does not exist, a name without its stack, and an unknown change set', async () => {
    await expect(cfn('CreateChangeSet', { StackName: 'none', ChangeSetName: 'c', TemplateBody: parametersTemplate(['A']) })).rejects.toMatchObject({ code: 'ValidationError', message: 'Stack with id none does not exist' });
    await expect(cfn('DescribeChangeSet', { ChangeSetName: 'c' })).rejects.toMatchObject({ code: 'ValidationError', message: expect.stringContaining('StackName must be specified') });
    await cfn('CreateChangeSet', { StackName: 'new', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: parametersTemplate(['A']) });
    await expect(cfn('DescribeChangeSet', { ChangeSetName: 'other', StackName: 'new' })).rejects.toMatchObject({ code: 'ChangeSetNotFound' });
    await expect(cfn('CreateChangeSet', { StackName: 'new', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: parametersTemplate(['A']) })).rejects.toMatchObject({ code: 'AlreadyExistsException' });
    await expect(cfn('CreateChangeSet', { StackName: 'new', ChangeSetName: 'd', ChangeSetType: 'IMPORT', TemplateBody: parametersTemplate(['A']) })).rejects.toMatchObject({ code: 'ValidationError' });
  });

  it('needs the capabilities of the IAM resources a change set would make', async () => {
    await expect(cfn('CreateChangeSet', { StackName: 'roles', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: roleTemplate() })).rejects.toMatchObject({ code: 'InsufficientCapabilitiesException' });
    expect(api.account.stacks.listStacks()).toEqual([]);
  });

  it('keeps a stack made for a CREATE change set in REVIEW_IN_PROGRESS after its change set is deleted, until DeleteStack', async () => {
    const { Id } = (await cfn('CreateChangeSet', { StackName: 'review', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: parametersTemplate(['A']) })) as { Id: string };
    await cfn('DeleteChangeSet', { ChangeSetName: 'c', StackName: 'review' });
    expect(await status('review')).toBe('REVIEW_IN_PROGRESS');
    await expect(cfn('ExecuteChangeSet', { ChangeSetName: Id })).rejects.toMatchObject({ code: 'ChangeSetNotFound' });
    await cfn('DeleteStack', { StackName: 'review' });
    await api.tasks.settled();
    await expect(status('review')).rejects.toMatchObject({ code: 'ValidationError' });
  });
});
