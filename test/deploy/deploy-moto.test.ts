// deploy and destroy against moto_server: the real SDK clients over real HTTP on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, CreateChangeSetCommand, DescribeStacksCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { deploy, destroy, timestampedLines, type DeployRequest } from '../../src/deploy/index.js';
import { readTemplate } from '../../src/deploy/template-document.js';
import { recordingContext } from './support/flow.js';
import { startMoto, useFakeAwsCredentials, type Moto } from './support/moto.js';

const fixture = (name: string) => {
  const file = join(import.meta.dirname, 'fixtures', name);
  return readTemplate({ file: `fixtures/${name}`, text: readFileSync(file, 'utf8') });
};

let moto: Moto;
beforeAll(async () => {
  useFakeAwsCredentials();
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

/** Each stack gets its own Env, so the bucket and repository names of two tests never collide. */
function request(stackName: string, template: string, parameters: Record<string, string> = {}): DeployRequest {
  return { stackName, template: fixture(template), parameters: { Env: stackName, ...parameters }, tags: {}, waitForConnection: false };
}

async function changeSetNames(stackName: string): Promise<string[]> {
  const client = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1' });
  const answer = await client.send(new ListChangeSetsCommand({ StackName: stackName }));
  return (answer.Summaries ?? []).filter((s) => s.StackName === stackName).map((s) => `${s.ChangeSetName}:${s.ExecutionStatus}`);
}

describe('slipway deploy against moto', () => {
  it('creates the stack on the first deploy, reporting each step with the clock\'s timestamps', async () => {
    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await deploy(request('first', 'pipeline-v1.yml'), context);
    expect(result.status).toBe('created');
    expect(result.stackStatus).toBe('CREATE_COMPLETE');
    expect(result.changes?.counts).toEqual({ add: 2, modify: 0, replace: 0, remove: 0 });
    expect(context.questions.map((q) => q.kind)).toEqual(['execute-change-set']);
    expect(context.events.flatMap(timestampedLines)).toEqual([
      '2026-01-02T03:04:05Z  using AWS account 123456789012 as arn:aws:sts::123456789012:user/moto',
      '2026-01-02T03:04:05Z  creating a CREATE change set for first',
      '2026-01-02T03:04:05Z  change set for first:',
      '                        + add     ArtifactBucket  AWS::S3::Bucket',
      '                        + add     Repository  AWS::ECR::Repository',
      '                        2 to add, 0 to modify, 0 to replace, 0 to remove',
      '2026-01-02T03:04:05Z  CREATE first',
      '2026-01-02T03:04:05Z  first  AWS::CloudFormation::Stack  CREATE_IN_PROGRESS  User Initiated',
      '2026-01-02T03:04:05Z  first  AWS::CloudFormation::Stack  CREATE_COMPLETE',
      '2026-01-02T03:04:05Z  first is CREATE_COMPLETE',
    ]);
  });

  it('reports no changes on a second identical deploy, and deletes the empty change set', async () => {
    await deploy(request('again', 'pipeline-v1.yml'), recordingContext({ endpoint: moto.endpoint }));
    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await deploy(request('again', 'pipeline-v1.yml'), context);
    expect(result.status).toBe('unchanged');
    expect(context.questions).toEqual([]);
    expect(context.events.map((e) => e.type)).toEqual(['identity.resolved', 'stack.found', 'changeset.creating', 'changeset.empty', 'changeset.deleted']);
    expect(await changeSetNames('again')).toEqual([expect.stringMatching(/^slipway-\d{14}:EXECUTE_COMPLETE$/)]);
  });

  it('reports no changes too when CreateChangeSet itself answers "No updates are to be performed"', async () => {
    // moto answers this way when every parameter is given again; AWS's UpdateStack does too.
    const all = { SharedBucket: 'none' };
    await deploy(request('same-again', 'pipeline-v1.yml', all), recordingContext({ endpoint: moto.endpoint }));
    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await deploy(request('same-again', 'pipeline-v1.yml', all), context);
    expect(result.status).toBe('unchanged');
    expect(context.events.map((e) => e.type)).toEqual(['identity.resolved', 'stack.found', 'changeset.creating', 'changeset.empty']);
  });

  it('updates the stack when the template changes, with a summary of what is added and modified', async () => {
    await deploy(request('changing', 'pipeline-v1.yml'), recordingContext({ endpoint: moto.endpoint }));
    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await deploy(request('changing', 'pipeline-v2.yml'), context);
    expect(result.status).toBe('updated');
    expect(result.stackStatus).toBe('UPDATE_COMPLETE');
    expect(result.changes?.changes.map((c) => `${c.action} ${c.logicalId}`)).toEqual(['add BuildLogs', 'modify ArtifactBucket']);
  });

  it('updates the stack when a parameter changes', async () => {
    await deploy(request('param', 'pipeline-v1.yml'), recordingContext({ endpoint: moto.endpoint }));
    const result = await deploy(request('param', 'pipeline-v1.yml', { Env: 'param-prod' }), recordingContext({ endpoint: moto.endpoint }));
    expect(result.status).toBe('updated');
  });

  it('gives a clear error, placed in the template, when the template fails validation', async () => {
    const context = recordingContext({ endpoint: moto.endpoint });
    const error = await deploy(request('invalid', 'invalid-reference.yml'), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect((error as SlipwayError).kind).toBe('invalid-input');
    expect((error as SlipwayError).message).toMatch(/cloudformation:ValidateTemplate.*Repositry/);
    expect((error as SlipwayError).problems[0]).toMatchObject({ file: 'fixtures/invalid-reference.yml', line: 9, column: 20 });
  });

  it('asks for a NoEcho parameter nobody gave on the first deploy, and keeps its value afterwards', async () => {
    const asked: string[] = [];
    const withToken = (): DeployRequest => ({ stackName: 'token', template: fixture('with-token.yml'), parameters: {}, tags: {}, waitForConnection: false });
    const context = { ...recordingContext({ endpoint: moto.endpoint }), askSecret: async (name: string) => (asked.push(name), 'ghp_secret') };
    expect((await deploy(withToken(), context)).status).toBe('created');
    expect((await deploy(withToken(), context)).status).toBe('unchanged');
    expect(asked).toEqual(['OAuthToken']);
  });

  it('refuses a first deploy that lacks a required parameter when nobody can be asked, naming it', async () => {
    const request: DeployRequest = { stackName: 'no-token', template: fixture('with-token.yml'), parameters: {}, tags: {}, waitForConnection: false };
    await expect(deploy(request, recordingContext({ endpoint: moto.endpoint }))).rejects.toMatchObject({
      code: 'ParametersInvalid',
      problems: [{ path: 'Parameters.OAuthToken', line: 3 }],
    });
  });

  it('does not execute, and removes the change set and the empty new stack, when the user says no', async () => {
    const context = recordingContext({ endpoint: moto.endpoint, answer: false });
    const result = await deploy(request('declined', 'pipeline-v1.yml'), context);
    expect(result.status).toBe('cancelled');
    expect(context.events.map((e) => e.type)).toContain('changeset.deleted');
  });
});

describe('slipway destroy against moto', () => {
  it('empties the bucket the stack created, never the shared bucket it was given, and deletes the stack', async () => {
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-artifacts' }));
    await s3.send(new PutObjectCommand({ Bucket: 'shared-artifacts', Key: 'other-pipeline/a.zip', Body: 'keep me' }));
    await deploy(request('doomed', 'pipeline-v1.yml', { Env: 'doomed', SharedBucket: 'shared-artifacts' }), recordingContext({ endpoint: moto.endpoint }));
    for (const key of ['p/SourceArti/1.zip', 'p/BuildArtif/2.zip']) {
      await s3.send(new PutObjectCommand({ Bucket: 'slipway-test-artifacts-doomed', Key: key, Body: 'artifact' }));
    }

    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await destroy({ stackName: 'doomed', deleteImages: false }, context);

    expect(result.status).toBe('deleted');
    expect(result.emptiedBuckets).toEqual([{ bucket: 'slipway-test-artifacts-doomed', deletedObjects: 2 }]);
    const shared = await s3.send(new ListObjectsV2Command({ Bucket: 'shared-artifacts' }));
    expect(shared.Contents?.map((o) => o.Key)).toEqual(['other-pipeline/a.zip']);
    expect(context.questions[0]?.message).toMatch(/empty bucket slipway-test-artifacts-doomed/);
    expect(context.events.flatMap(timestampedLines).slice(-3)).toEqual([
      '2026-01-02T03:04:05Z  doomed  AWS::CloudFormation::Stack  DELETE_IN_PROGRESS  User Initiated',
      '2026-01-02T03:04:05Z  doomed  AWS::CloudFormation::Stack  DELETE_COMPLETE',
      '2026-01-02T03:04:05Z  doomed is DELETE_COMPLETE',
    ]);
    expect((await destroy({ stackName: 'doomed', deleteImages: false }, recordingContext({ endpoint: moto.endpoint }))).status).toBe('not-found');
  });

  it('deletes a stack left REVIEW_IN_PROGRESS by a CREATE change set nobody executed', async () => {
    // What `aws cloudformation create-change-set --change-set-type CREATE` leaves behind: a stack
    // with an id, no template and no resources (CreateChangeSet API reference).
    const cloudFormation = new CloudFormationClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    const text = readFileSync(join(import.meta.dirname, 'fixtures', 'pipeline-v1.yml'), 'utf8');
    await cloudFormation.send(
      new CreateChangeSetCommand({ StackName: 'in-review', ChangeSetName: 'never-executed', ChangeSetType: 'CREATE', TemplateBody: text, Parameters: [{ ParameterKey: 'Env', ParameterValue: 'in-review' }] }),
    );
    const before = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'in-review' }));
    expect(before.Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');

    const context = recordingContext({ endpoint: moto.endpoint });
    const result = await destroy({ stackName: 'in-review', deleteImages: false }, context);

    expect(result).toMatchObject({ status: 'deleted', emptiedBuckets: [], retained: [] });
    expect(context.questions.map((q) => q.message)).toEqual([
      'delete stack in-review, which is REVIEW_IN_PROGRESS: a CREATE change set was made but never executed, so it holds no resources. Proceed?',
    ]);
    expect(context.events.flatMap(timestampedLines)).toEqual([
      '2026-01-02T03:04:05Z  stack in-review is REVIEW_IN_PROGRESS',
      '2026-01-02T03:04:05Z  DELETE in-review',
      '2026-01-02T03:04:05Z  in-review  AWS::CloudFormation::Stack  DELETE_IN_PROGRESS  User Initiated',
      '2026-01-02T03:04:05Z  in-review  AWS::CloudFormation::Stack  DELETE_COMPLETE',
      '2026-01-02T03:04:05Z  in-review is DELETE_COMPLETE',
    ]);
    expect((await destroy({ stackName: 'in-review', deleteImages: false }, recordingContext({ endpoint: moto.endpoint }))).status).toBe('not-found');
  });

  it('refuses to start when the repository holds images, unless --delete-images', async () => {
    await deploy(request('images', 'pipeline-v1.yml', { Env: 'images' }), recordingContext({ endpoint: moto.endpoint }));
    const ecr = new ECRClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: {}, layers: [] });
    await ecr.send(new PutImageCommand({ repositoryName: 'slipway-test-images', imageManifest: manifest, imageTag: 'abc1234' }));

    const refused = await destroy({ stackName: 'images', deleteImages: false }, recordingContext({ endpoint: moto.endpoint })).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RepositoryNotEmpty', hint: expect.stringMatching(/--delete-images/) });

    const result = await destroy({ stackName: 'images', deleteImages: true }, recordingContext({ endpoint: moto.endpoint }));
    expect(result.status).toBe('deleted');
    expect(result.deletedImages).toEqual([{ repository: 'slipway-test-images', deletedImages: 1 }]);
  });
});
