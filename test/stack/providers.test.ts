// Resource providers, each with AWS's rules as the specification, run through the real engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PIPELINE_P } from './support/pipeline-template.js';
import { testEngine, type TestEngine } from './support/engine.js';

let t: TestEngine;
beforeEach(() => {
  t = testEngine();
});
afterEach(() => t.dispose());

const create = (stackName: string, templateBody: string) => t.engine.create({ stackName, templateBody, templateFile: join(t.home, `${stackName}.yaml`) });
const one = (type: string, properties: string) => `Resources:\n  R:\n    Type: ${type}\n    Properties: ${properties}\nOutputs:\n  Ref: { Value: !Ref R }\n`;
const resource = (stackName: string) => t.engine.describe(stackName).Resources.find((entry) => entry.LogicalResourceId === 'R')!;

describe('AWS::ECR::Repository', () => {
  it('creates a registry repository; RepositoryUri points at the local registry', async () => {
    const result = await create('ecr', one('AWS::ECR::Repository', '{ RepositoryName: team/app, ImageTagMutability: IMMUTABLE, ImageScanningConfiguration: { ScanOnPush: true } }'));
    expect(result.outputs[0]?.OutputValue).toBe('team/app');
    expect(resource('ecr').Attributes).toEqual({ Arn: 'arn:aws:ecr:us-east-1:000000000000:repository/team/app', RepositoryUri: '127.0.0.1:5999/team/app' });
    expect(t.registry().describeRepositories({ repositoryNames: ['team/app'] }).repositories[0]).toMatchObject({ imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true } });
  });

  it('rejects names ECR rejects, and lifecycle policies with the any rule not last', async () => {
    const badName = await create('bad-name', one('AWS::ECR::Repository', '{ RepositoryName: Team/App }'));
    expect(badName.reason).toMatch(/#\/RepositoryName: 'Team\/App' does not match the pattern/);
    const policy = JSON.stringify({ rules: [
      { rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } },
      { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } },
    ] });
    const badPolicy = await create('bad-policy', one('AWS::ECR::Repository', `{ LifecyclePolicy: { LifecyclePolicyText: '${policy}' } }`));
    expect(badPolicy.reason).toMatch(/a rule with tagStatus any must have the highest rulePriority/);
  });

  it('checks lifecycle policies and tag mutability with the registry\'s own rules, at the property path', async () => {
    const rule = (priority: unknown) => ({ rulePriority: priority, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } });
    const stringPriority = await create('string-priority', one('AWS::ECR::Repository', `{ LifecyclePolicy: { LifecyclePolicyText: '${JSON.stringify({ rules: [rule('1')] })}' } }`));
    expect(stringPriority.status).toBe('ROLLBACK_COMPLETE');
    expect(stringPriority.reason).toMatch(/#\/LifecyclePolicy\/LifecyclePolicyText: rules\[0\]\.rulePriority: must be an integer of 1 or more, got "1"/);
    const huge = JSON.stringify({ rules: [{ ...rule(1), description: 'x'.repeat(31_000) }] });
    const tooLong = await create('too-long', one('AWS::ECR::Repository', `{ LifecyclePolicy: { LifecyclePolicyText: '${huge}' } }`));
    expect(tooLong.reason).toMatch(/#\/LifecyclePolicy\/LifecyclePolicyText: policy text is \d+ characters; the limit is/);
    const badFilter = await create('bad-filter', one('AWS::ECR::Repository', '{ ImageTagMutability: IMMUTABLE_WITH_EXCLUSION, ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: WILDCARD, ImageTagMutabilityExclusionFilterValue: "bad tag!" }] }'));
    expect(badFilter.reason).toMatch(/#\/ImageTagMutabilityExclusionFilters\/0\/ImageTagMutabilityExclusionFilterValue: must match/);
    const badMode = await create('bad-mode', one('AWS::ECR::Repository', '{ ImageTagMutability: SOMETIMES }'));
    expect(badMode.reason).toMatch(/#\/ImageTagMutability: must be one of MUTABLE, IMMUTABLE/);
    expect(t.registry().describeRepositories().repositories).toEqual([]);
  });

  it('updates mutability, scanning and the lifecycle policy in place', async () => {
    await create('mutable', one('AWS::ECR::Repository', '{ RepositoryName: moving }'));
    const policy = '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":3},"action":{"type":"expire"}}]}';
    const result = await t.engine.update({ stackName: 'mutable', templateBody: one('AWS::ECR::Repository', `{ RepositoryName: moving, ImageTagMutability: IMMUTABLE, LifecyclePolicy: { LifecyclePolicyText: '${policy}' } }`) });
    expect(result.status).toBe('UPDATE_COMPLETE');
    expect(t.registry().describeRepositories({ repositoryNames: ['moving'] }).repositories[0]?.imageTagMutability).toBe('IMMUTABLE');
    expect(t.registry().getLifecyclePolicy({ repositoryName: 'moving' }).lifecyclePolicyText).toBe(policy);
  });
});

describe('AWS::IAM::Role', () => {
  it('accepts the trust policy as a JSON string and a Statement given as one mapping, as CloudFormation does', async () => {
    const json = await create('json-trust', one('AWS::IAM::Role', `{ RoleName: json-role, Path: /ci/, AssumeRolePolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole"}]}' }`));
    expect(json.status).toBe('CREATE_COMPLETE');
    expect(resource('json-trust').Attributes.Arn).toBe('arn:aws:iam::000000000000:role/ci/json-role');
    expect(resource('json-trust').Attributes.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
  });

  it('rejects a statement with an invalid Effect, naming where it is', async () => {
    const result = await create('bad-trust', one('AWS::IAM::Role', '{ AssumeRolePolicyDocument: { Statement: { Effect: Permit, Principal: { Service: x }, Action: sts:AssumeRole } } }'));
    expect(result.reason).toMatch(/#\/AssumeRolePolicyDocument\/Statement\/0: MalformedPolicyDocument: Effect must be Allow or Deny, got "Permit"/);
  });

  it('gives managed policies their ARN as Ref', async () => {
    const result = await create('managed', one('AWS::IAM::ManagedPolicy', '{ ManagedPolicyName: ci-policy, PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] } }'));
    expect(result.outputs[0]?.OutputValue).toBe('arn:aws:iam::000000000000:policy/ci-policy');
  });
});

describe('AWS::CodePipeline::Pipeline', () => {
  it('needs its artifact store to be a local bucket, where the pipeline engine will keep the zips', async () => {
    const stages = 'Stages: [{ Name: S, Actions: [{ Name: A, ActionTypeId: { Category: Source, Owner: AWS, Provider: S3, Version: 1 }, Configuration: { S3Bucket: b, S3ObjectKey: k }, OutputArtifacts: [{ Name: Out }] }] }, { Name: B, Actions: [{ Name: Approve, ActionTypeId: { Category: Approval, Owner: AWS, Provider: Manual, Version: 1 } }] }]';
    const result = await create('far', one('AWS::CodePipeline::Pipeline', `{ RoleArn: r, ArtifactStore: { Type: S3, Location: somebody-elses-bucket }, ${stages} }`));
    expect(result.reason).toMatch(/The artifact store bucket 'somebody-elses-bucket' does not exist locally/);
  });

  it('says where in the template a resource with invalid properties is', async () => {
    const result = await create('located', one('AWS::CodePipeline::Pipeline', '{ RoleArn: r, ArtifactStore: { Type: S3, Location: b }, Stages: [] }'));
    expect(result.reason).toMatch(/Properties validation failed for resource R with message: \[#\/Stages: a pipeline must contain at least two stages; it has 0\] \(.*located\.yaml:4:17\)$/);
  });
});

describe('AWS::CodeBuild::Project', () => {
  it('requires CODEPIPELINE artifacts with a CODEPIPELINE source', async () => {
    const result = await create('mismatch', one('AWS::CodeBuild::Project', '{ ServiceRole: r, Source: { Type: CODEPIPELINE }, Artifacts: { Type: NO_ARTIFACTS }, Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: i } }'));
    expect(result.reason).toMatch(/a project whose Source.Type is CODEPIPELINE must have Artifacts.Type CODEPIPELINE/);
  });
});

describe('AWS::CodePipeline::Webhook and AWS::CodeStarConnections::Connection', () => {
  it('needs a SecretToken for GITHUB_HMAC; Url is on the local webhook endpoint', async () => {
    const base = 'TargetPipeline: p, TargetAction: Source, TargetPipelineVersion: 1, Filters: [{ JsonPath: $.ref, MatchEquals: "refs/heads/{Branch}" }]';
    await create('pipe', PIPELINE_P);
    const wrongAction = await create('wrong-action', one('AWS::CodePipeline::Webhook', `{ Authentication: UNAUTHENTICATED, AuthenticationConfiguration: {}, ${base.replace('TargetAction: Source', 'TargetAction: Build')} }`));
    expect(wrongAction.reason).toMatch(/TargetAction 'Build' is not a source action of pipeline 'p' \(its source actions: Source\)/);
    const missing = await create('no-secret', one('AWS::CodePipeline::Webhook', `{ Authentication: GITHUB_HMAC, AuthenticationConfiguration: {}, ${base} }`));
    expect(missing.reason).toMatch(/GITHUB_HMAC authentication needs a SecretToken/);
    await create('hook', one('AWS::CodePipeline::Webhook', `{ Authentication: GITHUB_HMAC, AuthenticationConfiguration: { SecretToken: s3cret }, ${base} }`));
    expect(resource('hook').Attributes.Url).toMatch(/^http:\/\/127\.0\.0\.1:4610\/webhooks\/trigger\?t=[\w-]+&v=1$/);
    expect(t.account.pipelines.listWebhooks()[0]).toMatchObject({ authentication: 'GITHUB_HMAC', filters: [{ jsonPath: '$.ref', matchEquals: 'refs/heads/{Branch}' }] });
  });

  it('makes connections AVAILABLE at once, with AWS\'s ARN shape', async () => {
    const result = await create('conn', one('AWS::CodeStarConnections::Connection', '{ ConnectionName: gh, ProviderType: GitHub }'));
    expect(result.outputs[0]?.OutputValue).toMatch(/^arn:aws:codestar-connections:us-east-1:000000000000:connection\/[0-9a-f-]{36}$/);
    expect(resource('conn').Attributes.ConnectionStatus).toBe('AVAILABLE');
  });
});

describe('AWS::CodeCommit::Repository', () => {
  it('is a bare Git repository that can be pushed to, recorded for the pipeline engine', async () => {
    await create('git', one('AWS::CodeCommit::Repository', '{ RepositoryName: pushed }'));
    const cloneUrl = String(resource('git').Attributes.CloneUrlHttp);
    const work = mkdtempSync(join(tmpdir(), 'slipway-push-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: work, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).toString();
      git('init', '--quiet', '--initial-branch=main');
      writeFileSync(join(work, 'README'), 'hello');
      git('add', 'README');
      git('commit', '--quiet', '-m', 'first');
      git('push', '--quiet', cloneUrl, 'main');
      const [repository] = t.account.codecommit.list();
      expect(repository).toMatchObject({ repositoryName: 'pushed', path: fileURLToPath(cloneUrl) });
      expect(execFileSync('git', ['--git-dir', repository!.path, 'log', '--format=%s', 'main']).toString().trim()).toBe('first');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('AWS::SSM::Parameter and AWS::SecretsManager::Secret', () => {
  it('store values the local builds can read through their ParameterSource', async () => {
    await create('values', `Resources:
  P:
    Type: AWS::SSM::Parameter
    Properties: { Name: /ci/region, Type: String, Value: !Ref AWS::Region }
  S:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: ci/db
      GenerateSecretString: { SecretStringTemplate: '{"user":"ci"}', GenerateStringKey: password, PasswordLength: 16, ExcludePunctuation: true }
Outputs:
  SecretArn: { Value: !Ref S }
`);
    const source = t.account.parameters;
    expect(await source.getParameter('/ci/region')).toBe('us-east-1');
    const secret = JSON.parse((await source.getSecretString({ secretId: 'ci/db' }))!) as { user: string; password: string };
    expect(secret.user).toBe('ci');
    expect(secret.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(t.engine.describe('values').Outputs[0]?.OutputValue).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:ci\/db-[A-Za-z]{6}$/);
  });

  it('rejects SecureString, which CloudFormation cannot create', async () => {
    const result = await create('secure', one('AWS::SSM::Parameter', '{ Type: SecureString, Value: x }'));
    expect(result.reason).toMatch(/'SecureString' is not a valid enum value/);
  });
});

describe('AWS::Events::Rule', () => {
  it('records its pattern (given as a mapping or a JSON string) and targets', async () => {
    await create('rule', one('AWS::Events::Rule', `{ Name: on-push, EventPattern: '{"source":["aws.codecommit"]}', Targets: [{ Id: p, Arn: 'arn:aws:codepipeline:us-east-1:000000000000:p' }] }`));
    expect(t.account.eventRules.list()).toEqual([expect.objectContaining({
      name: 'on-push', arn: 'arn:aws:events:us-east-1:000000000000:rule/on-push', eventPattern: { source: ['aws.codecommit'] }, targets: [{ id: 'p', arn: 'arn:aws:codepipeline:us-east-1:000000000000:p' }],
    })]);
  });
});

describe('AWS::CloudFormation::Stack', () => {
  it('reads a nested template from a local bucket through its S3 URL', async () => {
    await create('store', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: templates-bucket }\n');
    t.engine.artifacts.putObject('templates-bucket', 'child.yaml', 'Resources:\n  T: { Type: AWS::SNS::Topic }\nOutputs:\n  Name: { Value: !GetAtt T.TopicName }\n');
    const result = await create('parent', 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: { TemplateURL: "https://templates-bucket.s3.us-east-1.amazonaws.com/child.yaml" }\nOutputs:\n  Name: { Value: !GetAtt Child.Outputs.Name }\n');
    expect(result.outputs[0]?.OutputValue).toMatch(/^parent-Child-[A-Z0-9]{12}-T-/);
    expect(t.engine.listStacks().map((stack) => stack.stackName)).toHaveLength(3);
    await t.engine.delete('parent');
    expect(t.engine.listStacks().map((stack) => stack.stackName)).toEqual(['store']);
    t.engine.artifacts.deleteObject('templates-bucket', 'child.yaml');
  });
});

describe('Ref and GetAtt shapes of the recorded types', () => {
  it('follow AWS: names, ARNs and ids with the local account and region', async () => {
    const result = await create('shapes', `Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties: { LogGroupName: /ci/build, RetentionInDays: 7 }
  Topic:
    Type: AWS::SNS::Topic
    Properties: { TopicName: events.fifo, FifoTopic: true }
  Reports:
    Type: AWS::CodeBuild::ReportGroup
    Properties: { Name: unit, Type: TEST, ExportConfig: { ExportConfigType: NO_EXPORT } }
  Gallery:
    Type: AWS::ECR::PublicRepository
    Properties: { RepositoryName: public-app }
  Key:
    Type: AWS::KMS::Key
  Alias:
    Type: AWS::KMS::Alias
    Properties: { AliasName: alias/ci, TargetKeyId: !Ref Key }
  Bucket:
    Type: AWS::S3::Bucket
    Properties: { BucketName: shaped-bucket }
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument: { Statement: [{ Effect: Deny, Principal: '*', Action: 's3:*', Resource: !Sub '\${Bucket.Arn}/*' }] }
Outputs:
  LogsArn: { Value: !GetAtt Logs.Arn }
  TopicRef: { Value: !Ref Topic }
  TopicName: { Value: !GetAtt Topic.TopicName }
  ReportsRef: { Value: !Ref Reports }
  GalleryArn: { Value: !GetAtt Gallery.Arn }
  KeyArn: { Value: !GetAtt Key.Arn }
  AliasRef: { Value: !Ref Alias }
  BucketDomain: { Value: !GetAtt Bucket.RegionalDomainName }
`);
    const outputs = Object.fromEntries(result.outputs.map((output) => [output.OutputKey, output.OutputValue]));
    expect(outputs).toEqual({
      LogsArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/ci/build:*',
      TopicRef: 'arn:aws:sns:us-east-1:000000000000:events.fifo',
      TopicName: 'events.fifo',
      ReportsRef: 'arn:aws:codebuild:us-east-1:000000000000:report-group/unit',
      GalleryArn: 'arn:aws:ecr-public::000000000000:repository/public-app',
      KeyArn: expect.stringMatching(/^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/),
      AliasRef: 'alias/ci',
      BucketDomain: 'shaped-bucket.s3.us-east-1.amazonaws.com',
    });
    expect(t.engine.artifacts.bucketSettings('shaped-bucket').policy).toMatchObject({ Statement: [{ Effect: 'Deny', Resource: 'arn:aws:s3:::shaped-bucket/*' }] });
  });

  it('reject what the services reject: reserved alias names, a FIFO name on a standard topic, an unattached IAM policy, a bad retention', async () => {
    const cases: [string, string][] = [
      ['AWS::KMS::Alias', '{ AliasName: alias/aws/s3, TargetKeyId: k }'],
      ['AWS::SNS::Topic', '{ TopicName: plain.fifo }'],
      ['AWS::IAM::Policy', '{ PolicyName: p, PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] } }'],
      ['AWS::Logs::LogGroup', '{ RetentionInDays: 2 }'],
    ];
    const reasons: (string | undefined)[] = [];
    for (const [index, [type, properties]] of cases.entries()) reasons.push((await create(`reject${index}`, one(type, properties))).reason);
    expect(reasons).toEqual([
      expect.stringMatching(/reserved for AWS managed keys/),
      expect.stringMatching(/a FIFO topic name must end with .fifo, and only a FIFO topic name may/),
      expect.stringMatching(/at least one of Roles, Users or Groups must be given/),
      expect.stringMatching(/#\/RetentionInDays: '2' is not a valid enum value/),
    ]);
  });
});

describe('the configuration recorded for the local pipeline engine', () => {
  it('normalizes a pipeline and keeps its creation time across updates while its version grows', async () => {
    await create('pipe', PIPELINE_P);
    const first = t.account.pipelines.get('p')!;
    expect(first).toMatchObject({ version: 1, metadata: { pipelineArn: 'arn:aws:codepipeline:us-east-1:000000000000:p' } });
    expect(first.pipeline).toMatchObject({
      name: 'p', pipelineType: 'V1', executionMode: 'SUPERSEDED',
      stages: [
        { name: 'Source', actions: [{ name: 'Source', runOrder: 1, actionTypeId: { category: 'Source', owner: 'ThirdParty', provider: 'GitHub', version: '1' }, outputArtifacts: ['Src'], configuration: { Branch: 'main', PollForSourceChanges: false } }] },
        { name: 'Approve', actions: [{ name: 'Approve', inputArtifacts: [], outputArtifacts: [] }] },
      ],
    });
    await t.engine.update({ stackName: 'pipe', templateBody: PIPELINE_P.replace('Branch: main', 'Branch: release') });
    const second = t.account.pipelines.get('p')!;
    expect(second).toMatchObject({ version: 2, metadata: { created: first.metadata.created } });
    expect(second.pipeline.stages[0]?.actions[0]?.configuration.Branch).toBe('release');
  });
});
