// `slipway deploy` of a template over CloudFormation's 51,200-byte TemplateBody quota, against
// moto_server: with --s3-bucket it is uploaded once (content-addressed) and deployed as
// TemplateURL; without it, slipway refuses before any AWS call.
//
// moto (checked with moto 5.2.1, `pip show moto`) does not fetch a TemplateURL: it parses it
// (moto/cloudformation/utils.py, get_stack_from_s3_url) and reads the object from its own S3. It
// takes the bucket from the URL's first path segment when the URL contains "localhost" anywhere or
// its host is an s3…amazonaws.com host, and otherwise from the host's first label: for
// http://127.0.0.1:PORT/B/key it would look for a bucket named "127". So the bucket these tests
// deploy from has "localhost" in its name, and every client reaches moto at 127.0.0.1, where it
// listens: no host name is resolved, so nothing depends on how this machine resolves localhost
// (::1 first, or IPv4 only).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_URL_LIMIT } from '../../src/deploy/template-delivery.js';
import { slipway } from './support/cli.js';
import { startMoto, useFakeAwsCredentials, type Moto } from './support/moto.js';

/**
 * A valid template of about 56 KB: one bucket, padded with Metadata that CloudFormation (and
 * moto's cfn-lint) accept and ignore. A few long notes rather than many short ones: cfn-lint's
 * time grows with the number of nodes, not with the bytes.
 */
function largeTemplate(): string {
  const notes = Array.from({ length: 14 }, (_, i) => `    Note${String(i).padStart(2, '0')}: '${'slipway pads this template past the inline quota. '.repeat(80)}'`);
  return [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Description: a template padded past the 51,200 bytes CloudFormation takes inline',
    'Metadata:',
    '  Padding:',
    ...notes,
    'Parameters:',
    '  Env:',
    '    Type: String',
    '    Default: big',
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    "      BucketName: !Sub 'slipway-big-${Env}'",
    '',
  ].join('\n');
}

const TEMPLATE = largeTemplate();
const BYTES = Buffer.byteLength(TEMPLATE);
// "localhost" in the name makes moto read the bucket from the URL's path (see the top).
const BUCKET = 'slipway-localhost-templates';
const KEY = `slipway/big/${createHash('sha256').update(TEMPLATE).digest('hex')}.template`;

let moto: Moto;
let endpoint: string;
let dir: string;
let s3: S3Client;

beforeAll(async () => {
  useFakeAwsCredentials();
  moto = await startMoto();
  endpoint = moto.endpoint;
  dir = mkdtempSync(join(tmpdir(), 'slipway-large-'));
  writeFileSync(join(dir, 'big.yml'), TEMPLATE);
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const aws = () => ['--endpoint-url', endpoint, '--region', 'us-east-1'];
const deployBig = (...extra: string[]) => slipway(['deploy', '--template', 'big.yml', ...aws(), '--yes', ...extra], dir);

async function stackExists(stackName: string): Promise<boolean> {
  const client = new CloudFormationClient({ endpoint, region: 'us-east-1' });
  return client.send(new DescribeStacksCommand({ StackName: stackName })).then(
    () => true,
    (error: Error) => (/does not exist/.test(error.message) ? false : Promise.reject(error)),
  );
}

describe('a template over 51,200 bytes', () => {
  it('is over the inline quota, so these tests test what they say', () => {
    expect(BYTES).toBeGreaterThan(51_200);
    expect(BYTES).toBeLessThan(TEMPLATE_URL_LIMIT);
  });

  it('without --s3-bucket: exit 2 with the size, the quota and the flag, before any AWS call', async () => {
    const run = await deployBig('--stack-name', 'big-inline', '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'TemplateTooLarge',
        message: `big.yml is ${BYTES} bytes; CloudFormation takes at most 51200 bytes inline (TemplateBody), larger templates must come from S3`,
        problems: [],
        hint: "pass --s3-bucket BUCKET (an existing bucket in the stack's region) so slipway uploads the template and deploys it from there",
      },
    });
    // No event at all: not even sts:GetCallerIdentity was called.
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(await stackExists('big-inline')).toBe(false);
  });

  it('with --s3-bucket: uploads it to <prefix>/<sha256>.template and deploys it from there', async () => {
    const run = await deployBig('--stack-name', 'big', '--s3-bucket', BUCKET, '--s3-prefix', 'slipway/big/');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`uploaded the template (${BYTES} bytes) to s3://${BUCKET}/${KEY}\n`);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('big: created (CREATE_COMPLETE)');

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([KEY]);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
    expect(await object.Body?.transformToString()).toBe(TEMPLATE);
    // The stack's resources came from the uploaded template.
    expect(await s3.send(new ListObjectsV2Command({ Bucket: 'slipway-big-big' }))).toMatchObject({ Name: 'slipway-big-big' });
  });

  it('a second deploy finds the object already there, does not upload it again, and reports no changes', async () => {
    const run = await deployBig('--stack-name', 'big', '--s3-bucket', BUCKET, '--s3-prefix', 'slipway/big', '--json');
    expect(run.code).toBe(0);
    const documents = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents.find((event) => event.type === 'template.uploaded')).toMatchObject({
      bucket: BUCKET,
      key: KEY,
      bytes: BYTES,
      skipped: true,
      url: `http://127.0.0.1:${new URL(endpoint).port}/${BUCKET}/${KEY}`,
    });
    expect(documents.map((event) => event.type)).toContain('changeset.empty');
    expect(documents.at(-1)).toMatchObject({ status: 'unchanged', stackName: 'big' });
  });

  it('names a bucket that does not exist, with the command that creates it', async () => {
    const run = await deployBig('--stack-name', 'big-nobucket', '--s3-bucket', 'no-such-bucket');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: cannot upload the template: bucket no-such-bucket does not exist at ${endpoint}\n`);
    expect(run.stderr).toMatch(/hint: create it first \(`aws s3 mb s3:\/\/no-such-bucket`/);
    expect(await stackExists('big-nobucket')).toBe(false);
  });

  it('--s3-prefix without --s3-bucket is a usage error', async () => {
    const run = await deployBig('--stack-name', 'big', '--s3-prefix', 'slipway');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: --s3-prefix needs --s3-bucket/);
  });
});
