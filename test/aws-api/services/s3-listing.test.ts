// S3 listings and buckets through the local endpoint's handlers: ListObjectsV2 (prefix,
// delimiter and CommonPrefixes, MaxKeys, ContinuationToken, StartAfter, url encoding),
// ListObjectVersions paging by markers, and the bucket operations `aws s3 mb/rb/ls` make.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const s3 = (operation: string, input: Record<string, unknown> = {}) => api.call('s3', operation, input);
type Listing = {
  IsTruncated: boolean; Contents?: { Key: string; Size: number }[]; CommonPrefixes?: { Prefix: string }[]; KeyCount: number;
  NextContinuationToken?: string
};
const keysOf = (listing: Listing) => [...(listing.Contents ?? []).map((object) => object.Key), ...(listing.CommonPrefixes ?? []).map((prefix) => `${prefix.Prefix}*`)];

beforeEach(async () => {
  api = apiHarness();
  await s3('CreateBucket', { Bucket: 'files' });
  for (const key of ['a.txt', 'docs/one.md', 'docs/two.md', 'docs/deep/three.md', 'img/x.png', 'z.txt', 'with space+plus.txt']) {
    await s3('PutObject', { Bucket: 'files', Key: key, Body: Buffer.from(key) });
  }
});
afterEach(() => api.dispose());

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 byte order with its size, ETag and storage class', async () => {
    const listing = (await s3('ListObjectsV2', { Bucket: 'files' })) as Listing;
    expect(keysOf(listing)).toEqual(['a.txt', 'docs/deep/three.md', 'docs/one.md', 'docs/two.md', 'img/x.png', 'with space+plus.txt', 'z.txt']);
    expect(listing).toMatchObject({ IsTruncated: false, KeyCount: 7, Name: 'files', Prefix: '', MaxKeys: 1000 });
    expect(listing.Contents![0]).toEqual({ Key: 'a.txt', Size: 5, ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/), LastModified: expect.any(Date), StorageClass: 'STANDARD' });
  });

  it('groups keys under CommonPrefixes by the delimiter, within a prefix', async () => {
    expect(keysOf((await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/' })) as Listing)).toEqual(['a.txt', 'with space+plus.txt', 'z.txt', 'docs/*', 'img/*']);
    expect(keysOf((await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/', Prefix: 'docs/' })) as Listing)).toEqual(['docs/one.md', 'docs/two.md', 'docs/deep/*']);
  });

  it('pages by MaxKeys, where a common prefix counts as one key, and continues after the token', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/', MaxKeys: 2, ...(token ? { ContinuationToken: token } : {}) })) as Listing;
      expect(page.KeyCount).toBeLessThanOrEqual(2);
      seen.push(...keysOf(page));
      token = page.NextContinuationToken;
      expect(page.IsTruncated).toBe(token !== undefined);
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['a.txt', 'docs/*', 'img/*', 'with space+plus.txt', 'z.txt']);
  });

  it('is not truncated when what remains after a full page rolls into its last common prefix', async () => {
    const page = (await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/', Prefix: 'docs', MaxKeys: 1 })) as Listing;
    expect(keysOf(page)).toEqual(['docs/*']);
    expect(page.IsTruncated).toBe(false);
    const first = (await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/', MaxKeys: 1, StartAfter: 'a.txt' })) as Listing;
    expect(keysOf(first)).toEqual(['docs/*']);
    const next = (await s3('ListObjectsV2', { Bucket: 'files', Delimiter: '/', MaxKeys: 1, ContinuationToken: first.NextContinuationToken })) as Listing;
    expect(keysOf(next)).toEqual(['img/*']);
  });

  it('starts after StartAfter, answers MaxKeys 0 with nothing, and refuses a token it did not issue', async () => {
    expect(keysOf((await s3('ListObjectsV2', { Bucket: 'files', StartAfter: 'img/x.png' })) as Listing)).toEqual(['with space+plus.txt', 'z.txt']);
    expect(await s3('ListObjectsV2', { Bucket: 'files', MaxKeys: 0 })).toMatchObject({ KeyCount: 0, IsTruncated: false });
    await expect(s3('ListObjectsV2', { Bucket: 'files', ContinuationToken: 'not-ours' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(s3('ListObjectsV2', { Bucket: 'none' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('URL-encodes keys and prefixes with EncodingType=url, as the AWS CLI asks', async () => {
    const listing = (await s3('ListObjectsV2', { Bucket: 'files', Prefix: 'with', EncodingType: 'url' })) as Listing & { EncodingType: string };
    expect(listing.EncodingType).toBe('url');
    expect(listing.Contents!.map((object) => object.Key)).toEqual(['with%20space%2Bplus.txt']);
  });
});

describe('ListObjectVersions', () => {
  it('lists the objects of a bucket without versioning once each, as version null', async () => {
    const listing = (await s3('ListObjectVersions', { Bucket: 'files', Prefix: 'docs/' })) as { Versions: { Key: string; VersionId: string; IsLatest: boolean }[] };
    expect(listing.Versions.map((version) => [version.Key, version.VersionId, version.IsLatest])).toEqual([
      ['docs/deep/three.md', 'null', true], ['docs/one.md', 'null', true], ['docs/two.md', 'null', true],
    ]);
  });

  it("pages a versioned bucket's versions and delete markers by KeyMarker and VersionIdMarker, each key's newest first", async () => {
    api.account.buckets.createBucket('kept', { versioning: true });
    const ids: string[] = [];
    for (const body of ['1', '2', '3']) ids.push(((await s3('PutObject', { Bucket: 'kept', Key: 'a', Body: Buffer.from(body) })) as { VersionId: string }).VersionId);
    const marker = ((await s3('DeleteObject', { Bucket: 'kept', Key: 'a' })) as { VersionId: string }).VersionId;
    await s3('PutObject', { Bucket: 'kept', Key: 'b', Body: Buffer.from('b') });
    const order: string[] = [];
    let markers: Record<string, unknown> = {};
    for (let page = 0; page < 5; page++) {
      const listing = (await s3('ListObjectVersions', { Bucket: 'kept', MaxKeys: 2, ...markers })) as {
        IsTruncated: boolean; NextKeyMarker?: string; NextVersionIdMarker?: string; Versions?: {
          Key: string; VersionId: string; IsLatest: boolean; LastModified: Date
        }[]; DeleteMarkers?: { VersionId: string; LastModified: Date }[];
      };
      const entries = [...(listing.DeleteMarkers ?? []).map((entry) => ({ ...entry, Key: 'a', marker: true })), ...(listing.Versions ?? [])];
      order.push(...entries.sort((one, other) => other.LastModified.getTime() - one.LastModified.getTime()).map((entry) => ('marker' in entry ? `marker:${entry.VersionId}` : `${entry.Key}:${entry.VersionId}`)));
      if (!listing.IsTruncated) break;
      markers = { KeyMarker: listing.NextKeyMarker, VersionIdMarker: listing.NextVersionIdMarker };
    }
    expect(order.filter((entry) => entry.startsWith('marker:') || entry.startsWith('a:'))).toEqual([`marker:${marker}`, `a:${ids[2]}`, `a:${ids[1]}`, `a:${ids[0]}`]);
    expect(order).toHaveLength(5);
    expect(order.at(-1)).toMatch(/^b:/);
  });
});

describe('buckets', () => {
  it('lists buckets with their creation dates, heads one, and deletes an empty one', async () => {
    await s3('CreateBucket', { Bucket: 'second' });
    const listing = (await s3('ListBuckets')) as { Buckets: { Name: string; CreationDate: Date; BucketRegion: string }[]; Owner: { ID: string } };
    expect(listing.Buckets.map((bucket) => bucket.Name)).toEqual(['files', 'second']);
    expect(listing.Buckets[0]).toMatchObject({ CreationDate: expect.any(Date), BucketRegion: 'us-east-1' });
    expect(listing.Owner.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(await s3('HeadBucket', { Bucket: 'second' })).toEqual({ BucketRegion: 'us-east-1' });
    expect(await s3('DeleteBucket', { Bucket: 'second' })).toEqual({});
    await expect(s3('HeadBucket', { Bucket: 'second' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(s3('DeleteBucket', { Bucket: 'second' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(s3('DeleteBucket', { Bucket: 'files' })).rejects.toMatchObject({ code: 'BucketNotEmpty' });
  });

  it('pages ListBuckets by MaxBuckets', async () => {
    for (const name of ['b-one', 'b-two', 'b-three']) await s3('CreateBucket', { Bucket: name });
    const first = (await s3('ListBuckets', { Prefix: 'b-', MaxBuckets: 2 })) as { Buckets: { Name: string }[]; ContinuationToken?: string };
    expect(first.Buckets.map((bucket) => bucket.Name)).toEqual(['b-one', 'b-three']);
    const second = (await s3('ListBuckets', { Prefix: 'b-', MaxBuckets: 2, ContinuationToken: first.ContinuationToken })) as { Buckets: { Name: string }[]; ContinuationToken?: string };
    expect(second.Buckets.map((bucket) => bucket.Name)).toEqual(['b-two']);
    expect(second.ContinuationToken).toBeUndefined();
  });

  it("creates a bucket in the endpoint's region, and refuses a bad name or another region", async () => {
    expect(await s3('CreateBucket', { Bucket: 'new-bucket' })).toEqual({ Location: '/new-bucket' });
    // us-east-1 answers a bucket you own already with success (S3 API reference, CreateBucket).
    expect(await s3('CreateBucket', { Bucket: 'new-bucket' })).toEqual({ Location: '/new-bucket' });
    await expect(s3('CreateBucket', { Bucket: 'Bad_Name' })).rejects.toMatchObject({ code: 'InvalidBucketName' });
    await expect(s3('CreateBucket', { Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })).rejects.toMatchObject({ code: 'IllegalLocationConstraintException' });
  });

  it('answers BucketAlreadyOwnedByYou outside us-east-1', async () => {
    api.account.changeSettings({ region: 'eu-west-1' });
    await s3('CreateBucket', { Bucket: 'regional', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
    await expect(s3('CreateBucket', { Bucket: 'regional', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })).rejects.toMatchObject({ code: 'BucketAlreadyOwnedByYou' });
  });
});
