// REST-XML (S3, path-style) through the AWS SDK for JavaScript v3 and raw signed requests: routing
// by method, URI and query markers; members from the URI, query, headers and payload; object
// bodies as Buffers, streamed uploads (aws-chunked with a CRC32 trailer), output headers, flattened
// lists and S3's error documents and statuses.
import { Readable } from 'node:stream';
import { DeleteObjectCommand, DeleteObjectsCommand, GetBucketAclCommand, GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, ListObjectVersionsCommand, NoSuchBucket, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSHED_AT } from './support/fake-services.js';
import { rejection } from './support/rejection.js';
import { sendRaw } from './support/signed-request.js';
import { startWireServer, TEST_KEY, type WireServer } from './support/wire-server.js';

let server: WireServer;
let s3: S3Client;
beforeAll(async () => {
  server = await startWireServer();
  s3 = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, forcePathStyle: true, maxAttempts: 1 });
});
afterAll(async () => server?.close());

const received = (operation: string) => server.received.filter((call) => call.operation === operation).at(-1)!.input;
const KEY = 'dir/a b+c ü %2F.txt';

describe('objects', () => {
  it('reads PutObject from the URI, headers, the x-amz-meta-* map and the body, and answers ETag and x-amz-version-id', async () => {
    const output = await s3.send(new PutObjectCommand({ Bucket: 'existing', Key: KEY, Body: Buffer.from('hello\n'), ContentType: 'text/plain', Metadata: { owner: 'ci', build: '42' } }));
    const input = received('PutObject');
    expect(input).toMatchObject({ Bucket: 'existing', Key: KEY, Body: Buffer.from('hello\n'), ContentType: 'text/plain', Metadata: { owner: 'ci', build: '42' }, ContentLength: 6, ChecksumCRC32: 'NjowIA==' });
    expect(input.Body).toBeInstanceOf(Buffer);
    expect(output).toMatchObject({ ETag: '"b1946ac92492d2347c6235b4d2611184"', VersionId: 'v1' });
  });

  it('answers GetObject with the body and its headers: Content-Type, Content-Length, ETag, Last-Modified, metadata', async () => {
    const output = await s3.send(new GetObjectCommand({ Bucket: 'existing', Key: KEY }));
    expect(await output.Body?.transformToString()).toBe('hello\n');
    expect(output).toMatchObject({ ContentType: 'text/plain', ContentLength: 6, ETag: '"b1946ac92492d2347c6235b4d2611184"', VersionId: 'v1', Metadata: { owner: 'ci', build: '42' } });
    // Last-Modified is an HTTP date: whole seconds.
    expect(output.LastModified).toEqual(new Date('2024-05-06T07:08:09Z'));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'existing', Key: KEY }));
    expect(head).toMatchObject({ ContentLength: 6, ContentType: 'text/plain', Metadata: { owner: 'ci', build: '42' } });
  });

  it('decodes a streamed upload sent aws-chunked with a CRC32 trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    const chunks = [Buffer.from('hello '), Buffer.alloc(70_000, 'x'), Buffer.from('world\n')];
    const body = Buffer.concat(chunks);
    await s3.send(new PutObjectCommand({ Bucket: 'existing', Key: 'streamed', ContentLength: body.length, Body: Readable.from(chunks) }));
    const input = received('PutObject');
    expect(input.Body).toEqual(body);
    expect(input.ContentLength).toBe(body.length);
    expect(input.ContentEncoding).toBeUndefined();
  });

  it('answers NoSuchKey and NoSuchBucket with 404, and HEAD of a missing key with a bodiless 404', async () => {
    const missingKey = await rejection<NoSuchKey>(s3.send(new GetObjectCommand({ Bucket: 'existing', Key: 'nope' })));
    expect(missingKey).toBeInstanceOf(NoSuchKey);
    expect(missingKey.$metadata.httpStatusCode).toBe(404);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'no-bucket', Key: 'k' }))).rejects.toBeInstanceOf(NoSuchBucket);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'existing', Key: 'nope' }))).rejects.toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
    const raw = await sendRaw(server.port, { service: 's3', method: 'GET', path: '/existing/nope' });
    expect(raw.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(raw.text).toBe(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>${raw.headers['x-amz-request-id']}</RequestId></Error>`);
  });
});

describe('listing and batch deletes', () => {
  it('routes ?list-type=2 to ListObjectsV2 and answers Contents and CommonPrefixes (flattened lists) with dates and sizes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'existing', Key: 'dir/sub/b.txt', Body: 'bb' }));
    const output = await s3.send(new ListObjectsV2Command({ Bucket: 'existing', Prefix: 'dir/', Delimiter: '/', MaxKeys: 50 }));
    expect(received('ListObjectsV2')).toMatchObject({ Bucket: 'existing', Prefix: 'dir/', Delimiter: '/', MaxKeys: 50 });
    expect(output.Contents).toEqual([{ Key: KEY, Size: 6, ETag: '"b1946ac92492d2347c6235b4d2611184"', LastModified: PUSHED_AT, StorageClass: 'STANDARD' }]);
    expect(output.CommonPrefixes).toEqual([{ Prefix: 'dir/sub/' }]);
    expect(output).toMatchObject({ KeyCount: 2, IsTruncated: false, Name: 'existing' });
  });

  it('routes ?versions to ListObjectVersions and answers <Version> elements', async () => {
    const output = await s3.send(new ListObjectVersionsCommand({ Bucket: 'existing' }));
    expect(output.Versions?.map((version) => version.Key)).toEqual([KEY, 'streamed', 'dir/sub/b.txt']);
    expect(output.Versions?.[0]).toMatchObject({ VersionId: 'v1', IsLatest: true, LastModified: PUSHED_AT });
  });

  it('routes POST ?delete to DeleteObjects and reads the <Delete> document', async () => {
    const output = await s3.send(new DeleteObjectsCommand({ Bucket: 'existing', Delete: { Objects: [{ Key: 'streamed' }, { Key: 'dir/sub/b.txt', VersionId: 'v9' }], Quiet: false } }));
    expect(received('DeleteObjects').Delete).toEqual({ Objects: [{ Key: 'streamed' }, { Key: 'dir/sub/b.txt', VersionId: 'v9' }], Quiet: false });
    expect(output.Deleted).toEqual([{ Key: 'streamed' }, { Key: 'dir/sub/b.txt', VersionId: 'v9' }]);
  });

  it('answers DeleteObject with the 204 its model gives', async () => {
    const output = await s3.send(new DeleteObjectCommand({ Bucket: 'existing', Key: 'absent' }));
    expect(output.$metadata.httpStatusCode).toBe(204);
  });

  it('routes GET / to ListBuckets', async () => {
    const output = await s3.send(new ListBucketsCommand({}));
    expect(output.Buckets).toEqual([{ Name: 'existing', CreationDate: PUSHED_AT }]);
  });
});

describe('what the endpoint does not serve, and bodies it refuses', () => {
  it('leaves /v2/ to the registry mounted beside it', async () => {
    const registry = await fetch(`${server.endpoint}/v2/`);
    expect(registry.headers.get('x-served-by')).toBe('registry');
    const s3 = await fetch(`${server.endpoint}/v2x/key`);
    expect([s3.status, s3.headers.get('x-served-by')]).toEqual([403, null]);
  });

  it('answers an S3 operation the table does not serve with NotImplemented (501), and a route no operation has with MethodNotAllowed (405)', async () => {
    const error = await rejection<S3ServiceException>(s3.send(new GetBucketAclCommand({ Bucket: 'existing' })));
    expect(error).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    expect(error.message).toContain('does not serve GetBucketAcl');
    const raw = await sendRaw(server.port, { service: 's3', method: 'PATCH', path: '/existing/k' });
    expect(raw.status).toBe(405);
    expect(raw.text).toContain('<Code>MethodNotAllowed</Code>');
  });

  it('refuses a body whose Content-MD5 or x-amz-checksum-crc32 does not match (BadDigest)', async () => {
    const md5 = await sendRaw(server.port, { service: 's3', method: 'PUT', path: '/existing/k', body: 'abc', headers: { 'content-md5': Buffer.alloc(16).toString('base64') } });
    expect([md5.status, md5.text]).toEqual([400, expect.stringContaining('<Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message>')]);
    const crc = await sendRaw(server.port, { service: 's3', method: 'PUT', path: '/existing/k', body: 'abc', headers: { 'x-amz-checksum-crc32': 'AAAAAA==' } });
    expect(crc.text).toContain('<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>');
  });

  it('refuses an upload over the object limit with EntityTooLarge, and other bodies over the request limit with 413', async () => {
    const small = await startWireServer({ maxObjectBytes: 1024, maxRequestBytes: 512 });
    try {
      const client = new S3Client({ endpoint: small.endpoint, region: 'us-east-1', credentials: TEST_KEY, forcePathStyle: true, maxAttempts: 1 });
      await expect(client.send(new PutObjectCommand({ Bucket: 'existing', Key: 'big', Body: Buffer.alloc(2048) }))).rejects.toMatchObject({ name: 'EntityTooLarge' });
      await client.send(new PutObjectCommand({ Bucket: 'existing', Key: 'fits', Body: Buffer.alloc(1000) }));
      const json = await sendRaw(small.port, { service: 'ecr', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeImages' }, body: JSON.stringify({ repositoryName: 'x'.repeat(600) }) });
      expect(json.status).toBe(413);
      expect(JSON.parse(json.text).__type).toBe('RequestEntityTooLarge');
    } finally {
      await small.close();
    }
  });
});
