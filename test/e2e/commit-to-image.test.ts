// slipway's main job end to end, as a user runs it: a Git repository with a Dockerfile, a real
// `slipway up` in it, real commits, real Docker builds and pushes. With slipway's own template
// (`slipway init`'s slipway.yml and buildspec: ECR login, build, tag with the 7-character commit
// and latest, push, imagedefinitions.json) and with a hand-written template in the style of the
// classic recipe (a V1 GitHub source, `$(aws ecr get-login)`, the ECR hostname built from
// AWS_ACCOUNT_ID and AWS_DEFAULT_REGION). Each commit must end as its tag in the local registry
// and as an artifact zip naming that image; a broken Dockerfile must fail its build with Docker's
// reason in the log.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodePipelineClient, ListActionExecutionsCommand, ListPipelineExecutionsCommand, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipway } from '../support/run-cli.js';
import { startUp, type RunningUp } from '../up/support/running-up.js';

let up: RunningUp | undefined;
afterEach(async () => {
  if (up) expect(await up.stop()).toBe(0);
  up = undefined;
});

const DOCKERFILE = 'FROM scratch\nCOPY hello.txt /hello.txt\n';

/** The pipeline's executions, none while up is still creating the stack that makes the pipeline. */
async function executions(pipeline: CodePipelineClient, pipelineName: string): Promise<PipelineExecutionSummary[]> {
  try {
    return (await pipeline.send(new ListPipelineExecutionsCommand({ pipelineName }))).pipelineExecutionSummaries ?? [];
  } catch (error) {
    if ((error as Error).name === 'PipelineNotFoundException') return [];
    throw error;
  }
}

/** Waits (up to 3 minutes) for the pipeline's execution of `commit` to end; returns it. */
async function executionOf(pipeline: CodePipelineClient, pipelineName: string, commit: string): Promise<PipelineExecutionSummary> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const pipelineExecutionSummaries = await executions(pipeline, pipelineName);
    const found = pipelineExecutionSummaries.find((run) => run.sourceRevisions?.some((revision) => revision.revisionId === commit));
    if (found && found.status !== 'InProgress' && found.status !== 'Stopping') return found;
    if (Date.now() > deadline) throw new Error(`the execution of ${commit} did not end in 3 minutes: ${JSON.stringify(pipelineExecutionSummaries.slice(0, 3))}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The tags of each image in the local repository, as ECR DescribeImages lists them. */
async function tagsOf(ecr: ECRClient, repositoryName: string): Promise<string[][]> {
  const { imageDetails = [] } = await ecr.send(new DescribeImagesCommand({ repositoryName }));
  return imageDetails.map((image) => [...(image.imageTags ?? [])].sort());
}

/** The files of the Build action's output artifact zip, read through the endpoint's S3. */
async function buildOutput(up: RunningUp, pipelineName: string, pipelineExecutionId: string): Promise<Record<string, string>> {
  const pipeline = new CodePipelineClient(up.clientConfig);
  const { actionExecutionDetails = [] } = await pipeline.send(new ListActionExecutionsCommand({ pipelineName, filter: { pipelineExecutionId } }));
  const location = actionExecutionDetails.find((action) => action.actionName === 'Build')?.output?.outputArtifacts?.[0]?.s3location;
  expect(location).toBeDefined();
  const s3 = new S3Client({ ...up.clientConfig, forcePathStyle: true });
  const object = await s3.send(new GetObjectCommand({ Bucket: location!.bucket, Key: location!.key }));
  const zip = join(mkdtempSync(join(tmpdir(), 'slipway-artifact-')), 'output.zip');
  writeFileSync(zip, await object.Body!.transformToByteArray());
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return Object.fromEntries(names.map((name) => [name, execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' })]));
}

/** A repository cloned from github.com/acme/widget, in the eyes of its origin. */
function widgetRepository(files: Record<string, string>): GitRepo {
  const repo = makeGitRepo({ Dockerfile: DOCKERFILE, 'hello.txt': 'one\n', ...files });
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  return repo;
}

describe('a commit becomes an image in the local registry', () => {
  it("through slipway's own template: <sha7> and latest pushed, imagedefinitions.json in the artifact, runs Succeeded; a broken Dockerfile fails with Docker's reason", async () => {
    const repo = widgetRepository({});
    const home = mkdtempSync(join(tmpdir(), 'slipway-e2e-home-'));
    expect((await runSlipway(['init'], { cwd: repo.dir })).code).toBe(0);
    const first = repo.commit({}, 'slipway init');
    up = await startUp({ cwd: repo.dir, home });
    const pipeline = new CodePipelineClient(up.clientConfig);
    const ecr = new ECRClient(up.clientConfig);
    expect((await executionOf(pipeline, 'widget-dev', first)).status).toBe('Succeeded');

    const second = repo.commit({ 'hello.txt': 'two\n' }, 'say two');
    const run = await executionOf(pipeline, 'widget-dev', second);
    expect(run.status).toBe('Succeeded');
    expect(run.trigger?.triggerType).not.toBe('StartPipelineExecution');
    const tags = await tagsOf(ecr, 'widget');
    expect(tags).toContainEqual([second.slice(0, 7), 'latest'].sort());
    expect(tags).toContainEqual([first.slice(0, 7)]);
    const output = await buildOutput(up, 'widget-dev', run.pipelineExecutionId!);
    expect(JSON.parse(output['imagedefinitions.json']!)).toEqual([{ name: 'widget', imageUri: `${up.ready.registry}/widget:${second.slice(0, 7)}` }]);
    const listed = await runSlipway(['runs', '--home', home], { cwd: repo.dir });
    expect(listed.stdout.split('\n').find((line) => line.startsWith(run.pipelineExecutionId!))).toMatch(/ Succeeded /);

    const broken = repo.commit({ Dockerfile: 'FROM scratch\nCOPY missing.txt /missing.txt\n' }, 'break the Dockerfile');
    const failed = await executionOf(pipeline, 'widget-dev', broken);
    expect(failed.status).toBe('Failed');
    const log = await runSlipway(['logs', failed.pipelineExecutionId!, '--home', home], { cwd: repo.dir });
    expect(log.stdout).toMatch(/COPY failed.*missing\.txt/);
    expect(log.stdout).toContain('Phase complete: BUILD State: FAILED');
    expect((await tagsOf(ecr, 'widget')).flat()).not.toContain(broken.slice(0, 7));
  }, 300_000);

  it('through a hand-written template in the recipe style: $(aws ecr get-login), an ECR hostname built by hand, a V1 GitHub source', async () => {
    const repo = widgetRepository({ 'buildspec.yml': RECIPE_BUILDSPEC });
    const home = mkdtempSync(join(tmpdir(), 'slipway-e2e-home-'));
    const template = join(home, '..', `${repo.dir.split('/').pop()}-recipe.yml`);
    writeFileSync(template, RECIPE_TEMPLATE);
    const commit = repo.git('rev-parse', 'HEAD');
    up = await startUp({ cwd: repo.dir, home, args: ['--template', template] });
    const run = await executionOf(new CodePipelineClient(up.clientConfig), 'recipe', commit);
    const log = await runSlipway(['logs', run.pipelineExecutionId!, '--home', home], { cwd: repo.dir });
    expect(run.status, log.stdout).toBe('Succeeded');
    expect(await tagsOf(new ECRClient(up.clientConfig), 'widget')).toContainEqual([commit.slice(0, 7), 'latest'].sort());
    const output = await buildOutput(up, 'recipe', run.pipelineExecutionId!);
    expect(JSON.parse(output['imagedefinitions.json']!)).toEqual([{ name: 'web', imageUri: `000000000000.dkr.ecr.us-east-1.amazonaws.com/widget:${commit.slice(0, 7)}` }]);
  }, 300_000);
});

// The classic recipe's buildspec, its `<...>` placeholders filled from the build's own variables.
const RECIPE_BUILDSPEC = `version: 0.2
phases:
  pre_build:
    commands:
      - echo Logging in to Amazon ECR...
      - $(aws ecr get-login --no-include-email --region $AWS_DEFAULT_REGION)
      - REPOSITORY_URI=$AWS_ACCOUNT_ID.dkr.ecr.$AWS_DEFAULT_REGION.amazonaws.com/widget
      - IMAGE_TAG=$(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7)
  build:
    commands:
      - docker build -t $REPOSITORY_URI:latest .
      - docker tag $REPOSITORY_URI:latest $REPOSITORY_URI:$IMAGE_TAG
  post_build:
    commands:
      - docker push $REPOSITORY_URI:latest
      - docker push $REPOSITORY_URI:$IMAGE_TAG
      - printf '[{"name":"web","imageUri":"%s"}]' $REPOSITORY_URI:$IMAGE_TAG > imagedefinitions.json
artifacts:
  files: imagedefinitions.json
`;

const RECIPE_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Repository:
    Type: AWS::ECR::Repository
    Properties: { RepositoryName: widget }
  Artifacts:
    Type: AWS::S3::Bucket
  BuildRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }] }
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: codepipeline.amazonaws.com }, Action: sts:AssumeRole }] }
  Build:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: !GetAtt BuildRole.Arn
      Source: { Type: CODEPIPELINE }
      Artifacts: { Type: CODEPIPELINE }
      Environment:
        Type: LINUX_CONTAINER
        ComputeType: BUILD_GENERAL1_SMALL
        Image: aws/codebuild/docker:17.09.0
        PrivilegedMode: true
        EnvironmentVariables:
          - { Name: AWS_ACCOUNT_ID, Value: !Ref 'AWS::AccountId' }
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: recipe
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Stages:
        - Name: Source
          Actions:
            - Name: App
              ActionTypeId: { Category: Source, Owner: ThirdParty, Version: '1', Provider: GitHub }
              Configuration: { Owner: acme, Repo: widget, Branch: main, OAuthToken: not-used-locally }
              OutputArtifacts: [{ Name: App }]
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Version: '1', Provider: CodeBuild }
              Configuration: { ProjectName: !Ref Build }
              InputArtifacts: [{ Name: App }]
              OutputArtifacts: [{ Name: BuildOutput }]
`;
