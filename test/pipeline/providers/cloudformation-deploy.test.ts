// The CloudFormation deploy action on the local stack engine, in real executions: a template the
// build stage produced creates a stack and, after a commit, updates it; the template
// configuration's parameters, ParameterOverrides with Fn::GetArtifactAtt, Fn::GetParam and
// variables, the stack's outputs as variables and as OutputFileName.
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, BUILD_STAGE, GIT_SOURCE_STAGE, providerTemplate, runOnce, zipTexts } from './support/provider-pipeline.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const cfn = `ActionTypeId: { Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1' }`;

const DEPLOY_STAGE = `        - Name: Deploy
          Actions:
            - Name: Site
              ${cfn}
              Configuration:
                ActionMode: CREATE_UPDATE
                StackName: site
                TemplatePath: Out::stack.yaml
                TemplateConfiguration: Src::stack-config.json
                ParameterOverrides: '{"Artifact": {"Fn::GetArtifactAtt": ["Out", "ObjectKey"]}, "Commit": "#{SourceVariables.CommitId}"}'
                RoleArn: !GetAtt Role.Arn
                OutputFileName: site-outputs.json
              InputArtifacts: [{ Name: Out }, { Name: Src }]
              OutputArtifacts: [{ Name: SiteOut }]
              Namespace: Site
            - Name: Echo
              RunOrder: 2
              ${cfn}
              Configuration:
                ActionMode: CREATE_UPDATE
                StackName: site-echo
                TemplatePath: Src::echo.yaml
                ParameterOverrides: '{"Name": {"Fn::GetParam": ["SiteOut", "site-outputs.json", "BucketName"]}, "Version": "#{Site.Version}"}'
              InputArtifacts: [{ Name: Src }, { Name: SiteOut }]
`;

/** The build writes stack.yaml from site.template, with the repository's version in it. */
const FILES = {
  'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - sed "s/VERSION/$(cat version)/g" site.template > stack.yaml\nartifacts:\n  files: [stack.yaml]\n',
  'site.template': `Parameters:
  Size: { Type: String }
  Artifact: { Type: String }
  Commit: { Type: String }
Resources:
  Version: { Type: AWS::SSM::Parameter, Properties: { Name: /site/version, Type: String, Value: vVERSION } }
  Site: { Type: AWS::S3::Bucket, Properties: { BucketName: site-bucket } }
Outputs:
  BucketName: { Value: !Ref Site }
  Version: { Value: vVERSION }
  Size: { Value: !Ref Size }
  Artifact: { Value: !Ref Artifact }
  Commit: { Value: !Ref Commit }
`,
  // Commit is given here too: ParameterOverrides win over the template configuration.
  'stack-config.json': '{ "Parameters": { "Size": "small", "Commit": "from-config" }, "Tags": { "team": "web" } }\n',
  'echo.yaml': `Parameters:
  Name: { Type: String }
  Version: { Type: String }
Resources:
  Echo: { Type: AWS::SSM::Parameter, Properties: { Name: /site/echo, Type: String, Value: !Sub '\${Name} \${Version}' } }
Outputs:
  Echoed: { Value: !GetAtt Echo.Value }
`,
};

describe('a CloudFormation deploy action', () => {
  it('creates a stack from the template the build produced, then updates it after a commit, with outputs as variables and as OutputFileName', async () => {
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + BUILD_STAGE + DEPLOY_STAGE), { version: '1\n', ...FILES });
    const engine = world.engine();
    const first = await runOnce(world, engine);
    expect(first.status).toBe('Succeeded');
    const stacks = world.account.stacks.store;
    const created = stacks.findStack('site')!;
    expect(created.status).toBe('CREATE_COMPLETE');
    const commit = world.repo.git('rev-parse', 'HEAD');
    const outputs = { BucketName: 'site-bucket', Version: 'v1', Size: 'small', Artifact: first.artifacts.Out!.key, Commit: commit };
    const actions = actionsOf(world, first);
    expect(actions.Site!.output.outputVariables).toEqual(outputs);
    expect(JSON.parse((await zipTexts(world, first.artifacts.SiteOut!))['site-outputs.json']!)).toEqual(outputs);
    expect(world.account.parameters.get('/site/version')?.value).toBe('v1');
    // Fn::GetParam read the first stack's output file; #{Site.Version} its output variable.
    expect(stacks.findStack('site-echo')!.outputs).toEqual([{ OutputKey: 'Echoed', OutputValue: 'site-bucket v1' }]);

    const next = world.repo.commit({ version: '2\n' }, 'version 2');
    const second = await runOnce(world, engine);
    expect(second.status).toBe('Succeeded');
    const updated = stacks.findStack('site')!;
    expect(updated).toMatchObject({ stackId: created.stackId, status: 'UPDATE_COMPLETE' });
    expect(world.account.parameters.get('/site/version')?.value).toBe('v2');
    expect(actionsOf(world, second).Site!.output.outputVariables).toMatchObject({ Version: 'v2', Commit: next, Artifact: second.artifacts.Out!.key });
    expect(stacks.findStack('site-echo')!).toMatchObject({ status: 'UPDATE_COMPLETE', outputs: [{ OutputKey: 'Echoed', OutputValue: 'site-bucket v2' }] });
  });
});

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
