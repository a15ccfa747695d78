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
                ParameterOverrides: '{"Artifact": {"Fn::GetArtifactAtt": ["Out", "ObjectKey"]}, "Url": {"Fn::GetArtifactAtt": ["Out", "URL"]}, "Commit": "#{SourceVariables.CommitId}"}'
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
  Url: { Type: String }
  Commit: { Type: String }
Resources:
  Version: { Type: AWS::SSM::Parameter, Properties: { Name: /site/version, Type: String, Value: vVERSION } }
  Site: { Type: AWS::S3::Bucket, Properties: { BucketName: site-bucket } }
Outputs:
  BucketName: { Value: !Ref Site }
  Version: { Value: vVERSION }
  Size: { Value: !Ref Size }
  Artifact: { Value: !Ref Artifact }
  Url: { Value: !Ref Url }
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
    const out = first.artifacts.Out!;
    const outputs = { BucketName: 'site-bucket', Version: 'v1', Size: 'small', Artifact: out.key, Url: `https://s3.us-east-1.amazonaws.com/${out.bucket}/${out.key}`, Commit: commit };
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
