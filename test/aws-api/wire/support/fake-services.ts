// Small fake handlers for the wire tests: each records the input it received (so tests can check
// what the protocol layer read) and answers from it in the output shape (so tests can check what
// real clients read back). They stand in for the per-service handlers, which call the account.
import { createHash } from 'node:crypto';
import { SlipwayError } from '../../../../src/errors.js';
import type { ServiceTable } from '../../../../src/local/aws-api/index.js';
import { fakeS3, PUSHED_AT } from './fake-s3.js';

/** One handler call. */
export interface Received {
  service: string;
  operation: string;
  input: Record<string, unknown>;
}

export { PUSHED_AT };

/** The fake handler table; every call lands in `received`. */
export function fakeServices(received: Received[]): ServiceTable {
  const table: Record<string, Record<string, (input: Record<string, unknown>, ctx: { endpoint: string; accessKeyId: string }) => unknown>> = {
    ecr: {
      GetAuthorizationToken: (_input, ctx) => ({ authorizationData: [{ authorizationToken: Buffer.from('AWS:local-password').toString('base64'), expiresAt: new Date(PUSHED_AT.getTime() + 12 * 3600_000), proxyEndpoint: ctx.endpoint }] }),
      DescribeImages: (input) => ({
        imageDetails: ((input.imageIds as Array<{ imageTag?: string }> | undefined) ?? [{ imageTag: 'latest' }]).map((id) => ({
          registryId: '000000000000',
          repositoryName: input.repositoryName,
          imageDigest: `sha256:${createHash('sha256').update(id.imageTag ?? '').digest('hex')}`,
          imageTags: [id.imageTag],
          imagePushedAt: PUSHED_AT,
          imageSizeInBytes: 1234,
        })),
      }),
      DescribeRepositories: (input) => {
        const names = (input.repositoryNames as string[] | undefined) ?? ['app'];
        const missing = names.find((name) => name.startsWith('missing'));
        if (missing) throw new SlipwayError('RepositoryNotFoundException', `The repository with name '${missing}' does not exist in the registry with id '000000000000'`);
        return { repositories: names.map((name) => ({ repositoryName: name, createdAt: PUSHED_AT, imageTagMutability: 'MUTABLE' })) };
      },
      UploadLayerPart: (input) => ({ registryId: '000000000000', repositoryName: input.repositoryName, uploadId: input.uploadId, lastByteReceived: (input.layerPartBlob as Buffer).length - 1 }),
      // Handler bugs: an output of the wrong shape, and an unexpected exception.
      ListImages: () => ({ imageIds: 'not-a-list' }),
      DescribeRegistry: () => undefined,
      BatchGetImage: () => {
        throw new Error('database is locked at /secret/path');
      },
    },
    'codestar-connections': {
      GetConnection: (input) => ({ Connection: { ConnectionName: 'github', ConnectionArn: input.ConnectionArn, ProviderType: 'GitHub', ConnectionStatus: 'AVAILABLE' } }),
    },
    codepipeline: {
      ListPipelines: () => ({ pipelines: [{ name: 'widget', version: 3, created: PUSHED_AT, updated: PUSHED_AT }] }),
      PutJobSuccessResult: () => ({}),
      GetPipelineState: (input) => {
        throw new SlipwayError('PipelineNotFoundException', `Account '000000000000' does not have a pipeline with name '${String(input.name)}'`);
      },
    },
    secretsmanager: {
      GetSecretValue: (input) => ({ ARN: `arn:aws:secretsmanager:us-east-1:000000000000:secret:${String(input.SecretId)}`, Name: input.SecretId, SecretBinary: Buffer.from([0, 1, 2, 250, 255]), CreatedDate: PUSHED_AT }),
    },
    sts: {
      GetCallerIdentity: (_input, ctx) => ({ UserId: ctx.accessKeyId, Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' }),
      AssumeRole: (input) => ({
        Credentials: { AccessKeyId: 'ASIALOCAL', SecretAccessKey: 'session-secret', SessionToken: `token-for-${String(input.RoleSessionName)}`, Expiration: new Date(PUSHED_AT.getTime() + Number(input.DurationSeconds ?? 3600) * 1000) },
        AssumedRoleUser: { AssumedRoleId: `AROALOCAL:${String(input.RoleSessionName)}`, Arn: `${String(input.RoleArn)}/${String(input.RoleSessionName)}` },
        PackedPolicySize: ((input.Tags as unknown[] | undefined) ?? []).length,
      }),
    },
    cloudformation: fakeCloudFormation(),
    s3: fakeS3(),
  };
  return Object.fromEntries(
    Object.entries(table).map(([service, handlers]) => [
      service,
      Object.fromEntries(
        Object.entries(handlers).map(([operation, handler]) => [
          operation,
          async (input: Record<string, unknown>, ctx: { endpoint: string; accessKeyId: string }) => {
            received.push({ service, operation, input });
            return handler(input, ctx);
          },
        ]),
      ),
    ]),
  ) as unknown as ServiceTable;
}

function fakeCloudFormation() {
  const stacks = new Map<string, Record<string, unknown>>();
  const imports: Array<Record<string, unknown>> = [];
  return {
    CreateStack: (input: Record<string, unknown>) => {
      stacks.set(String(input.StackName), input);
      return { StackId: `arn:aws:cloudformation:us-east-1:000000000000:stack/${String(input.StackName)}/1` };
    },
    DescribeStacks: (input: Record<string, unknown>) => {
      const stack = stacks.get(String(input.StackName));
      if (!stack) throw new SlipwayError('ValidationError', `Stack with id ${String(input.StackName)} does not exist`);
      const { StackName, Parameters, Tags, Capabilities, DisableRollback, TimeoutInMinutes, NotificationARNs } = stack;
      const Outputs = [{ OutputKey: 'Pushed', OutputValue: PUSHED_AT.toISOString(), Description: 'a <b> & "c"' }];
      return { Stacks: [{ StackName, StackStatus: 'CREATE_COMPLETE', CreationTime: PUSHED_AT, Parameters, Tags, Capabilities, DisableRollback, TimeoutInMinutes, NotificationARNs, Outputs }] };
    },
    DeleteStack: (input: Record<string, unknown>) => {
      stacks.delete(String(input.StackName));
      return {};
    },
    CreateChangeSet: (input: Record<string, unknown>) => {
      imports.push(...((input.ResourcesToImport as Array<Record<string, unknown>> | undefined) ?? []));
      return { Id: `arn:aws:cloudformation:us-east-1:000000000000:changeSet/${String(input.ChangeSetName)}/1`, StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1' };
    },
    ListResourceScanResources: () => ({ Resources: imports.map((resource) => ({
      ResourceType: resource.ResourceType, ResourceIdentifier: resource.ResourceIdentifier, ManagedByStack: false,
    })) }),
  };
}
