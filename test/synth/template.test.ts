// What the templates contain, asserted point by point: the build environment, the pipeline's
// shape, the source per provider, and the exact IAM actions and resources of every role.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { renderBuildspec } from '../../src/init/buildspec.js';
import { synthesizeGenericTemplate, synthesizeTemplate, type CloudFormationTemplate } from '../../src/synth/index.js';
import { allVariants, configOf } from './variants.js';

const CONNECTION = 'name: widget\nsource: {owner: acme, repository: widget}\n';

function synth(yaml: string): { template: Template; raw: CloudFormationTemplate } {
  const raw = synthesizeTemplate(parseConfig(yaml, 'slipway.yml'));
  return { template: Template.fromJSON(raw), raw };
}

/** The statements of a role's one inline policy. */
function statementsOf(raw: CloudFormationTemplate, roleId: string): unknown[] {
  const role = (raw.Resources as Record<string, { Properties: { Policies: { PolicyDocument: { Statement: unknown[] } }[] } }>)[roleId];
  expect(role, roleId).toBeDefined();
  expect(role?.Properties.Policies).toHaveLength(1);
  return role?.Properties.Policies[0]?.PolicyDocument.Statement ?? [];
}

const sub = (text: string) => ({ 'Fn::Sub': text });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

describe('every template is standalone', () => {
  const templates = [...allVariants().map((v) => [v.name, synthesizeTemplate(configOf(v))] as const), ['generic', synthesizeGenericTemplate()] as const];

  it.each(templates)('%s has no CDK metadata, bootstrap parameter, version rule or assets', (_name, raw) => {
    const text = JSON.stringify(raw);
    expect(text).not.toMatch(/aws:cdk:|CDKMetadata|BootstrapVersion|CheckBootstrapVersion|AssetParameters|cdk-hnb659fds|cdk_nag/);
    expect(raw).not.toHaveProperty('Transform');
    expect(raw.AWSTemplateFormatVersion).toBe('2010-09-09');
  });

  it.each(templates)('%s has readable logical ids, without CDK hashes', (_name, raw) => {
    for (const section of ['Parameters', 'Conditions', 'Resources', 'Outputs', 'Rules']) {
      for (const id of Object.keys((raw[section] as object | undefined) ?? {})) expect(id).toMatch(/^[A-Z][A-Za-z]*$/);
    }
  });
});

describe('the CodeBuild project', () => {
  const { template } = synth(CONNECTION);

  it('is a privileged Linux container on the standard image, with its log group and retention', () => {
    template.hasResourceProperties('AWS::CodeBuild::Project', {
      Name: 'widget-dev-build',
      Environment: { Type: 'LINUX_CONTAINER', PrivilegedMode: true, Image: 'aws/codebuild/standard:7.0', ComputeType: 'BUILD_GENERAL1_SMALL' },
      Source: { Type: 'CODEPIPELINE', BuildSpec: 'buildspec.yml' },
      Artifacts: { Type: 'CODEPIPELINE' },
      TimeoutInMinutes: 30,
      LogsConfig: { CloudWatchLogs: { Status: 'ENABLED', GroupName: { Ref: 'BuildProjectLogs' } } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/codebuild/widget-dev-build', RetentionInDays: 30 });
  });

  it('sets the four variables the generated buildspec reads, then the user\'s own', () => {
    const { template: withEnvironment } = synth(`${CONNECTION}build: {environment: {NODE_ENV: production}}\n`);
    withEnvironment.hasResourceProperties('AWS::CodeBuild::Project', {
      Environment: {
        EnvironmentVariables: [
          { Name: 'REPOSITORY_URI', Type: 'PLAINTEXT', Value: getAtt('Repository', 'RepositoryUri') },
          { Name: 'IMAGE_REPO_NAME', Type: 'PLAINTEXT', Value: { Ref: 'Repository' } },
          { Name: 'CONTAINER_NAME', Type: 'PLAINTEXT', Value: 'widget' },
          { Name: 'AWS_ACCOUNT_ID', Type: 'PLAINTEXT', Value: { Ref: 'AWS::AccountId' } },
          { Name: 'NODE_ENV', Type: 'PLAINTEXT', Value: 'production' },
        ],
      },
    });
  });

  it('carries the generated buildspec inline when build.inlineBuildspec is set', () => {
    const yaml = `${CONNECTION}build: {inlineBuildspec: true, dockerfile: docker/Dockerfile}\n`;
    synth(yaml).template.hasResourceProperties('AWS::CodeBuild::Project', { Source: { BuildSpec: renderBuildspec(parseConfig(yaml, 'slipway.yml')) } });
  });

  it('refuses build.environment that redefines a variable slipway sets', () => {
    // slipway.yml refuses it first, with its location; the construct refuses it too for CDK users.
    const bad = () => synth(`${CONNECTION}build: {environment: {REPOSITORY_URI: elsewhere}}\n`);
    expect(bad).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: 'build.environment.REPOSITORY_URI', message: expect.stringMatching(/set by the template itself/) })] }));
  });
});

describe('the build role', () => {
  it('may log in to ECR, push only to its repository, log only to its group, and use only its artifacts', () => {
    expect(statementsOf(synth(CONNECTION).raw, 'BuildProjectRole')).toEqual([
      { Sid: 'EcrLogin', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
      {
        Sid: 'EcrPushPull',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:GetDownloadUrlForLayer', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
        Resource: getAtt('Repository', 'Arn'),
      },
      { Sid: 'BuildLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt('BuildProjectLogs', 'Arn') },
      { Sid: 'ArtifactObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: sub('arn:${AWS::Partition}:s3:::${ArtifactStore}/widget-dev/*') },
      { Sid: 'ArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:GetBucketLocation'], Resource: sub('arn:${AWS::Partition}:s3:::${ArtifactStore}') },
    ]);
  });

  it('is trusted by CodeBuild only', () => {
    synth(CONNECTION).template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      Policies: [Match.objectLike({ PolicyName: 'build' })],
    });
  });

  it('uses the first 20 characters of the pipeline name as the artifact prefix (CodePipeline cuts it there)', () => {
    const { raw } = synth('name: a-rather-long-service-name\nenv: staging\nsource: {owner: acme, repository: widget}\n');
    expect(statementsOf(raw, 'BuildProjectRole')).toContainEqual(expect.objectContaining({ Sid: 'ArtifactObjects', Resource: sub('arn:${AWS::Partition}:s3:::${ArtifactStore}/a-rather-long-servic/*') }));
  });
});

describe('the pipeline', () => {
  const { template, raw } = synth(CONNECTION);

  it('is an explicit V2 pipeline, QUEUED by default, named <name>-<env>', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Name: 'widget-dev', PipelineType: 'V2', ExecutionMode: 'QUEUED', ArtifactStore: { Type: 'S3', Location: { Ref: 'ArtifactStore' } } });
    synth(`${CONNECTION}pipeline: {executionMode: SUPERSEDED}\n`).template.hasResourceProperties('AWS::CodePipeline::Pipeline', { ExecutionMode: 'SUPERSEDED' });
  });

  it('builds in a Build namespace, which exports the buildspec\'s IMAGE_TAG', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([
        {
          Name: 'Build',
          Actions: [
            {
              Name: 'Build',
              ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: '1' },
              Configuration: { ProjectName: { Ref: 'BuildProject' } },
              InputArtifacts: [{ Name: 'SourceOutput' }],
              OutputArtifacts: [{ Name: 'BuildOutput' }],
              Namespace: 'Build',
              RunOrder: 1,
            },
          ],
        },
      ]),
    });
    expect(renderBuildspec(parseConfig(CONNECTION, 'slipway.yml'))).toMatch(/exported-variables:\n\s+- IMAGE_TAG/);
  });

  it('has a role that may start only its project, use only its connection and touch only its bucket', () => {
    expect(statementsOf(raw, 'PipelineRole')).toEqual([
      { Sid: 'StartBuild', Effect: 'Allow', Action: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'], Resource: getAtt('BuildProject', 'Arn') },
      { Sid: 'ArtifactObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], Resource: sub('arn:${AWS::Partition}:s3:::${ArtifactStore}/widget-dev/*') },
      { Sid: 'ArtifactBucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetBucketVersioning'], Resource: sub('arn:${AWS::Partition}:s3:::${ArtifactStore}') },
      { Sid: 'UseConnection', Effect: 'Allow', Action: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], Resource: getAtt('Connection', 'ConnectionArn') },
    ]);
  });

  it('outputs the repository URI, the pipeline name, console URLs and the connection ARN', () => {
    expect(Object.keys(raw.Outputs as object)).toEqual(['RepositoryUri', 'PipelineName', 'PipelineConsoleUrl', 'RepositoryConsoleUrl', 'ConnectionArn']);
  });
});

describe('the connection source', () => {
  it('creates a connection when none is given, and starts on pushes to the branch through a V2 trigger', () => {
    const { template } = synth(CONNECTION);
    template.hasResourceProperties('AWS::CodeStarConnections::Connection', { ConnectionName: 'widget-dev', ProviderType: 'GitHub' });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([
        Match.objectLike({
          Name: 'Source',
          Actions: [
            Match.objectLike({
              ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeStarSourceConnection', Version: '1' },
              Configuration: { ConnectionArn: getAtt('Connection', 'ConnectionArn'), FullRepositoryId: 'acme/widget', BranchName: 'main', OutputArtifactFormat: 'CODE_ZIP', DetectChanges: true },
            }),
          ],
        }),
      ]),
      Triggers: [{ ProviderType: 'CodeStarSourceConnection', GitConfiguration: { SourceActionName: 'Source', Push: [{ Branches: { Includes: ['main'] } }] } }],
    });
  });

  it('uses a given connection, granting the action of its ARN\'s prefix on it only', () => {
    const arn = 'arn:aws:codestar-connections:eu-west-1:123456789012:connection/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const { template, raw } = synth(`name: widget\nsource: {owner: acme, repository: widget, connectionArn: "${arn}"}\n`);
    template.resourceCountIs('AWS::CodeStarConnections::Connection', 0);
    expect(statementsOf(raw, 'PipelineRole')).toContainEqual({ Sid: 'UseConnection', Effect: 'Allow', Action: ['codestar-connections:UseConnection'], Resource: arn });
  });

  it('detects no changes and has no trigger with trigger: none', () => {
    const { template, raw } = synth('name: widget\nsource: {owner: acme, repository: widget, trigger: none}\n');
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Stages: Match.arrayWith([Match.objectLike({ Actions: [Match.objectLike({ Configuration: Match.objectLike({ DetectChanges: false }) })] })]) });
    expect((raw.Resources as { Pipeline: { Properties: object } }).Pipeline.Properties).not.toHaveProperty('Triggers');
  });
});

describe('the GitHub (version 1) source', () => {
  it('takes the OAuth token from a NoEcho parameter, never as plain text, and registers an HMAC webhook on the branch', () => {
    const { template, raw } = synth('name: widget\nsource: {provider: github, owner: acme, repository: widget}\n');
    template.hasParameter('OAuthToken', { Type: 'String', NoEcho: true });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([
        Match.objectLike({
          Actions: [
            Match.objectLike({
              ActionTypeId: { Category: 'Source', Owner: 'ThirdParty', Provider: 'GitHub', Version: '1' },
              Configuration: { Owner: 'acme', Repo: 'widget', Branch: 'main', OAuthToken: { Ref: 'OAuthToken' }, PollForSourceChanges: false },
            }),
          ],
        }),
      ]),
    });
    template.hasResourceProperties('AWS::CodePipeline::Webhook', {
      Authentication: 'GITHUB_HMAC',
      AuthenticationConfiguration: { SecretToken: sub('{{resolve:secretsmanager:${WebhookSecret}:SecretString:::}}') },
      Filters: [{ JsonPath: '$.ref', MatchEquals: 'refs/heads/{Branch}' }],
      TargetPipeline: { Ref: 'Pipeline' },
      TargetAction: 'Source',
      TargetPipelineVersion: getAtt('Pipeline', 'Version'),
      RegisterWithThirdParty: true,
    });
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 40, ExcludePunctuation: true } });
    expect(raw.Outputs).toHaveProperty('WebhookUrl.Value', getAtt('Webhook', 'Url'));
  });

  it('reads the token from Secrets Manager through a dynamic reference when oauthToken.secret is set', () => {
    const { template } = synth('name: widget\nsource: {provider: github, owner: acme, repository: widget, oauthToken: {secret: ci/github, jsonKey: token}}\n');
    expect(template.toJSON()).not.toHaveProperty('Parameters.OAuthToken');
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Actions: [Match.objectLike({ Configuration: Match.objectLike({ OAuthToken: '{{resolve:secretsmanager:ci/github:SecretString:token::}}' }) })] })]),
    });
  });

  it('polls and has no webhook with trigger: polling', () => {
    const { template } = synth('name: widget\nsource: {provider: github, owner: acme, repository: widget, trigger: polling}\n');
    template.resourceCountIs('AWS::CodePipeline::Webhook', 0);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { Stages: Match.arrayWith([Match.objectLike({ Actions: [Match.objectLike({ Configuration: Match.objectLike({ PollForSourceChanges: true }) })] })]) });
  });
});

describe('the CodeCommit source', () => {
  const { template, raw } = synth('name: widget\nsource: {provider: codecommit, repository: widget}\n');

  it('is started by an EventBridge rule on pushes that create or move the branch, not by polling', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([Match.objectLike({ Actions: [Match.objectLike({ Configuration: { RepositoryName: 'widget', BranchName: 'main', OutputArtifactFormat: 'CODE_ZIP', PollForSourceChanges: false } })] })]),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.codecommit'],
        'detail-type': ['CodeCommit Repository State Change'],
        resources: [sub('arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:widget')],
        detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: ['main'] },
      },
      Targets: [{ Id: 'Pipeline', Arn: sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}'), RoleArn: getAtt('SourceEventRole', 'Arn') }],
    });
  });

  it('gives the rule a role that may start this pipeline only', () => {
    expect(statementsOf(raw, 'SourceEventRole')).toEqual([
      { Sid: 'StartPipeline', Effect: 'Allow', Action: ['codepipeline:StartPipelineExecution'], Resource: sub('arn:${AWS::Partition}:codepipeline:${AWS::Region}:${AWS::AccountId}:${Pipeline}') },
    ]);
  });

  it('lets the pipeline read this repository only', () => {
    expect(statementsOf(raw, 'PipelineRole')).toContainEqual({
      Sid: 'CodeCommitSource',
      Effect: 'Allow',
      Action: ['codecommit:CancelUploadArchive', 'codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetRepository', 'codecommit:GetUploadArchiveStatus', 'codecommit:UploadArchive'],
      Resource: sub('arn:${AWS::Partition}:codecommit:${AWS::Region}:${AWS::AccountId}:widget'),
    });
  });
});

describe('the ECR repository', () => {
  it('scans on push, keeps its images when the stack goes, and has the lifecycle policy', () => {
    const { template, raw } = synth(CONNECTION);
    template.hasResource('AWS::ECR::Repository', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'widget', ImageTagMutability: 'MUTABLE', ImageScanningConfiguration: { ScanOnPush: true } });
    const policy = JSON.parse(
      (raw.Resources as { Repository: { Properties: { LifecyclePolicy: { LifecyclePolicyText: string } } } })
        .Repository.Properties.LifecyclePolicy.LifecyclePolicyText,
    ) as {
      rules: { rulePriority: number; selection: Record<string, unknown> }[];
    };
    expect(policy.rules.map((r) => [r.rulePriority, r.selection])).toEqual([
      [1, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }],
      [2, { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 50 }],
    ]);
  });

  it('writes the exclusion filters of the *_WITH_EXCLUSION settings', () => {
    synth(`${CONNECTION}image: {tagMutability: IMMUTABLE_WITH_EXCLUSION, tagMutabilityExclusions: [latest, "dev-*"]}\n`).template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' },
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'dev-*' },
      ],
    });
  });
});

describe('the artifact bucket', () => {
  it('is encrypted with S3-managed keys, private, TLS-only and expiring, with no KMS key', () => {
    const { template } = synth(CONNECTION);
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [Match.objectLike({ Status: 'Enabled', ExpirationInDays: 30 })] },
      VersioningConfiguration: Match.absent(),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('is not created when a shared bucket is named, and both roles reach that bucket only', () => {
    const { template, raw } = synth(`${CONNECTION}artifacts: {bucket: acme-shared-artifacts}\n`);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { ArtifactStore: { Type: 'S3', Location: 'acme-shared-artifacts' } });
    for (const role of ['BuildProjectRole', 'PipelineRole']) {
      expect(statementsOf(raw, role)).toContainEqual(expect.objectContaining({ Sid: 'ArtifactObjects', Resource: sub('arn:${AWS::Partition}:s3:::acme-shared-artifacts/widget-dev/*') }));
    }
  });

  it('gets a rotating customer managed key only with encryption: KMS, used by the store, the bucket and the project', () => {
    const { template, raw } = synth(`${CONNECTION}artifacts: {encryption: KMS}\n`);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { ArtifactStore: { EncryptionKey: { Id: getAtt('ArtifactKey', 'Arn'), Type: 'KMS' } } });
    template.hasResourceProperties('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('ArtifactKey', 'Arn') }, BucketKeyEnabled: true }] } });
    template.hasResourceProperties('AWS::CodeBuild::Project', { EncryptionKey: getAtt('ArtifactKey', 'Arn') });
    const keyStatement = { Sid: 'ArtifactKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: getAtt('ArtifactKey', 'Arn') };
    expect(statementsOf(raw, 'BuildProjectRole')).toContainEqual(keyStatement);
    expect(statementsOf(raw, 'PipelineRole')).toContainEqual(keyStatement);
  });
});

describe('the ECS deploy stage', () => {
  const { template, raw } = synth(`${CONNECTION}deploy: {ecs: {cluster: web, service: widget}}\n`);

  it('deploys imagedefinitions.json from the build output with the standard ECS action', () => {
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([
        {
          Name: 'Deploy',
          Actions: [
            {
              Name: 'Deploy',
              ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'ECS', Version: '1' },
              Configuration: { ClusterName: 'web', ServiceName: 'widget', FileName: 'imagedefinitions.json' },
              InputArtifacts: [{ Name: 'BuildOutput' }],
              RunOrder: 1,
            },
          ],
        },
      ]),
    });
  });

  it('lets the pipeline update that service only, and pass roles only to ECS tasks', () => {
    const ecs = (resource: string) => sub(`arn:\${AWS::Partition}:ecs:\${AWS::Region}:\${AWS::AccountId}:${resource}`);
    expect(statementsOf(raw, 'PipelineRole').slice(-5)).toEqual([
      { Sid: 'EcsService', Effect: 'Allow', Action: ['ecs:DescribeServices', 'ecs:UpdateService'], Resource: ecs('service/web/widget') },
      { Sid: 'EcsTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks'], Resource: ecs('task/web/*') },
      { Sid: 'EcsTaskDefinitionTags', Effect: 'Allow', Action: ['ecs:TagResource'], Resource: ecs('task-definition/*') },
      { Sid: 'EcsTaskDefinitions', Effect: 'Allow', Action: ['ecs:DescribeTaskDefinition', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition'], Resource: '*' },
      {
        Sid: 'PassTaskRoles',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'),
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
    ]);
  });
});

describe('existing roles and tags', () => {
  it('uses the given role ARNs and creates no role', () => {
    const { template } = synth(`${CONNECTION}roles: {pipeline: "arn:aws:iam::123456789012:role/ci-pipeline", build: "arn:aws:iam::123456789012:role/ci-build"}\n`);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { RoleArn: 'arn:aws:iam::123456789012:role/ci-pipeline' });
    template.hasResourceProperties('AWS::CodeBuild::Project', { ServiceRole: 'arn:aws:iam::123456789012:role/ci-build' });
  });

  it('tags every resource that takes tags', () => {
    const { raw } = synth(`name: widget\nsource: {provider: github, owner: acme, repository: widget}\ntags: {team: platform}\n`);
    const untaggable = new Set(['AWS::S3::BucketPolicy', 'AWS::CodePipeline::Webhook']);
    for (const [id, resource] of Object.entries(raw.Resources as Record<string, { Type: string; Properties: { Tags?: unknown } }>)) {
      if (untaggable.has(resource.Type)) continue;
      expect(resource.Properties.Tags, id).toContainEqual({ Key: 'team', Value: 'platform' });
    }
  });
});

describe('the generic template', () => {
  const raw = synthesizeGenericTemplate();
  const template = Template.fromJSON(raw);

  it('takes exactly the recipe\'s parameters, plus ConnectionArn and ArtifactBucket, with OAuthToken NoEcho', () => {
    expect(Object.keys(raw.Parameters as object)).toEqual(['Env', 'CodeRepository', 'Branch', 'ImageRegistry', 'Owner', 'OAuthToken', 'ConnectionArn', 'ArtifactBucket']);
    template.hasParameter('OAuthToken', { NoEcho: true });
    template.hasParameter('ConnectionArn', { Default: '' });
    template.hasParameter('ArtifactBucket', { Default: '' });
  });

  it('creates the bucket only when ArtifactBucket is empty', () => {
    template.hasCondition('CreateArtifactBucket', { 'Fn::Equals': [{ Ref: 'ArtifactBucket' }, ''] });
    template.hasResource('AWS::S3::Bucket', { Condition: 'CreateArtifactBucket' });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', { ArtifactStore: { Location: { 'Fn::If': ['CreateArtifactBucket', { Ref: 'ArtifactStore' }, { Ref: 'ArtifactBucket' }] } } });
  });

  it('uses the connection when ConnectionArn is given, else GitHub version 1 with a webhook', () => {
    template.hasCondition('UseGitHub', { 'Fn::Equals': [{ Ref: 'ConnectionArn' }, ''] });
    template.hasCondition('UseConnection', { 'Fn::Not': [{ Condition: 'UseGitHub' }] });
    template.hasResource('AWS::CodePipeline::Webhook', { Condition: 'UseGitHub' });
    template.hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Stages: Match.arrayWith([{ Name: 'Source', Actions: [{ 'Fn::If': ['UseConnection', Match.objectLike({ ActionTypeId: Match.objectLike({ Provider: 'CodeStarSourceConnection' }) }), Match.objectLike({ ActionTypeId: Match.objectLike({ Provider: 'GitHub' }) })] }] }]),
      Triggers: { 'Fn::If': ['UseConnection', Match.anyValue(), { Ref: 'AWS::NoValue' }] },
    });
    expect(raw).toHaveProperty('Rules.OAuthTokenWithoutConnection.RuleCondition', { 'Fn::Equals': [{ Ref: 'ConnectionArn' }, ''] });
  });

  it('builds any repository\'s root Dockerfile with the generated buildspec, pushing to ImageRegistry', () => {
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: { Ref: 'ImageRegistry' } });
    template.hasResourceProperties('AWS::CodeBuild::Project', { Source: { BuildSpec: Match.stringLikeRegexp('docker build .* -f Dockerfile \\.') } });
  });
});
