// `slipway synth --generic`: one parameterized template for any repository with a Dockerfile at
// its root, taking the recipe's parameter names (Env, CodeRepository, Branch, ImageRegistry,
// Owner, OAuthToken) so that its users can move over, without the recipe's weak points.
import { Aws, CfnCondition, CfnParameter, CfnRule, Fn, SecretValue, type Stack } from 'aws-cdk-lib';
import { CONFIG_SCHEMA } from '../config/index.js';
import { REPOSITORY_NAME_LENGTH, REPOSITORY_NAME_PATTERN } from '../ecr/repository-name.js';
import { renderBuildspec } from '../init/buildspec.js';
import { ConnectionSource, DockerImagePipeline, EitherSource, GitHubSource } from './constructs/index.js';
import { addPipelineOutputs } from './outputs.js';
import { tagResources } from './tags.js';

/** The generic template's description. */
export const GENERIC_DESCRIPTION =
  'slipway (generic): builds the Dockerfile at the root of a GitHub repository on every push and pushes the image to ECR. Give ConnectionArn to use AWS CodeConnections, else OAuthToken for GitHub (version 1) with a webhook.';

/** Adds the generic template's parameters, conditions, rule, pipeline and outputs to the stack. */
export function addGenericPipeline(stack: Stack): DockerImagePipeline {
  const p = genericParameters(stack);
  const createBucket = new CfnCondition(stack, 'CreateArtifactBucket', { expression: Fn.conditionEquals(p.artifactBucket.valueAsString, '') });
  const useGitHub = new CfnCondition(stack, 'UseGitHub', { expression: Fn.conditionEquals(p.connectionArn.valueAsString, '') });
  const useConnection = new CfnCondition(stack, 'UseConnection', { expression: Fn.conditionNot(useGitHub) });
  // Checked before anything is created: without a connection, the GitHub action needs the token.
  new CfnRule(stack, 'OAuthTokenWithoutConnection', {
    ruleCondition: Fn.conditionEquals(p.connectionArn.valueAsString, ''),
    assertions: [{ assert: Fn.conditionNot(Fn.conditionEquals(p.oauthToken.valueAsString, '')), assertDescription: 'OAuthToken is required when ConnectionArn is empty (GitHub version 1 source)' }],
  });
  const repository = { owner: p.owner.valueAsString, repository: p.codeRepository.valueAsString, branch: p.branch.valueAsString };
  const source = new EitherSource(
    { condition: useConnection, source: new ConnectionSource({ ...repository, connectionArn: p.connectionArn.valueAsString }) },
    { condition: useGitHub, source: new GitHubSource({ ...repository, oauthToken: SecretValue.cfnParameter(p.oauthToken), trigger: 'webhook' }) },
  );
  const pipeline = new DockerImagePipeline(stack, 'Pipeline', {
    name: Aws.STACK_NAME,
    source,
    repository: { repositoryName: p.imageRegistry.valueAsString },
    build: { inlineBuildspec: renderBuildspec(defaultImageAndBuild()), containerName: p.codeRepository.valueAsString },
    artifacts: { bucketName: p.artifactBucket.valueAsString, createBucketCondition: createBucket },
  });
  tagResources(stack, { Env: p.env.valueAsString });
  addPipelineOutputs(stack, pipeline, { webhookCondition: useGitHub, connectionArn: false });
  return pipeline;
}

function genericParameters(stack: Stack) {
  const text = (id: string, props: ConstructorParameters<typeof CfnParameter>[2]) => new CfnParameter(stack, id, { type: 'String', ...props });
  const parameters = {
    env: text('Env', { default: 'dev', description: 'Environment name (dev, prod, ...), tagged on every resource' }),
    codeRepository: text('CodeRepository', { minLength: 1, allowedPattern: '^[A-Za-z0-9_.-]+$', description: 'GitHub repository name, without the owner' }),
    branch: text('Branch', { default: 'main', minLength: 1, description: 'Branch to build' }),
    imageRegistry: text('ImageRegistry', {
      allowedPattern: `^${REPOSITORY_NAME_PATTERN}$`,
      minLength: REPOSITORY_NAME_LENGTH.min,
      maxLength: REPOSITORY_NAME_LENGTH.max,
      description: 'Name of the ECR repository the stack creates for the images',
    }),
    owner: text('Owner', { minLength: 1, description: 'GitHub user or organization that owns the repository' }),
    oauthToken: text('OAuthToken', { noEcho: true, default: '', description: 'GitHub OAuth token; required unless ConnectionArn is given' }),
    connectionArn: text('ConnectionArn', {
      default: '',
      allowedPattern: '^$|^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/[A-Za-z0-9-]+$',
      description: 'Optional: an AWS CodeConnections connection ARN; when given, the pipeline uses it instead of OAuthToken',
    }),
    artifactBucket: text('ArtifactBucket', {
      default: '',
      allowedPattern: '^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      description: 'Optional: an existing (shared) S3 bucket for pipeline artifacts; empty: the stack creates one',
    }),
  };
  stack.templateOptions.metadata = {
    'AWS::CloudFormation::Interface': {
      ParameterGroups: [
        { Label: { default: 'Source' }, Parameters: ['Owner', 'CodeRepository', 'Branch', 'ConnectionArn', 'OAuthToken'] },
        { Label: { default: 'Image and pipeline' }, Parameters: ['ImageRegistry', 'Env', 'ArtifactBucket'] },
      ],
    },
  };
  return parameters;
}

/** slipway.yml's defaults for the image and the build (a Dockerfile at the root, context `.`). */
function defaultImageAndBuild() {
  return {
    image: { ...CONFIG_SCHEMA.shape.image.parse(undefined), repository: '', containerName: '' },
    build: CONFIG_SCHEMA.shape.build.parse(undefined),
  };
}
