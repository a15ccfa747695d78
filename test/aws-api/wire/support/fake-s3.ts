// A fake S3 for the wire tests: buckets of objects in memory, enough to answer the operations
// `slipway destroy` and the clients' `s3 cp`, `s3 ls` and `s3api` commands call.
import { createHash } from 'node:crypto';
import { SlipwayError } from '../../../../src/errors.js';

interface StoredObject {
  Body: Buffer;
  ContentType?: string;
  Metadata?: Record<string, string>;
  ETag: string;
  VersionId: string;
  LastModified: Date;
}

type Input = Record<string, unknown>;

/** A fixed instant the fakes put in their answers. */
export const PUSHED_AT = new Date('2024-05-06T07:08:09.123Z');

/** The fake S3 handlers; bucket `existing` exists from the start. */
export function fakeS3() {
  const buckets = new Map<string, Map<string, StoredObject>>([['existing', new Map()]]);
  let versions = 0;
  const bucket = (input: Input) => {
    const found = buckets.get(String(input.Bucket));
    if (!found) throw new SlipwayError('NoSuchBucket', 'The specified bucket does not exist');
    return found;
  };
  const object = (input: Input) => {
    const found = bucket(input).get(String(input.Key));
    if (!found) throw new SlipwayError('NoSuchKey', 'The specified key does not exist.');
    return found;
  };
  const head = (stored: StoredObject) => ({
    ContentLength: stored.Body.length, ContentType: stored.ContentType, ETag: stored.ETag, LastModified: stored.LastModified,
    Metadata: stored.Metadata, VersionId: stored.VersionId,
  });
  return {
    ListBuckets: () => ({ Buckets: [...buckets.keys()].map((Name) => ({ Name, CreationDate: PUSHED_AT })), Owner: { ID: 'local', DisplayName: 'local' } }),
    CreateBucket: (input: Input) => {
      buckets.set(String(input.Bucket), new Map());
      return { Location: `/${String(input.Bucket)}` };
    },
    PutObject: (input: Input) => {
      const Body = input.Body as Buffer;
      const stored: StoredObject = { Body, ContentType: input.ContentType as string | undefined, Metadata: input.Metadata as Record<string, string> | undefined, ETag: `"${createHash('md5').update(Body).digest('hex')}"`, VersionId: `v${(versions += 1)}`, LastModified: PUSHED_AT };
      bucket(input).set(String(input.Key), stored);
      return { ETag: stored.ETag, VersionId: stored.VersionId };
    },
    GetObject: (input: Input) => {
      const stored = object(input);
      return { ...head(stored), Body: stored.Body };
    },
    HeadObject: (input: Input) => head(object(input)),
    DeleteObject: (input: Input) => {
      bucket(input).delete(String(input.Key));
      return {};
    },
    DeleteObjects: (input: Input) => {
      const objects = (input.Delete as { Objects: Array<{ Key: string; VersionId?: string }> }).Objects;
      for (const { Key } of objects) bucket(input).delete(Key);
      return { Deleted: objects.map(({ Key, VersionId }) => ({ Key, VersionId })) };
    },
    ListObjectsV2: (input: Input) => {
      const prefix = String(input.Prefix ?? '');
      const keys = [...bucket(input).keys()].filter((key) => key.startsWith(prefix)).sort();
      const delimiter = input.Delimiter as string | undefined;
      const prefixes = delimiter ? [...new Set(keys.map((key) => key.slice(prefix.length)).filter((rest) => rest.includes(delimiter))
        .map((rest) => prefix + rest.slice(0, rest.indexOf(delimiter) + 1)))] : [];
      const contents = keys.filter((key) => !delimiter || !key.slice(prefix.length).includes(delimiter)).map((Key) => ({ Key, Size: bucket(input).get(Key)!.Body.length, ETag: bucket(input).get(Key)!.ETag, LastModified: PUSHED_AT, StorageClass: 'STANDARD' }));
      return {
        Name: input.Bucket, Prefix: prefix, Delimiter: delimiter, MaxKeys: 1000, KeyCount: contents.length + prefixes.length,
        IsTruncated: false, Contents: contents, CommonPrefixes: prefixes.map((Prefix) => ({ Prefix })),
      };
    },
    ListObjectVersions: (input: Input) => ({
      Name: input.Bucket,
      IsTruncated: false,
      Versions: [...bucket(input).entries()].map(([Key, stored]) => ({
        Key, VersionId: stored.VersionId, IsLatest: true, LastModified: stored.LastModified, Size: stored.Body.length,
        ETag: stored.ETag,
      })),
    }),
  };
}
