// The CloudFormation action's modes on the local stack engine, in real executions:
// REPLACE_ON_FAILURE against CREATE_UPDATE on a failed stack, DELETE_ONLY with and without a
// stack, Capabilities and Fn::GetParam refusals, and change sets made and executed across runs.
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, GIT_SOURCE_STAGE, providerTemplate, runOnce } from './support/provider-pipeline.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const cfn = `ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1' }`;

/** Stacks the failure-mode tests start from: `holder` owns the bucket `taken`, so `broken-a` and `broken-b` (which also name it) roll back. */
async function failedStacks(world: PipelineWorld): Promise<{ brokenA: string }> {
  const bucket = (name: string) => `Resources:\n  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: ${name} } }\n`;
  expect((await world.account.stacks.create({ stackName: 'holder', templateBody: bucket('taken') })).status).toBe('CREATE_COMPLETE');
  const brokenA = await world.account.stacks.create({ stackName: 'broken-a', templateBody: bucket('taken') });
  expect(brokenA.status).toBe('ROLLBACK_COMPLETE');
  expect((await world.account.stacks.create({ stackName: 'broken-b', templateBody: bucket('taken') })).status).toBe('ROLLBACK_COMPLETE');
  return { brokenA: brokenA.stackId };
}

const action = (name: string, configuration: string, inputs = 'Src') => `            - Name: ${name}
              ${cfn}
              Configuration: { ${configuration} }
              InputArtifacts: [{ Name: ${inputs} }]
`;

const MODES_STAGE = `        - Name: Deploy
          Actions:
${action('Replace', `ActionMode: REPLACE_ON_FAILURE, StackName: broken-a, TemplatePath: 'Src::good.yaml', ParameterOverrides: '{"Key": "/good/a"}'`)}\
${action('Over', `ActionMode: CREATE_UPDATE, StackName: broken-b, TemplatePath: 'Src::good.yaml', ParameterOverrides: '{"Key": "/good/b"}'`)}\
${action('NoCapabilities', `ActionMode: CREATE_UPDATE, StackName: roles, TemplatePath: 'Src::roles.yaml', Capabilities: CAPABILITY_IAM`)}\
${action('BadParam', `ActionMode: CREATE_UPDATE, StackName: bad, TemplatePath: 'Src::good.yaml', ParameterOverrides: '{"Key": {"Fn::GetParam": ["Src", "values.json", "missing"]}}'`)}\
${action('Delete', 'ActionMode: DELETE_ONLY, StackName: holder')}\
${action('DeleteMissing', 'ActionMode: DELETE_ONLY, StackName: never-made')}`;

const MODE_FILES = {
  'good.yaml': 'Parameters:\n  Key: { Type: String }\nResources:\n  P: { Type: AWS::SSM::Parameter, Properties: { Name: !Ref Key, Type: String, Value: good } }\nOutputs:\n  Key: { Value: !Ref Key }\n',
  'roles.yaml': 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: { RoleName: named, AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: [ec2.amazonaws.com] }, Action: sts:AssumeRole }] } }\n',
  'values.json': '{ "present": "yes" }\n',
};

describe('the CloudFormation action modes', () => {
  it('replaces a failed stack with REPLACE_ON_FAILURE but not with CREATE_UPDATE, deletes with DELETE_ONLY (a missing stack too), and refuses unacknowledged IAM and unreadable parameters', async () => {
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + MODES_STAGE), MODE_FILES);
    const { brokenA } = await failedStacks(world);
    const ended = await runOnce(world);
    expect(ended).toMatchObject({ status: 'Failed', statusSummary: 'Stage Deploy failed' });
    const actions = actionsOf(world, ended);
    const stacks = world.account.stacks.store;
    const status = (name: string) => actions[name]!.status;
    const error = (name: string) => actions[name]!.output.executionResult?.errorDetails;

    expect(status('Replace')).toBe('Succeeded');
    expect(stacks.findStack('broken-a')).toMatchObject({ status: 'CREATE_COMPLETE', outputs: [{ OutputKey: 'Key', OutputValue: '/good/a' }] });
    expect(stacks.findStack('broken-a')!.stackId).not.toBe(brokenA);
    expect(actions.Replace!.output.outputVariables).toEqual({ Key: '/good/a' });

    expect(status('Over')).toBe('Failed');
    expect(error('Over')?.message).toMatch(/is in ROLLBACK_COMPLETE state and can not be updated/);
    expect(stacks.findStack('broken-b')!.status).toBe('ROLLBACK_COMPLETE');

    expect(error('NoCapabilities')).toEqual({ code: 'InsufficientCapabilitiesException', message: "Requires capabilities : [CAPABILITY_NAMED_IAM] (add them to the action's Capabilities)" });
    expect(stacks.findStack('roles')).toBeUndefined();
    expect(error('BadParam')).toEqual({ code: 'ConfigurationError', message: "ParameterOverrides.Key (Fn::GetParam): the file values.json of the artifact Src has no key 'missing'" });
    expect(stacks.findStack('bad')).toBeUndefined();

    expect(status('Delete')).toBe('Succeeded');
    expect(actions.Delete!.output.outputVariables).toEqual({});
    expect(stacks.findStack('holder')).toBeUndefined();
    expect(world.account.buckets.hasBucket('taken')).toBe(false);
    expect(actions.DeleteMissing!).toMatchObject({ status: 'Succeeded', output: { executionResult: { externalExecutionSummary: 'Stack never-made does not exist: nothing to delete' } } });
  });

  it('makes a change set with CHANGE_SET_REPLACE and executes it with CHANGE_SET_EXECUTE; an unchanged template passes through, and a change set of the same name is replaced', async () => {
    const stage = `        - Name: Deploy
          Actions:
${action('Plan', `ActionMode: CHANGE_SET_REPLACE, StackName: planned, ChangeSetName: pipeline-changes, TemplatePath: 'Src::planned.yaml', RoleArn: !GetAtt Role.Arn`)}\
            - Name: Apply
              RunOrder: 2
              ${cfn}
              Configuration: { ActionMode: CHANGE_SET_EXECUTE, StackName: planned, ChangeSetName: pipeline-changes }
              Namespace: Planned
`;
    const planned = (value: string) => `Resources:\n  P: { Type: AWS::SSM::Parameter, Properties: { Name: /planned, Type: String, Value: ${value} } }\nOutputs:\n  Value: { Value: !GetAtt P.Value }\n`;
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + stage), { 'planned.yaml': planned('one') });
    const engine = world.engine();
    const stacks = world.account.stacks.store;

    const first = await runOnce(world, engine);
    expect(first.status).toBe('Succeeded');
    expect(actionsOf(world, first).Plan!.output.executionResult?.externalExecutionSummary).toBe('Change set pipeline-changes (CREATE): 1 changes');
    expect(actionsOf(world, first).Apply!.output.outputVariables).toEqual({ Value: 'one' });
    expect(stacks.findStack('planned')!.status).toBe('CREATE_COMPLETE');
    expect(world.account.changeSets.list('planned')).toEqual([]);

    const unchanged = await runOnce(world, engine);
    expect(unchanged.status).toBe('Succeeded');
    expect(actionsOf(world, unchanged).Apply!.output.executionResult?.externalExecutionSummary).toBe('Change set pipeline-changes has no changes to execute');
    expect(world.account.changeSets.list('planned').map((set) => set.Status)).toEqual(['FAILED']);
    expect(stacks.findStack('planned')!.status).toBe('CREATE_COMPLETE');

    world.repo.commit({ 'planned.yaml': planned('two') });
    const changed = await runOnce(world, engine);
    expect(changed.status).toBe('Succeeded');
    expect(actionsOf(world, changed).Plan!.output.executionResult?.externalExecutionSummary).toBe('Change set pipeline-changes (UPDATE): 1 changes');
    expect(stacks.findStack('planned')).toMatchObject({ status: 'UPDATE_COMPLETE', outputs: [{ OutputKey: 'Value', OutputValue: 'two' }] });
    expect(world.account.parameters.get('/planned')?.value).toBe('two');
  });
});
