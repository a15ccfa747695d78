// Every operation the local AWS endpoint serves (issue 10's list, docs/local-aws-operations.md),
// driven through a real `slipway up` by the AWS SDK for JavaScript v3 over HTTP: one successful
// call checked on its essential output fields, and its most common error checked by the name and
// HTTP status AWS documents for it. The account starts with a pipeline stack (--template), so the
// CodeBuild, CloudWatch Logs and CodePipeline reads have a project, a build and an execution.
import {
  AlreadyExistsException, ChangeSetNotFoundException, CloudFormationClient, CreateChangeSetCommand, CreateStackCommand, DeleteChangeSetCommand,
  DeleteStackCommand, DescribeChangeSetCommand, DescribeStackEventsCommand, DescribeStackResourcesCommand, DescribeStacksCommand,
  ExecuteChangeSetCommand, GetTemplateCommand, ListExportsCommand, ListStackResourcesCommand, ListStacksCommand, UpdateStackCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  BatchGetBuildsCommand, BatchGetProjectsCommand, CodeBuildClient, ListBuildsCommand, ListBuildsForProjectCommand, ListProjectsCommand,
  StartBuildCommand, StopBuildCommand,
} from '@aws-sdk/client-codebuild';
import {
  CodePipelineClient, DisableStageTransitionCommand, EnableStageTransitionCommand, GetPipelineCommand, GetPipelineExecutionCommand,
  GetPipelineStateCommand, ListActionExecutionsCommand, ListPipelineExecutionsCommand, ListPipelinesCommand, PutApprovalResultCommand,
  RetryStageExecutionCommand, StartPipelineExecutionCommand, StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { CodeStarConnectionsClient, GetConnectionCommand, ListConnectionsCommand } from '@aws-sdk/client-codestar-connections';
import {
  BatchDeleteImageCommand, BatchGetImageCommand, CreateRepositoryCommand, DeleteRepositoryCommand, DescribeImagesCommand,
  DescribeRegistryCommand, DescribeRepositoriesCommand, ECRClient, GetAuthorizationTokenCommand, GetLifecyclePolicyCommand, ListImagesCommand,
  PutImageTagMutabilityCommand, PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand,
  ListBucketsCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  DeleteParameterCommand, GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { BUILDSPEC, pipelineTemplate } from '../pipeline/support/pipeline-world.js';
import { startUp, type RunningUp } from './support/running-up.js';

let up: RunningUp;
let repo: GitRepo;
let dir: string;
let buildByHand: string;
const clients: { destroy(): void }[] = [];

/** A client of `Client` pointed at the running up (S3 path-style, as the endpoint serves it). */
function client<T extends { destroy(): void }>(Client: new (config: never) => T, extra: Record<string, unknown> = {}): T {
  const made = new Client({ ...up.clientConfig, ...extra } as never);
  clients.push(made);
  return made;
}

/** The error `call` fails with: its SDK name and HTTP status (a call that succeeds fails the test). */
async function failure(call: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await call;
  } catch (error) {
    const failed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  throw new Error('the call succeeded; an error was expected');
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-every-op-'));
  repo = makeGitRepo({ 'buildspec.yml': BUILDSPEC, version: '1\n' });
  writeFileSync(join(dir, 'pipeline.yaml'), pipelineTemplate('QUEUED'));
  up = await startUp({ cwd: dir, home: join(dir, 'home'), args: ['--template', join(dir, 'pipeline.yaml'), '--stack-name', 'pipe', '--source', `acme/app=${repo.dir}`] });
}, 60_000);

afterAll(async () => {
  for (const made of clients) made.destroy();
  expect(await up?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
  if (repo) rmSync(repo.dir, { recursive: true, force: true });
});

/** Pushes a one-config, no-layer image to `name:tag` through the registry's /v2/ with ECR's password. */
async function pushImage(name: string, tag: string, password: string): Promise<string> {
  const auth = `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`;
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [] } }));
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const base = `http://${up.ready.registry}/v2/${name}`;
  const started = await fetch(`${base}/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
  expect(started.status).toBe(202);
  const location = new URL(started.headers.get('location')!, base);
  location.searchParams.set('digest', configDigest);
  expect((await fetch(location, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/octet-stream' }, body: config })).status).toBe(201);
  const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest }, layers: [] });
  const put = await fetch(`${base}/manifests/${tag}`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }, body: manifest });
  expect(put.status).toBe(201);
  return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
}

describe('ECR through slipway up', () => {
  it('GetAuthorizationToken, CreateRepository, DescribeRepositories, PutImageTagMutability, lifecycle policies, each with its common error', async () => {
    const ecr = client(ECRClient);
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!;
    expect(Buffer.from(token.authorizationToken!, 'base64').toString()).toMatch(/^AWS:.+/);
    expect(token.proxyEndpoint).toMatch(/^https?:\/\/127\.0\.0\.1:\d+$/);
    expect(token.expiresAt).toBeInstanceOf(Date);
    expect(await failure(ecr.send(new GetAuthorizationTokenCommand({ registryIds: ['123456789012'] })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });

    const created = (await ecr.send(new CreateRepositoryCommand({ repositoryName: 'every/app' }))).repository!;
    expect(created).toMatchObject({ repositoryName: 'every/app', registryId: up.ready.accountId, repositoryArn: `arn:aws:ecr:${up.ready.region}:${up.ready.accountId}:repository/every/app`, imageTagMutability: 'MUTABLE' });
    expect(created.repositoryUri).toBe(`${up.ready.registry}/every/app`);
    expect(await failure(ecr.send(new CreateRepositoryCommand({ repositoryName: 'every/app' })))).toMatchObject({ name: 'RepositoryAlreadyExistsException', status: 400 });

    const described = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['every/app'] }))).repositories!;
    expect(described.map((repository) => repository.repositoryName)).toEqual(['every/app']);
    expect(await failure(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['every/none'] })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });

    const mutability = await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'every/app', imageTagMutability: 'IMMUTABLE' }));
    expect(mutability).toMatchObject({ repositoryName: 'every/app', imageTagMutability: 'IMMUTABLE', registryId: up.ready.accountId });
    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'every/app', imageTagMutability: 'MUTABLE' }));
    expect(await failure(ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'every/none', imageTagMutability: 'IMMUTABLE' })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });

    expect(await failure(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'every/app' })))).toMatchObject({ name: 'LifecyclePolicyNotFoundException', status: 400 });
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } }] });
    expect(await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'every/app', lifecyclePolicyText: policy }))).toMatchObject({ repositoryName: 'every/app', lifecyclePolicyText: policy });
    expect(await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'every/app' }))).toMatchObject({ repositoryName: 'every/app', lifecyclePolicyText: policy, registryId: up.ready.accountId });
    expect(await failure(ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'every/app', lifecyclePolicyText: 'not json' })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    // An operation slipway does not serve is AWS's unknown-operation error, naming it.
    const unserved = await failure(ecr.send(new DescribeRegistryCommand({})));
    expect(unserved).toMatchObject({ name: 'UnknownOperationException', status: 400, message: expect.stringContaining('DescribeRegistry') });
  });

  it('an image pushed through /v2/: DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, DeleteRepository, each with its common error', async () => {
    const ecr = client(ECRClient);
    const password = Buffer.from((await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData![0]!.authorizationToken!, 'base64').toString().slice('AWS:'.length);
    const digest = await pushImage('every/app', 'v1', password);

    const images = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'every/app' }))).imageDetails!;
    expect(images).toEqual([expect.objectContaining({ imageDigest: digest, imageTags: ['v1'], repositoryName: 'every/app', imagePushedAt: expect.any(Date), imageSizeInBytes: expect.any(Number) })]);
    expect(await failure(ecr.send(new DescribeImagesCommand({ repositoryName: 'every/app', imageIds: [{ imageTag: 'v9' }] })))).toMatchObject({ name: 'ImageNotFoundException', status: 400 });

    expect((await ecr.send(new ListImagesCommand({ repositoryName: 'every/app' }))).imageIds).toEqual([{ imageDigest: digest, imageTag: 'v1' }]);
    expect(await failure(ecr.send(new ListImagesCommand({ repositoryName: 'every/none' })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });

    const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'every/app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }));
    expect(got.images!.map((image) => [image.imageId!.imageDigest, JSON.parse(image.imageManifest!).schemaVersion])).toEqual([[digest, 2]]);
    expect(got.failures!.map((failed) => [failed.imageId!.imageTag, failed.failureCode])).toEqual([['v9', 'ImageNotFound']]);
    expect(await failure(ecr.send(new BatchGetImageCommand({ repositoryName: 'every/none', imageIds: [{ imageTag: 'v1' }] })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });

    expect(await failure(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'every/app' })))).toMatchObject({ name: 'RepositoryNotEmptyException', status: 400 });
    const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'every/app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] }));
    expect(deleted.imageIds).toEqual([{ imageDigest: digest, imageTag: 'v1' }]);
    expect(deleted.failures!.map((failed) => [failed.imageId!.imageTag, failed.failureCode])).toEqual([['v9', 'ImageNotFound']]);
    expect(await failure(ecr.send(new BatchDeleteImageCommand({ repositoryName: 'every/none', imageIds: [{ imageTag: 'v1' }] })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });

    expect((await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'every/app' }))).repository).toMatchObject({ repositoryName: 'every/app' });
    expect(await failure(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'every/app' })))).toMatchObject({ name: 'RepositoryNotFoundException', status: 400 });
  });
});

describe('STS through slipway up', () => {
  it('GetCallerIdentity is the root user, AssumeRole hands out credentials that work; another account\'s role, a short duration and a wrong key are refused', async () => {
    const sts = client(STSClient);
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: up.ready.accountId, Arn: `arn:aws:iam::${up.ready.accountId}:root` });
    const roleArn = `arn:aws:iam::${up.ready.accountId}:role/deployer`;
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'every' }));
    expect(assumed.Credentials).toMatchObject({ AccessKeyId: expect.stringMatching(/^ASIA/), SecretAccessKey: expect.any(String), SessionToken: expect.any(String), Expiration: expect.any(Date) });
    expect(assumed.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${up.ready.accountId}:assumed-role/deployer/every`);
    const { Credentials: c } = assumed;
    const asRole = client(STSClient, { credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${up.ready.accountId}:assumed-role/deployer/every`);

    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/other', RoleSessionName: 'every' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await failure(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'every', DurationSeconds: 60 })))).toMatchObject({ name: 'ValidationError', status: 400 });
    const wrongKey = client(STSClient, { credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: 'wrong' } });
    expect(await failure(wrongKey.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    const badSignature = client(STSClient, { credentials: { accessKeyId: up.ready.accessKeyId, secretAccessKey: 'not-the-secret' } });
    expect(await failure(badSignature.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });
});

describe('signatures through slipway up (docs/local-aws-api.md, "Authentication")', () => {
  it('a wrong secret, an unknown key and a clock 20 minutes off are refused in each protocol\'s words: awsJson (ECR), awsQuery (STS), S3', async () => {
    const wrongSecret = { credentials: { accessKeyId: up.ready.accessKeyId, secretAccessKey: 'not-the-secret' } };
    const unknownKey = { credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: 'wrong' } };
    // maxAttempts 1: the SDK would otherwise correct its clock from the answer's Date and retry.
    const skewed = { systemClockOffset: -20 * 60_000 };
    const json = (extra: Record<string, unknown>) => failure(client(ECRClient, extra).send(new DescribeRepositoriesCommand({})));
    expect(await json(wrongSecret)).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(await json(unknownKey)).toMatchObject({ name: 'UnrecognizedClientException', status: 400 });
    expect(await json(skewed)).toMatchObject({ name: 'InvalidSignatureException', status: 400, message: expect.stringContaining('Signature expired') });
    const query = (extra: Record<string, unknown>) => failure(client(STSClient, extra).send(new GetCallerIdentityCommand({})));
    expect(await query(wrongSecret)).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(await query(unknownKey)).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect(await query(skewed)).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403, message: expect.stringContaining('Signature expired') });
    const s3 = (extra: Record<string, unknown>) => failure(client(S3Client, { forcePathStyle: true, ...extra }).send(new ListBucketsCommand({})));
    expect(await s3(wrongSecret)).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(await s3(unknownKey)).toMatchObject({ name: 'InvalidAccessKeyId', status: 403 });
    expect(await s3(skewed)).toMatchObject({ name: 'RequestTimeTooSkewed', status: 403 });
  });
});

describe('SSM Parameter Store through slipway up', () => {
  it('PutParameter, GetParameter, GetParameters, GetParametersByPath, DeleteParameter, each with its common error', async () => {
    const ssm = client(SSMClient);
    expect(await ssm.send(new PutParameterCommand({ Name: '/every/a', Value: 'one', Type: 'String' }))).toMatchObject({ Version: 1, Tier: 'Standard' });
    expect(await ssm.send(new PutParameterCommand({ Name: '/every/a', Value: 'two', Type: 'String', Overwrite: true }))).toMatchObject({ Version: 2 });
    await ssm.send(new PutParameterCommand({ Name: '/every/deep/b', Value: 'bee', Type: 'SecureString' }));
    expect(await failure(ssm.send(new PutParameterCommand({ Name: '/every/a', Value: 'three', Type: 'String' })))).toMatchObject({ name: 'ParameterAlreadyExists', status: 400 });

    expect((await ssm.send(new GetParameterCommand({ Name: '/every/a' }))).Parameter).toMatchObject({ Name: '/every/a', Value: 'two', Type: 'String', Version: 2, ARN: `arn:aws:ssm:${up.ready.region}:${up.ready.accountId}:parameter/every/a` });
    expect((await ssm.send(new GetParameterCommand({ Name: '/every/a:1' }))).Parameter).toMatchObject({ Value: 'one', Version: 1 });
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/every/none' })))).toMatchObject({ name: 'ParameterNotFound', status: 400 });
    expect(await failure(ssm.send(new GetParameterCommand({ Name: '/every/a:7' })))).toMatchObject({ name: 'ParameterVersionNotFound', status: 400 });

    const several = await ssm.send(new GetParametersCommand({ Names: ['/every/a', '/every/deep/b', '/every/none'], WithDecryption: true }));
    expect(several.Parameters!.map((parameter) => [parameter.Name, parameter.Value])).toEqual([['/every/a', 'two'], ['/every/deep/b', 'bee']]);
    expect(several.InvalidParameters).toEqual(['/every/none']);

    expect((await ssm.send(new GetParametersByPathCommand({ Path: '/every' }))).Parameters!.map((parameter) => parameter.Name)).toEqual(['/every/a']);
    const recursive = await ssm.send(new GetParametersByPathCommand({ Path: '/every', Recursive: true, WithDecryption: true }));
    expect(recursive.Parameters!.map((parameter) => [parameter.Name, parameter.Value]).sort()).toEqual([['/every/a', 'two'], ['/every/deep/b', 'bee']]);
    expect(await failure(ssm.send(new GetParametersByPathCommand({ Path: '/every', MaxResults: 11 })))).toMatchObject({ name: 'ValidationException', status: 400 });

    expect(await ssm.send(new DeleteParameterCommand({ Name: '/every/deep/b' }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(await failure(ssm.send(new DeleteParameterCommand({ Name: '/every/deep/b' })))).toMatchObject({ name: 'ParameterNotFound', status: 400 });
  });
});

describe('Secrets Manager through slipway up', () => {
  it('CreateSecret, PutSecretValue, GetSecretValue, DescribeSecret, DeleteSecret, each with its common error', async () => {
    const secrets = client(SecretsManagerClient);
    const created = await secrets.send(new CreateSecretCommand({ Name: 'every/db', SecretString: 'first' }));
    expect(created).toMatchObject({ Name: 'every/db', ARN: expect.stringMatching(new RegExp(`^arn:aws:secretsmanager:${up.ready.region}:${up.ready.accountId}:secret:every/db-[A-Za-z0-9]{6}$`)), VersionId: expect.any(String) });
    expect(await failure(secrets.send(new CreateSecretCommand({ Name: 'every/db', SecretString: 'again' })))).toMatchObject({ name: 'ResourceExistsException', status: 400 });

    const put = await secrets.send(new PutSecretValueCommand({ SecretId: 'every/db', SecretString: 'second' }));
    expect(put).toMatchObject({ Name: 'every/db', ARN: created.ARN, VersionStages: ['AWSCURRENT'] });
    expect(await failure(secrets.send(new PutSecretValueCommand({ SecretId: 'every/none', SecretString: 'x' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    expect(await secrets.send(new GetSecretValueCommand({ SecretId: 'every/db' }))).toMatchObject({ Name: 'every/db', SecretString: 'second', VersionId: put.VersionId, VersionStages: ['AWSCURRENT'] });
    expect(await secrets.send(new GetSecretValueCommand({ SecretId: created.ARN, VersionStage: 'AWSPREVIOUS' }))).toMatchObject({ SecretString: 'first', VersionId: created.VersionId });
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'every/none' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    const described = await secrets.send(new DescribeSecretCommand({ SecretId: 'every/db' }));
    expect(described).toMatchObject({ Name: 'every/db', ARN: created.ARN, VersionIdsToStages: { [created.VersionId!]: ['AWSPREVIOUS'], [put.VersionId!]: ['AWSCURRENT'] } });
    expect(await failure(secrets.send(new DescribeSecretCommand({ SecretId: 'every/none' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    expect(await failure(secrets.send(new DeleteSecretCommand({ SecretId: 'every/db', RecoveryWindowInDays: 3 })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    const deleted = await secrets.send(new DeleteSecretCommand({ SecretId: 'every/db', RecoveryWindowInDays: 7 }));
    expect(deleted).toMatchObject({ Name: 'every/db', ARN: created.ARN, DeletionDate: expect.any(Date) });
    expect(deleted.DeletionDate!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(await failure(secrets.send(new GetSecretValueCommand({ SecretId: 'every/db' })))).toMatchObject({ name: 'InvalidRequestException', status: 400 });
    expect((await secrets.send(new DescribeSecretCommand({ SecretId: 'every/db' }))).DeletedDate).toBeInstanceOf(Date);
    await secrets.send(new DeleteSecretCommand({ SecretId: 'every/db', ForceDeleteWithoutRecovery: true }));
    expect(await failure(secrets.send(new DescribeSecretCommand({ SecretId: 'every/db' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });
});

const STACK_TEMPLATE = (value: string, extra = '') => `Parameters:
  Value: { Type: String, Default: ${value} }
Resources:
  Param: { Type: AWS::SSM::Parameter, Properties: { Name: /every/stack, Type: String, Value: !Ref Value } }
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: every-bucket } }
${extra}Outputs:
  BucketName: { Value: !Ref Bucket, Export: { Name: every-bucket-name } }
`;

async function settled(cloudformation: CloudFormationClient, stackName: string) {
  return until(`${stackName} to settle`, async () => {
    const stack = (await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!;
    return stack.StackStatus!.endsWith('_IN_PROGRESS') ? undefined : stack;
  });
}

describe('CloudFormation through slipway up', () => {
  it('ValidateTemplate, CreateStack, DescribeStacks, ListStacks, GetTemplate, each with its common error', async () => {
    const cloudformation = client(CloudFormationClient);
    const validated = await cloudformation.send(new ValidateTemplateCommand({ TemplateBody: STACK_TEMPLATE('one') }));
    expect(validated.Parameters).toEqual([expect.objectContaining({ ParameterKey: 'Value', DefaultValue: 'one', NoEcho: false })]);
    expect(await failure(cloudformation.send(new ValidateTemplateCommand({ TemplateBody: 'Resources: {}\nNot: [' })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const { StackId } = await cloudformation.send(new CreateStackCommand({ StackName: 'every', TemplateBody: STACK_TEMPLATE('one') }));
    expect(StackId).toMatch(new RegExp(`^arn:aws:cloudformation:${up.ready.region}:${up.ready.accountId}:stack/every/`));
    expect(await failure(cloudformation.send(new CreateStackCommand({ StackName: 'every', TemplateBody: STACK_TEMPLATE('one') })))).toMatchObject({ name: 'AlreadyExistsException', status: 400 });
    expect(AlreadyExistsException.name).toBe('AlreadyExistsException');

    const stack = await settled(cloudformation, 'every');
    expect(stack).toMatchObject({ StackName: 'every', StackId, StackStatus: 'CREATE_COMPLETE', Parameters: [{ ParameterKey: 'Value', ParameterValue: 'one' }], Outputs: [expect.objectContaining({ OutputKey: 'BucketName', OutputValue: 'every-bucket', ExportName: 'every-bucket-name' })] });
    const missing = await failure(cloudformation.send(new DescribeStacksCommand({ StackName: 'every-none' })));
    expect(missing).toMatchObject({ name: 'ValidationError', status: 400, message: 'Stack with id every-none does not exist' });

    const listed = (await cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }))).StackSummaries!;
    expect(listed.map((summary) => summary.StackName).sort()).toEqual(['every', 'pipe']);
    expect(await failure(cloudformation.send(new ListStacksCommand({ NextToken: 'not-a-token' })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const template = await cloudformation.send(new GetTemplateCommand({ StackName: 'every' }));
    expect(template.TemplateBody).toBe(STACK_TEMPLATE('one'));
    expect(template.StagesAvailable).toEqual(['Original', 'Processed']);
    expect(await failure(cloudformation.send(new GetTemplateCommand({ StackName: 'every-none' })))).toMatchObject({ name: 'ValidationError', status: 400 });
  });

  it('DescribeStackEvents, DescribeStackResources, ListStackResources, ListExports, each with its common error', async () => {
    const cloudformation = client(CloudFormationClient);
    const events = (await cloudformation.send(new DescribeStackEventsCommand({ StackName: 'every' }))).StackEvents!;
    expect(events[0]).toMatchObject({ LogicalResourceId: 'every', ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: 'CREATE_COMPLETE' });
    expect(events.at(-1)).toMatchObject({ LogicalResourceId: 'every', ResourceStatus: 'CREATE_IN_PROGRESS' });
    expect(events.filter((event) => event.ResourceStatus === 'CREATE_COMPLETE').map((event) => event.LogicalResourceId).sort()).toEqual(['Bucket', 'Param', 'every']);
    expect(await failure(cloudformation.send(new DescribeStackEventsCommand({ StackName: 'every-none' })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const resources = (await cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'every' }))).StackResources!;
    const rows = resources.map((resource) => [resource.LogicalResourceId, resource.PhysicalResourceId, resource.ResourceType, resource.ResourceStatus]);
    expect(rows.sort()).toEqual([
      ['Bucket', 'every-bucket', 'AWS::S3::Bucket', 'CREATE_COMPLETE'], ['Param', '/every/stack', 'AWS::SSM::Parameter', 'CREATE_COMPLETE'],
    ]);
    expect(await failure(cloudformation.send(new DescribeStackResourcesCommand({ StackName: 'every-none' })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const summaries = (await cloudformation.send(new ListStackResourcesCommand({ StackName: 'every' }))).StackResourceSummaries!;
    expect(summaries.map((summary) => [summary.LogicalResourceId, summary.PhysicalResourceId, summary.ResourceStatus]).sort()).toEqual([['Bucket', 'every-bucket', 'CREATE_COMPLETE'], ['Param', '/every/stack', 'CREATE_COMPLETE']]);
    expect(await failure(cloudformation.send(new ListStackResourcesCommand({ StackName: 'every-none' })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const exports = (await cloudformation.send(new ListExportsCommand({}))).Exports!;
    expect(exports.find((exported) => exported.Name === 'every-bucket-name')).toMatchObject({ Value: 'every-bucket', ExportingStackId: expect.stringContaining(':stack/every/') });
    expect(await failure(cloudformation.send(new ListExportsCommand({ NextToken: 'not-a-token' })))).toMatchObject({ name: 'ValidationError', status: 400 });
  });

  it('UpdateStack, then change sets (CreateChangeSet, DescribeChangeSet, DeleteChangeSet, ExecuteChangeSet), each with its common error', async () => {
    const cloudformation = client(CloudFormationClient);
    const ssm = client(SSMClient);
    await cloudformation.send(new UpdateStackCommand({ StackName: 'every', TemplateBody: STACK_TEMPLATE('one'), Parameters: [{ ParameterKey: 'Value', ParameterValue: 'two' }] }));
    expect((await settled(cloudformation, 'every')).StackStatus).toBe('UPDATE_COMPLETE');
    expect((await ssm.send(new GetParameterCommand({ Name: '/every/stack' }))).Parameter!.Value).toBe('two');
    const noChange = await failure(cloudformation.send(new UpdateStackCommand({ StackName: 'every', TemplateBody: STACK_TEMPLATE('one'), Parameters: [{ ParameterKey: 'Value', ParameterValue: 'two' }] })));
    expect(noChange).toMatchObject({ name: 'ValidationError', status: 400, message: 'No updates are to be performed.' });
    expect(await failure(cloudformation.send(new UpdateStackCommand({ StackName: 'every-none', TemplateBody: STACK_TEMPLATE('one') })))).toMatchObject({ name: 'ValidationError', status: 400 });

    const extra = '  Other: { Type: AWS::SSM::Parameter, Properties: { Name: /every/other, Type: String, Value: x } }\n';
    const discarded = await cloudformation.send(new CreateChangeSetCommand({ StackName: 'every', ChangeSetName: 'discard', TemplateBody: STACK_TEMPLATE('two', extra) }));
    expect(discarded).toMatchObject({ Id: expect.stringContaining(':changeSet/discard/'), StackId: expect.stringContaining(':stack/every/') });
    expect(await failure(cloudformation.send(new CreateChangeSetCommand({ StackName: 'every-none', ChangeSetName: 'x', TemplateBody: STACK_TEMPLATE('one') })))).toMatchObject({ name: 'ValidationError', status: 400 });
    const described = await cloudformation.send(new DescribeChangeSetCommand({ StackName: 'every', ChangeSetName: 'discard' }));
    expect(described).toMatchObject({ ChangeSetName: 'discard', Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackName: 'every' });
    expect(described.Changes!.map((change) => [change.ResourceChange!.Action, change.ResourceChange!.LogicalResourceId])).toEqual([['Add', 'Other']]);
    expect(await failure(cloudformation.send(new DescribeChangeSetCommand({ StackName: 'every', ChangeSetName: 'none' })))).toMatchObject({ name: ChangeSetNotFoundException.name, status: 404 });
    await cloudformation.send(new DeleteChangeSetCommand({ StackName: 'every', ChangeSetName: 'discard' }));
    expect(await failure(cloudformation.send(new DescribeChangeSetCommand({ StackName: 'every', ChangeSetName: 'discard' })))).toMatchObject({ name: 'ChangeSetNotFoundException', status: 404 });
    expect(await failure(cloudformation.send(new DeleteChangeSetCommand({ StackName: 'every', ChangeSetName: 'discard' })))).toMatchObject({ name: 'ChangeSetNotFoundException', status: 404 });

    await cloudformation.send(new CreateChangeSetCommand({ StackName: 'every', ChangeSetName: 'apply', TemplateBody: STACK_TEMPLATE('two', extra) }));
    expect(await cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'every', ChangeSetName: 'apply' }))).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((await settled(cloudformation, 'every')).StackStatus).toBe('UPDATE_COMPLETE');
    expect((await ssm.send(new GetParameterCommand({ Name: '/every/other' }))).Parameter!.Value).toBe('x');
    expect(await failure(cloudformation.send(new ExecuteChangeSetCommand({ StackName: 'every', ChangeSetName: 'apply' })))).toMatchObject({ name: 'ChangeSetNotFoundException', status: 404 });
  });
});

describe('S3 through slipway up', () => {
  it('on the stack\'s bucket: PutObject, GetObject, HeadObject, ListObjectsV2, ListObjectVersions, DeleteObject, DeleteObjects, each with its common error', async () => {
    const s3 = client(S3Client, { forcePathStyle: true });
    const put = await s3.send(new PutObjectCommand({ Bucket: 'every-bucket', Key: 'a/one.txt', Body: 'hello', ContentType: 'text/plain', Metadata: { kind: 'greeting' } }));
    expect(put.ETag).toBe(`"${createHash('md5').update('hello').digest('hex')}"`);
    await s3.send(new PutObjectCommand({ Bucket: 'every-bucket', Key: 'a/two.txt', Body: 'world' }));
    await s3.send(new PutObjectCommand({ Bucket: 'every-bucket', Key: 'b.txt', Body: 'bee' }));
    expect(await failure(s3.send(new PutObjectCommand({ Bucket: 'every-none', Key: 'x', Body: 'x' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });

    const got = await s3.send(new GetObjectCommand({ Bucket: 'every-bucket', Key: 'a/one.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(got).toMatchObject({ ContentType: 'text/plain', ContentLength: 5, ETag: put.ETag, Metadata: { kind: 'greeting' } });
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'every-bucket', Key: 'a/one.txt', Range: 'bytes=1-3' }));
    expect([await ranged.Body!.transformToString(), ranged.ContentRange]).toEqual(['ell', 'bytes 1-3/5']);
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: 'every-bucket', Key: 'none' })))).toMatchObject({ name: 'NoSuchKey', status: 404 });

    expect(await s3.send(new HeadObjectCommand({ Bucket: 'every-bucket', Key: 'a/one.txt' }))).toMatchObject({ ContentLength: 5, ETag: put.ETag, ContentType: 'text/plain', LastModified: expect.any(Date) });
    expect(await failure(s3.send(new HeadObjectCommand({ Bucket: 'every-bucket', Key: 'none' })))).toMatchObject({ name: 'NotFound', status: 404 });

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'every-bucket', Delimiter: '/' }));
    expect([listed.KeyCount, listed.Contents!.map((object) => object.Key), listed.CommonPrefixes!.map((prefix) => prefix.Prefix)]).toEqual([2, ['b.txt'], ['a/']]);
    const paged = await s3.send(new ListObjectsV2Command({ Bucket: 'every-bucket', MaxKeys: 2 }));
    expect([paged.Contents!.map((object) => object.Key), paged.IsTruncated]).toEqual([['a/one.txt', 'a/two.txt'], true]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'every-bucket', ContinuationToken: paged.NextContinuationToken }))).Contents!.map((object) => object.Key)).toEqual(['b.txt']);
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: 'every-none' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });

    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: 'every-bucket', Prefix: 'a/' }));
    expect(versions.Versions!.map((version) => [version.Key, version.VersionId, version.IsLatest])).toEqual([['a/one.txt', 'null', true], ['a/two.txt', 'null', true]]);
    expect(await failure(s3.send(new ListObjectVersionsCommand({ Bucket: 'every-none' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });

    expect((await s3.send(new DeleteObjectCommand({ Bucket: 'every-bucket', Key: 'b.txt' }))).$metadata.httpStatusCode).toBe(204);
    // S3 answers 204 for a key that is not there too; an unknown bucket is the common error.
    expect((await s3.send(new DeleteObjectCommand({ Bucket: 'every-bucket', Key: 'b.txt' }))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(s3.send(new DeleteObjectCommand({ Bucket: 'every-none', Key: 'b.txt' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });

    const many = await s3.send(new DeleteObjectsCommand({ Bucket: 'every-bucket', Delete: { Objects: [{ Key: 'a/one.txt' }, { Key: 'a/two.txt' }] } }));
    expect(many.Deleted!.map((deleted) => deleted.Key).sort()).toEqual(['a/one.txt', 'a/two.txt']);
    expect(many.Errors ?? []).toEqual([]);
    expect(await failure(s3.send(new DeleteObjectsCommand({ Bucket: 'every-none', Delete: { Objects: [{ Key: 'x' }] } })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'every-bucket' }))).KeyCount).toBe(0);
  });

  it('ListBuckets, CreateBucket, HeadBucket, DeleteBucket, each with its common error', async () => {
    const s3 = client(S3Client, { forcePathStyle: true });
    expect(await s3.send(new CreateBucketCommand({ Bucket: 'every-made' }))).toMatchObject({ Location: '/every-made' });
    // In us-east-1 creating a bucket one already owns answers success, as S3 does there.
    expect((await s3.send(new CreateBucketCommand({ Bucket: 'every-made' }))).$metadata.httpStatusCode).toBe(200);
    expect(await failure(s3.send(new CreateBucketCommand({ Bucket: 'Not_A_Bucket' })))).toMatchObject({ name: 'InvalidBucketName', status: 400 });
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets!.map((bucket) => bucket.Name).sort()).toEqual(['every-bucket', 'every-made', 'pipe-artifacts']);
    expect(buckets.Owner!.ID).toEqual(expect.any(String));
    expect((await s3.send(new HeadBucketCommand({ Bucket: 'every-made' }))).$metadata.httpStatusCode).toBe(200);
    expect(await failure(s3.send(new HeadBucketCommand({ Bucket: 'every-none' })))).toMatchObject({ name: 'NotFound', status: 404 });
    await s3.send(new PutObjectCommand({ Bucket: 'every-made', Key: 'k', Body: 'v' }));
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'every-made' })))).toMatchObject({ name: 'BucketNotEmpty', status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket: 'every-made', Key: 'k' }));
    expect((await s3.send(new DeleteBucketCommand({ Bucket: 'every-made' }))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(s3.send(new DeleteBucketCommand({ Bucket: 'every-made' })))).toMatchObject({ name: 'NoSuchBucket', status: 404 });
  });

  it('DeleteStack removes the emptied stack (and answers success for an unknown one, as CloudFormation does)', async () => {
    const cloudformation = client(CloudFormationClient);
    expect((await cloudformation.send(new DeleteStackCommand({ StackName: 'every' }))).$metadata.httpStatusCode).toBe(200);
    await until('every to be deleted', async () => {
      const answer = await failure(cloudformation.send(new DescribeStacksCommand({ StackName: 'every' }))).catch(() => undefined);
      return answer?.name === 'ValidationError' ? answer : undefined;
    });
    const deleted = (await cloudformation.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }))).StackSummaries!;
    expect(deleted.map((summary) => summary.StackName)).toContain('every');
    expect((await cloudformation.send(new DeleteStackCommand({ StackName: 'every-none' }))).$metadata.httpStatusCode).toBe(200);
  });
});

describe('CodePipeline and CodeStar Connections through slipway up', () => {
  it('ListPipelines, GetPipeline, GetPipelineState, ListPipelineExecutions, GetPipelineExecution, ListActionExecutions after the pipeline\'s first run, each with its common error', async () => {
    const codepipeline = client(CodePipelineClient);
    expect((await codepipeline.send(new ListPipelinesCommand({}))).pipelines!.map((pipeline) => [pipeline.name, pipeline.version, pipeline.pipelineType])).toEqual([['app', 1, 'V2']]);
    expect(await failure(codepipeline.send(new ListPipelinesCommand({ nextToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidNextTokenException', status: 400 });

    const got = await codepipeline.send(new GetPipelineCommand({ name: 'app' }));
    expect(got.pipeline!.stages!.map((stage) => stage.name)).toEqual(['Source', 'Build']);
    expect(got.pipeline!.stages![1]!.actions![0]!.configuration).toMatchObject({ ProjectName: 'app-build' });
    expect(got.metadata!.pipelineArn).toBe(`arn:aws:codepipeline:${up.ready.region}:${up.ready.accountId}:app`);
    expect(await failure(codepipeline.send(new GetPipelineCommand({ name: 'none' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });

    const first = await until('the first execution to end', async () => {
      const summary = (await codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }))).pipelineExecutionSummaries?.[0];
      return summary && summary.status !== 'InProgress' ? summary : undefined;
    });
    expect(first).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'CreatePipeline' } });
    expect(await failure(codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'none' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });

    const execution = (await codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: first.pipelineExecutionId }))).pipelineExecution!;
    expect(execution).toMatchObject({ pipelineName: 'app', status: 'Succeeded', artifactRevisions: [{ name: 'Src', revisionId: repo.git('rev-parse', 'HEAD') }] });
    expect(await failure(codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: '00000000-0000-0000-0000-000000000000' })))).toMatchObject({ name: 'PipelineExecutionNotFoundException', status: 400 });

    const actions = (await codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: first.pipelineExecutionId } }))).actionExecutionDetails!;
    expect(actions.map((action) => `${action.stageName}/${action.actionName} ${action.status}`)).toEqual(['Build/Build Succeeded', 'Source/Source Succeeded']);
    expect(await failure(codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'none' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });

    const state = await codepipeline.send(new GetPipelineStateCommand({ name: 'app' }));
    expect(state.stageStates!.map((stage) => [stage.stageName, stage.latestExecution?.pipelineExecutionId, stage.latestExecution?.status])).toEqual([
      ['Source', first.pipelineExecutionId, 'Succeeded'], ['Build', first.pipelineExecutionId, 'Succeeded'],
    ]);
    expect(state.stageStates![1]!.actionStates![0]!.latestExecution!.externalExecutionId).toMatch(/^app-build:/);
    expect(await failure(codepipeline.send(new GetPipelineStateCommand({ name: 'none' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
  }, 40_000);

  it('StartPipelineExecution, Disable/EnableStageTransition; Stop, Retry and PutApprovalResult refuse what cannot be done', async () => {
    const codepipeline = client(CodePipelineClient);
    await codepipeline.send(new DisableStageTransitionCommand({ pipelineName: 'app', stageName: 'Build', transitionType: 'Inbound', reason: 'hold' }));
    expect((await codepipeline.send(new GetPipelineStateCommand({ name: 'app' }))).stageStates![1]!.inboundTransitionState).toMatchObject({ enabled: false, disabledReason: 'hold' });
    expect(await failure(codepipeline.send(new DisableStageTransitionCommand({ pipelineName: 'app', stageName: 'None', transitionType: 'Inbound', reason: 'x' })))).toMatchObject({ name: 'StageNotFoundException', status: 400 });
    await codepipeline.send(new EnableStageTransitionCommand({ pipelineName: 'app', stageName: 'Build', transitionType: 'Inbound' }));
    expect((await codepipeline.send(new GetPipelineStateCommand({ name: 'app' }))).stageStates![1]!.inboundTransitionState!.enabled).toBe(true);
    expect(await failure(codepipeline.send(new EnableStageTransitionCommand({ pipelineName: 'none', stageName: 'Build', transitionType: 'Inbound' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });

    const { pipelineExecutionId } = await codepipeline.send(new StartPipelineExecutionCommand({ name: 'app', variables: [{ name: 'Stage', value: 'prod' }] }));
    expect(pipelineExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await failure(codepipeline.send(new StartPipelineExecutionCommand({ name: 'none' })))).toMatchObject({ name: 'PipelineNotFoundException', status: 400 });
    const ended = await until('the started execution to end', async () => {
      const execution = (await codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId }))).pipelineExecution!;
      return execution.status === 'InProgress' ? undefined : execution;
    });
    expect(ended).toMatchObject({ status: 'Succeeded', variables: [{ name: 'Stage', resolvedValue: 'prod' }] });

    expect(await failure(codepipeline.send(new StopPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId })))).toMatchObject({ name: 'PipelineExecutionNotStoppableException', status: 400 });
    expect(await failure(codepipeline.send(new RetryStageExecutionCommand({ pipelineName: 'app', stageName: 'Build', pipelineExecutionId, retryMode: 'FAILED_ACTIONS' })))).toMatchObject({ name: 'StageNotRetryableException', status: 400 });
    expect(await failure(codepipeline.send(new PutApprovalResultCommand({ pipelineName: 'app', stageName: 'Build', actionName: 'Approve', result: { summary: 's', status: 'Approved' }, token: '00000000-0000-0000-0000-000000000000' })))).toMatchObject({ name: 'ActionNotFoundException', status: 400 });
  }, 40_000);

  it('GetConnection and ListConnections answer the stack\'s connection, for CodeStar Connections and CodeConnections alike; an unknown one is ResourceNotFoundException', async () => {
    const connections = client(CodeStarConnectionsClient);
    const listed = (await connections.send(new ListConnectionsCommand({}))).Connections!;
    expect(listed).toEqual([expect.objectContaining({ ConnectionName: 'gh', ProviderType: 'GitHub', ConnectionStatus: 'AVAILABLE', OwnerAccountId: up.ready.accountId })]);
    const got = (await connections.send(new GetConnectionCommand({ ConnectionArn: listed[0]!.ConnectionArn }))).Connection!;
    expect(got).toMatchObject({ ConnectionArn: listed[0]!.ConnectionArn, ConnectionName: 'gh', ConnectionStatus: 'AVAILABLE' });
    const unknown = `arn:aws:codestar-connections:${up.ready.region}:${up.ready.accountId}:connection/00000000-0000-0000-0000-000000000000`;
    expect(await failure(connections.send(new GetConnectionCommand({ ConnectionArn: unknown })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    // CodeConnections (the service's newer name): the same operation under its own target prefix
    // (no SDK client of it is a dependency), with the ARN in that service's form.
    const codeconnections = client(CodeStarConnectionsClient);
    codeconnections.middlewareStack.add((next, context) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      headers['x-amz-target'] = headers['x-amz-target']!.replace('CodeStar_connections_20191201.', 'CodeConnections_20231201.');
      // ...signed for that service, as the endpoint checks the credential scope against the target.
      type Signing = { selectedHttpAuthScheme: { httpAuthOption: { signingProperties: Record<string, unknown> } } };
      const smithy = (context as { __smithy_context: Signing }).__smithy_context;
      smithy.selectedHttpAuthScheme.httpAuthOption.signingProperties.signingName = 'codeconnections';
      return next(args);
    }, { step: 'build' });
    const newArn = listed[0]!.ConnectionArn!.replace(':codestar-connections:', ':codeconnections:');
    expect((await codeconnections.send(new GetConnectionCommand({ ConnectionArn: newArn }))).Connection).toMatchObject({ ConnectionName: 'gh', ConnectionStatus: 'AVAILABLE' });
    expect(await failure(codeconnections.send(new GetConnectionCommand({ ConnectionArn: unknown.replace(':codestar-connections:', ':codeconnections:') })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  });
});

describe('CodeBuild and CloudWatch Logs through slipway up', () => {
  it('ListProjects, BatchGetProjects, StartBuild with overrides, BatchGetBuilds, ListBuilds, ListBuildsForProject, StopBuild, each with its common error', async () => {
    const codebuild = client(CodeBuildClient);
    expect((await codebuild.send(new ListProjectsCommand({}))).projects).toEqual(['app-build']);
    expect(await failure(codebuild.send(new ListProjectsCommand({ nextToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    const projects = await codebuild.send(new BatchGetProjectsCommand({ names: ['app-build', 'none'] }));
    expect(projects.projects!.map((project) => [project.name, project.arn, project.source!.type])).toEqual([['app-build', `arn:aws:codebuild:${up.ready.region}:${up.ready.accountId}:project/app-build`, 'CODEPIPELINE']]);
    expect(projects.projectsNotFound).toEqual(['none']);

    const build = (await codebuild.send(new StartBuildCommand({
      projectName: 'app-build', sourceLocationOverride: repo.dir, environmentVariablesOverride: [{ name: 'COMMIT', value: 'by-hand' }],
      buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "commit=$COMMIT version=$(cat version)"\n',
    }))).build!;
    buildByHand = build.id!;
    expect(build).toMatchObject({ id: expect.stringMatching(/^app-build:[0-9a-f-]{36}$/), buildStatus: 'IN_PROGRESS', projectName: 'app-build', buildNumber: expect.any(Number), logs: { groupName: '/aws/codebuild/app-build' } });
    expect(await failure(codebuild.send(new StartBuildCommand({ projectName: 'none', sourceLocationOverride: repo.dir })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(await failure(codebuild.send(new StartBuildCommand({ projectName: 'app-build', sourceLocationOverride: repo.dir, cacheOverride: { type: 'LOCAL', modes: ['LOCAL_SOURCE_CACHE'] } })))).toMatchObject({ name: 'InvalidInputException', status: 400 });

    const done = await until('the build to end', async () => {
      const found = (await codebuild.send(new BatchGetBuildsCommand({ ids: [build.id!] }))).builds![0]!;
      return found.buildStatus === 'IN_PROGRESS' ? undefined : found;
    });
    expect(done).toMatchObject({ buildStatus: 'SUCCEEDED', buildComplete: true, endTime: expect.any(Date), logs: { groupName: '/aws/codebuild/app-build', streamName: build.id!.split(':')[1] } });
    expect((await codebuild.send(new BatchGetBuildsCommand({ ids: ['app-build:00000000-0000-0000-0000-000000000000'] }))).buildsNotFound).toEqual(['app-build:00000000-0000-0000-0000-000000000000']);

    const all = (await codebuild.send(new ListBuildsCommand({}))).ids!;
    expect(all[0]).toBe(build.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(await failure(codebuild.send(new ListBuildsCommand({ nextToken: 'not-a-token' })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect((await codebuild.send(new ListBuildsForProjectCommand({ projectName: 'app-build' }))).ids).toEqual(all);
    expect(await failure(codebuild.send(new ListBuildsForProjectCommand({ projectName: 'none' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    const long = (await codebuild.send(new StartBuildCommand({ projectName: 'app-build', sourceLocationOverride: repo.dir, buildspecOverride: 'version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 30\n' }))).build!;
    const stopped = (await codebuild.send(new StopBuildCommand({ id: long.id }))).build!;
    expect(stopped.id).toBe(long.id);
    expect((await until('the build to stop', async () => {
      const found = (await codebuild.send(new BatchGetBuildsCommand({ ids: [long.id!] }))).builds![0]!;
      return found.buildStatus === 'IN_PROGRESS' ? undefined : found;
    })).buildStatus).toBe('STOPPED');
    expect(await failure(codebuild.send(new StopBuildCommand({ id: 'app-build:00000000-0000-0000-0000-000000000000' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
  }, 40_000);

  it('GetLogEvents and FilterLogEvents read the build\'s log; an unknown stream or group is ResourceNotFoundException', async () => {
    const codebuild = client(CodeBuildClient);
    const logs = client(CloudWatchLogsClient);
    const { groupName, streamName } = (await codebuild.send(new BatchGetBuildsCommand({ ids: [buildByHand] }))).builds![0]!.logs!;

    const events = await logs.send(new GetLogEventsCommand({ logGroupName: groupName, logStreamName: streamName, startFromHead: true }));
    expect(events.events!.map((event) => event.message).join('\n')).toContain('commit=by-hand');
    expect(events.events![0]).toMatchObject({ timestamp: expect.any(Number), ingestionTime: expect.any(Number) });
    expect(events.nextForwardToken).toMatch(/^f\//);
    expect(events.nextBackwardToken).toMatch(/^b\//);
    expect(await failure(logs.send(new GetLogEventsCommand({ logGroupName: groupName, logStreamName: 'none' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });

    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: groupName!, filterPattern: '"commit=by-hand"' }));
    expect(filtered.events!.map((event) => [event.logStreamName, event.message!.trim()])).toEqual([[streamName, expect.stringContaining('commit=by-hand')]]);
    expect(await failure(logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/codebuild/none' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    expect(await failure(logs.send(new FilterLogEventsCommand({ logGroupName: groupName!, filterPattern: '{ $.level = "x" }' })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });
});
