// S3 objects through the local endpoint's handlers, on the account's buckets on disk: writes and
// reads with their headers, ranges and conditions, deletes (with versions and delete markers when
// the bucket keeps them), and S3's errors.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const s3 = (operation: string, input: Record<string, unknown> = {}) => api.call('s3', operation, input);

beforeEach(async () => {
  api = apiHarness();
  await s3('CreateBucket', { Bucket: 'plain' });
  api.account.buckets.createBucket('kept', { versioning: true });
});
afterEach(() => api.dispose());

describe('PutObject, GetObject and HeadObject', () => {
  it('stores a body with its content type and metadata, and gives them back', async () => {
    const put = await s3('PutObject', { Bucket: 'plain', Key: 'templates/app.yaml', Body: Buffer.from('Resources: {}\n'), ContentType: 'text/yaml', Metadata: { origin: 'deploy' } });
    const eTag = `"${createHash('md5').update('Resources: {}\n').digest('hex')}"`;
    expect(put).toEqual({ ETag: eTag, ServerSideEncryption: 'AES256' });
    const got = (await s3('GetObject', { Bucket: 'plain', Key: 'templates/app.yaml' })) as { Body: Buffer } & Record<string, unknown>;
    expect(got.Body.toString()).toBe('Resources: {}\n');
    expect(got).toMatchObject({ ContentLength: 14, ContentType: 'text/yaml', ETag: eTag, Metadata: { origin: 'deploy' }, LastModified: expect.any(Date), AcceptRanges: 'bytes' });
    expect(got.VersionId).toBeUndefined();
    const head = await s3('HeadObject', { Bucket: 'plain', Key: 'templates/app.yaml' });
    expect(head).toMatchObject({ ContentLength: 14, ContentType: 'text/yaml', ETag: eTag });
    expect(head).not.toHaveProperty('Body');
    // What other local readers (nested stacks, buildspecs in S3) see is the same object.
    expect(api.account.buckets.getObject('plain', 'templates/app.yaml')?.toString()).toBe('Resources: {}\n');
  });

  it('stores an empty object, gives an object stored without a type binary/octet-stream, and keeps keys longer than a file name', async () => {
    const longKey = `deep/${'k'.repeat(900)}.txt`;
    await s3('PutObject', { Bucket: 'plain', Key: longKey, Body: Buffer.from('long') });
    await s3('PutObject', { Bucket: 'plain', Key: 'empty' });
    expect(((await s3('GetObject', { Bucket: 'plain', Key: longKey })) as { Body: Buffer; ContentType: string })).toMatchObject({ ContentType: 'binary/octet-stream' });
    expect(((await s3('GetObject', { Bucket: 'plain', Key: 'empty' })) as { Body: Buffer }).Body.length).toBe(0);
    const listed = (await s3('ListObjectsV2', { Bucket: 'plain', Prefix: 'deep/' })) as { Contents: { Key: string }[] };
    expect(listed.Contents.map((object) => object.Key)).toEqual([longKey]);
    await expect(s3('PutObject', { Bucket: 'plain', Key: 'k'.repeat(1025) })).rejects.toMatchObject({ code: 'KeyTooLongError' });
  });

  it('serves one byte range with its Content-Range, and refuses a range past the end', async () => {
    await s3('PutObject', { Bucket: 'plain', Key: 'abc', Body: Buffer.from('abcdefghij') });
    const part = async (Range: string) => (await s3('GetObject', { Bucket: 'plain', Key: 'abc', Range })) as { Body: Buffer; ContentRange?: string; ContentLength: number };
    expect(await part('bytes=2-4')).toMatchObject({ ContentRange: 'bytes 2-4/10', ContentLength: 3 });
    expect((await part('bytes=2-4')).Body.toString()).toBe('cde');
    expect((await part('bytes=7-')).Body.toString()).toBe('hij');
    expect((await part('bytes=-2')).Body.toString()).toBe('ij');
    expect((await part('bytes=8-100')).ContentRange).toBe('bytes 8-9/10');
    await expect(part('bytes=10-12')).rejects.toMatchObject({ code: 'InvalidRange' });
  });

  it('answers conditional reads with PreconditionFailed and NotModified', async () => {
    const { ETag } = (await s3('PutObject', { Bucket: 'plain', Key: 'c', Body: Buffer.from('x') })) as { ETag: string };
    await expect(s3('GetObject', { Bucket: 'plain', Key: 'c', IfMatch: '"other"' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
    expect(await s3('GetObject', { Bucket: 'plain', Key: 'c', IfMatch: ETag })).toMatchObject({ ETag });
    await expect(s3('GetObject', { Bucket: 'plain', Key: 'c', IfNoneMatch: ETag })).rejects.toMatchObject({ code: 'NotModified' });
    await expect(s3('HeadObject', { Bucket: 'plain', Key: 'c', IfModifiedSince: new Date(Date.now() + 60_000) })).rejects.toMatchObject({ code: 'NotModified' });
    await expect(s3('HeadObject', { Bucket: 'plain', Key: 'c', IfUnmodifiedSince: new Date(Date.now() - 60_000) })).rejects.toMatchObject({ code: 'PreconditionFailed' });
    await expect(s3('PutObject', { Bucket: 'plain', Key: 'c', Body: Buffer.from('y'), IfNoneMatch: '*' })).rejects.toMatchObject({ code: 'PreconditionFailed' });
  });

  it('checks Content-MD5, and answers NoSuchKey and NoSuchBucket', async () => {
    const md5 = createHash('md5').update('body').digest('base64');
    await s3('PutObject', { Bucket: 'plain', Key: 'md5', Body: Buffer.from('body'), ContentMD5: md5 });
    await expect(s3('PutObject', { Bucket: 'plain', Key: 'md5', Body: Buffer.from('other'), ContentMD5: md5 })).rejects.toMatchObject({ code: 'BadDigest' });
    await expect(s3('GetObject', { Bucket: 'plain', Key: 'nothing' })).rejects.toMatchObject({ code: 'NoSuchKey', message: 'The specified key does not exist.' });
    await expect(s3('HeadObject', { Bucket: 'plain', Key: 'nothing' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(s3('GetObject', { Bucket: 'nobucket', Key: 'x' })).rejects.toMatchObject({ code: 'NoSuchBucket', message: 'The specified bucket does not exist' });
    await expect(s3('PutObject', { Bucket: 'nobucket', Key: 'x', Body: Buffer.from('x') })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('versions', () => {
  it('keeps every version of a key in a bucket with versioning, each readable by VersionId', async () => {
    const one = (await s3('PutObject', { Bucket: 'kept', Key: 'k', Body: Buffer.from('one') })) as { VersionId: string };
    const two = (await s3('PutObject', { Bucket: 'kept', Key: 'k', Body: Buffer.from('two') })) as { VersionId: string };
    expect(one.VersionId).not.toBe(two.VersionId);
    expect(((await s3('GetObject', { Bucket: 'kept', Key: 'k' })) as { Body: Buffer; VersionId: string })).toMatchObject({ VersionId: two.VersionId });
    expect(((await s3('GetObject', { Bucket: 'kept', Key: 'k', VersionId: one.VersionId })) as { Body: Buffer }).Body.toString()).toBe('one');
    await expect(s3('GetObject', { Bucket: 'kept', Key: 'k', VersionId: 'nope' })).rejects.toMatchObject({ code: 'NoSuchVersion' });
  });

  it('puts a delete marker on top on DeleteObject; deleting the marker brings the object back', async () => {
    const one = (await s3('PutObject', { Bucket: 'kept', Key: 'k', Body: Buffer.from('one') })) as { VersionId: string };
    const deleted = (await s3('DeleteObject', { Bucket: 'kept', Key: 'k' })) as { DeleteMarker: boolean; VersionId: string };
    expect(deleted).toEqual({ DeleteMarker: true, VersionId: expect.any(String) });
    await expect(s3('GetObject', { Bucket: 'kept', Key: 'k' })).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(s3('GetObject', { Bucket: 'kept', Key: 'k', VersionId: deleted.VersionId })).rejects.toMatchObject({ code: 'MethodNotAllowed' });
    expect(await s3('DeleteObject', { Bucket: 'kept', Key: 'k', VersionId: deleted.VersionId })).toEqual({ DeleteMarker: true, VersionId: deleted.VersionId });
    expect(((await s3('GetObject', { Bucket: 'kept', Key: 'k' })) as { Body: Buffer; VersionId: string }).VersionId).toBe(one.VersionId);
  });

  it('deletes the current version for good, and the one before becomes current', async () => {
    const one = (await s3('PutObject', { Bucket: 'kept', Key: 'k', Body: Buffer.from('one') })) as { VersionId: string };
    const two = (await s3('PutObject', { Bucket: 'kept', Key: 'k', Body: Buffer.from('two') })) as { VersionId: string };
    expect(await s3('DeleteObject', { Bucket: 'kept', Key: 'k', VersionId: two.VersionId })).toEqual({ VersionId: two.VersionId });
    const got = (await s3('GetObject', { Bucket: 'kept', Key: 'k' })) as { Body: Buffer; VersionId: string };
    expect([got.Body.toString(), got.VersionId]).toEqual(['one', one.VersionId]);
  });

  it('deletes an object of a bucket without versioning outright; deleting a missing key succeeds', async () => {
    await s3('PutObject', { Bucket: 'plain', Key: 'k', Body: Buffer.from('x') });
    expect(await s3('DeleteObject', { Bucket: 'plain', Key: 'k' })).toEqual({});
    expect(await s3('DeleteObject', { Bucket: 'plain', Key: 'k' })).toEqual({});
    expect(await s3('ListObjectVersions', { Bucket: 'plain' })).not.toHaveProperty('DeleteMarkers');
  });
});

describe('DeleteObjects', () => {
  it('deletes many keys, reporting each, or nothing with Quiet', async () => {
    for (const key of ['a', 'b', 'c']) await s3('PutObject', { Bucket: 'plain', Key: key, Body: Buffer.from(key) });
    expect(await s3('DeleteObjects', { Bucket: 'plain', Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }, { Key: 'missing' }] } })).toEqual({ Deleted: [{ Key: 'a' }, { Key: 'b' }, { Key: 'missing' }] });
    expect(await s3('DeleteObjects', { Bucket: 'plain', Delete: { Objects: [{ Key: 'c' }], Quiet: true } })).toEqual({});
    expect(api.account.buckets.listObjects('plain')).toEqual([]);
    await expect(s3('DeleteObjects', { Bucket: 'plain', Delete: { Objects: [] } })).rejects.toMatchObject({ code: 'MalformedXML' });
  });

  it('empties a versioned bucket the way slipway destroy does (ListObjectVersions, then DeleteObjects by version), so DeleteBucket succeeds', async () => {
    for (const body of ['1', '2', '3']) await s3('PutObject', { Bucket: 'kept', Key: 'artifact.zip', Body: Buffer.from(body) });
    await s3('DeleteObject', { Bucket: 'kept', Key: 'artifact.zip' });
    await s3('PutObject', { Bucket: 'kept', Key: 'other', Body: Buffer.from('o') });
    await expect(s3('DeleteBucket', { Bucket: 'kept' })).rejects.toMatchObject({ code: 'BucketNotEmpty' });
    const listed = (await s3('ListObjectVersions', { Bucket: 'kept' })) as { Versions: { Key: string; VersionId: string }[]; DeleteMarkers: { Key: string; VersionId: string }[] };
    expect(listed.Versions).toHaveLength(4);
    expect(listed.DeleteMarkers).toHaveLength(1);
    const ids = [...listed.Versions, ...listed.DeleteMarkers].map(({ Key, VersionId }) => ({ Key, VersionId }));
    const answer = (await s3('DeleteObjects', { Bucket: 'kept', Delete: { Objects: ids } })) as { Deleted: unknown[] };
    expect(answer.Deleted).toHaveLength(5);
    expect(await s3('ListObjectVersions', { Bucket: 'kept' })).toMatchObject({ IsTruncated: false, Name: 'kept' });
    expect(await s3('ListObjectVersions', { Bucket: 'kept' })).not.toHaveProperty('Versions');
    expect(await s3('DeleteBucket', { Bucket: 'kept' })).toEqual({});
  });
});
