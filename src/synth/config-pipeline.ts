// slipway.yml → DockerImagePipeline props: the one place where config keys meet construct props.
import { CfnParameter, SecretValue, type Stack } from 'aws-cdk-lib';
import type { SlipwayConfig } from '../config/index.js';
import { renderBuildspec } from '../init/buildspec.js';
import { CodeCommitSource, ConnectionSource, DockerImagePipeline, GitHubSource, type PipelineSource } from './constructs/index.js';
import { addPipelineOutputs } from './outputs.js';
import { tagResources } from './tags.js';

/** The prefix of every resource name: `<name>-<env>`. */
export function resourcePrefix(config: Pick<SlipwayConfig, 'name' | 'env'>): string {
  return `${config.name}-${config.env}`;
}

/** A one-line description of the stack for the CloudFormation console. */
export function configDescription(config: SlipwayConfig): string {
  const { source } = config;
  const repository = source.owner ? `${source.owner}/${source.repository}` : source.repository;
  return `slipway: ${resourcePrefix(config)} builds ${repository}@${source.branch} (${source.provider}) into ECR repository ${config.image.repository}`;
}

/** Adds the pipeline that slipway.yml describes, its tags and its outputs to the stack. */
export function addConfigPipeline(stack: Stack, config: SlipwayConfig): DockerImagePipeline {
  const name = resourcePrefix(config);
  const { image, build, artifacts } = config;
  const pipeline = new DockerImagePipeline(stack, 'Pipeline', {
    name,
    source: configSource(stack, config),
    repository: {
      repositoryName: image.repository,
      tagMutability: image.tagMutability,
      tagMutabilityExclusions: image.tagMutabilityExclusions,
      scanOnPush: image.scanOnPush,
      expireUntaggedAfterDays: image.lifecycle.expireUntaggedAfterDays,
      keepLastTagged: image.lifecycle.keepLastTagged,
    },
    build: {
      buildspec: build.buildspec,
      inlineBuildspec: build.inlineBuildspec ? renderBuildspec(config) : undefined,
      computeType: build.computeType,
      buildImage: build.image,
      timeoutMinutes: build.timeoutMinutes,
      environment: build.environment,
      logRetentionDays: build.logRetentionDays,
      containerName: image.containerName,
    },
    executionMode: config.pipeline.executionMode,
    artifacts: {
      bucketName: artifacts.bucket === '' ? undefined : artifacts.bucket,
      expireAfterDays: artifacts.expireAfterDays,
      encryption: artifacts.encryption,
    },
    pipelineRoleArn: config.roles.pipeline,
    buildRoleArn: config.roles.build,
    ecsDeploy: config.deploy.ecs,
  });
  tagResources(stack, config.tags);
  addPipelineOutputs(stack, pipeline);
  return pipeline;
}

function configSource(stack: Stack, { source }: SlipwayConfig): PipelineSource {
  switch (source.provider) {
    case 'connection':
      return new ConnectionSource({
        owner: source.owner ?? '',
        repository: source.repository,
        branch: source.branch,
        // The config rules refuse `polling` for a connection; `none` is the only other choice.
        trigger: source.trigger === 'webhook' ? 'webhook' : 'none',
        connectionArn: source.connectionArn,
        connectionProvider: source.connectionProvider,
      });
    case 'github':
      return new GitHubSource({ owner: source.owner ?? '', repository: source.repository, branch: source.branch, trigger: source.trigger, oauthToken: githubToken(stack, source.oauthToken) });
    case 'codecommit':
      return new CodeCommitSource({ repository: source.repository, branch: source.branch, trigger: source.trigger });
  }
}

/** The OAuth token: a Secrets Manager dynamic reference, else a NoEcho parameter; never plain text. */
function githubToken(stack: Stack, token: SlipwayConfig['source']['oauthToken']): SecretValue {
  if (token.secret !== undefined) return SecretValue.secretsManager(token.secret, { jsonField: token.jsonKey });
  const parameter = new CfnParameter(stack, 'OAuthToken', {
    type: 'String',
    noEcho: true,
    minLength: 1,
    description: 'GitHub OAuth (personal access) token for the GitHub version 1 source action',
  });
  return SecretValue.cfnParameter(parameter);
}
