// The construct library as a CDK user meets it: DockerImagePipeline in a stack of one's own app,
// its defaults (slipway.yml's), and the props it refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CodeCommitSource,
  ConnectionSource,
  DockerImagePipeline,
  GitHubSource,
  ImageRepository,
  renderLifecyclePolicy,
  type PipelineSource,
} from '../../src/synth/constructs/index.js';

// Each app's cloud assembly goes below one folder, removed at the end.
const outdirs = mkdtempSync(join(tmpdir(), 'slipway-constructs-'));
let apps = 0;
afterAll(() => rmSync(outdirs, { recursive: true, force: true }));

/** A user's app; CDK's built-in template validator is off (it takes many seconds to start, and cfn-lint checks the templates). */
function newApp(): App {
  return new App({ outdir: join(outdirs, String(++apps)), builtinCloudFormationValidation: false });
}

function pipelineIn(
  source: PipelineSource, extra: Partial<ConstructorParameters<typeof DockerImagePipeline>[2]> = {},
): { stack: Stack; pipeline: DockerImagePipeline } {
  const stack = new Stack(newApp(), 'MyStack');
  const pipeline = new DockerImagePipeline(stack, 'Images', { name: 'api-prod', source, ...extra });
  return { stack, pipeline };
}

describe('DockerImagePipeline in a CDK app of one\'s own', () => {
  it('refuses build environment variables that would redefine the ones the project sets', () => {
    expect(() => pipelineIn(new ConnectionSource({ owner: 'acme', repository: 'api' }), { build: { environment: { REPOSITORY_URI: 'elsewhere' } } })).toThrow(
      /environment may not redefine REPOSITORY_URI/,
    );
  });

  it('synthesizes with slipway.yml\'s defaults', () => {
    const { stack } = pipelineIn(new ConnectionSource({ owner: 'acme', repository: 'api' }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'api-prod', ImageTagMutability: 'MUTABLE', ImageScanningConfiguration: { ScanOnPush: true } });
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Name: 'api-prod-build',
      TimeoutInMinutes: 30,
      Environment: { ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0', PrivilegedMode: true },
      Source: { BuildSpec: 'buildspec.yml', Type: 'CODEPIPELINE' },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Name: 'api-prod', PipelineType: 'V2', ExecutionMode: 'QUEUED' });
    template.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [{ Id: 'ExpireArtifacts', Status: 'Enabled', ExpirationInDays: 30, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }] } });
  });

  it('exposes what other constructs need: repository, project, pipeline, connection', () => {
    const { stack, pipeline } = pipelineIn(new ConnectionSource({ owner: 'acme', repository: 'api' }));
    expect(stack.resolve(pipeline.repository.repositoryUri)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ImagesRepository/), 'RepositoryUri'] });
    expect(stack.resolve(pipeline.pipelineName)).toEqual({ Ref: expect.stringMatching(/^ImagesPipeline/) });
    expect(pipeline.connectionArn).toBeDefined();
    expect(pipeline.webhookUrl).toBeUndefined();
  });

  it('accepts every source provider', () => {
    const token = SecretValue.secretsManager('ci/github');
    for (const source of [new GitHubSource({ owner: 'acme', repository: 'api', oauthToken: token }), new CodeCommitSource({ repository: 'api' })]) {
      expect(() => Template.fromStack(pipelineIn(source).stack)).not.toThrow();
    }
    expect(pipelineIn(new GitHubSource({ owner: 'acme', repository: 'api', oauthToken: token })).pipeline.webhookUrl).toBeDefined();
  });

  it('refuses exclusion filters that the tag mutability does not take, as ECR would', () => {
    const stack = new Stack(newApp(), 'S');
    expect(() => new ImageRepository(stack, 'A', { repositoryName: 'a', tagMutability: 'IMMUTABLE_WITH_EXCLUSION' })).toThrow(/needs 1 to 5 tagMutabilityExclusions, found 0/);
    expect(() => new ImageRepository(stack, 'B', { repositoryName: 'b', tagMutabilityExclusions: ['latest'] })).toThrow(/need IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, found MUTABLE/);
    expect(() => new ImageRepository(stack, 'C', { repositoryName: 'c', tagMutability: 'MUTABLE_WITH_EXCLUSION', tagMutabilityExclusions: ['a', 'b', 'c', 'd', 'e', 'f'] })).toThrow(/found 6/);
  });
});

describe('ConnectionSource', () => {
  it('refuses to create a GitHub Enterprise Server connection, which needs a host, and says what to do', () => {
    expect(() => pipelineIn(new ConnectionSource({ owner: 'acme', repository: 'api', connectionProvider: 'GitHubEnterpriseServer' }))).toThrow(/cannot be created without its host/);
    expect(() => pipelineIn(new ConnectionSource({ owner: 'acme', repository: 'api', connectionProvider: 'GitLab' }))).not.toThrow();
  });
});

describe('the lifecycle policy', () => {
  it('expires untagged images by age first, then keeps the newest tagged ones, with no tagStatus any rule', () => {
    const rules = (JSON.parse(renderLifecyclePolicy({ expireUntaggedAfterDays: 3, keepLastTagged: 7 })) as { rules: {
      rulePriority: number; selection: { tagStatus: string; countNumber: number }
    }[] }).rules;
    expect(rules.map((rule) => [rule.rulePriority, rule.selection.tagStatus, rule.selection.countNumber])).toEqual([
      [1, 'untagged', 3],
      [2, 'tagged', 7],
    ]);
  });
});
