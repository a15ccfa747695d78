// How S3 lists keys (ListObjectsV2, and ListObjectVersions in s3-version-listing.ts): in UTF-8
// binary order, grouped under CommonPrefixes by a Delimiter, at most MaxKeys entries a page
// (1,000 by default and at most) where a common prefix counts as one entry, and the next page
// named by the last entry. With EncodingType=url, keys and prefixes in the answer are URL-encoded,
// as the AWS CLI asks for and decodes.
import { SlipwayError } from '../../../errors.js';
import type { ApiContext } from '../handler.js';
import { decode, encode } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { bucketOf, S3_INVALID } from './s3-objects.js';

const MOST_KEYS = 1000;

/** One entry of a listing: an item (an object or a version) under its key, or a common prefix. */
export type Entry<T> = { item: T; key: string } | { prefix: string };

/** The members both listings take. */
export function listingInput(input: Record<string, unknown>, ctx: ApiContext) {
  const reader = new OperationInput(input, S3_INVALID);
  const bucket = bucketOf(reader, ctx);
  const maxKeys = Math.min(reader.optionalInteger('MaxKeys', 0) ?? MOST_KEYS, MOST_KEYS);
  const encodingType = reader.optionalString('EncodingType');
  if (encodingType !== undefined && encodingType !== 'url') throw reader.invalid('EncodingType', encodingType, 'Member must satisfy enum value set: [url]');
  const url = (text: string) => (encodingType === 'url' ? encodeURIComponent(text) : text);
  return { reader, bucket, prefix: reader.optionalString('Prefix') ?? '', delimiter: reader.optionalString('Delimiter') || undefined, maxKeys, url, encodingType };
}

/**
 * The items under `prefix`, grouped by the delimiter, up to one more entry than a page holds (so
 * the caller sees there is more). MaxKeys 0 asks for nothing, and S3 answers it as not truncated.
 */
export function entriesOf<T>(items: readonly { item: T; key: string }[], prefix: string, delimiter: string | undefined, maxKeys: number): Entry<T>[] {
  const entries: Entry<T>[] = [];
  if (maxKeys === 0) return entries;
  for (const { item, key } of items) {
    if (!key.startsWith(prefix)) continue;
    const at = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    if (at < 0) {
      entries.push({ item, key });
    } else {
      const common = key.slice(0, at + delimiter!.length);
      const last = entries.at(-1);
      if (last && 'prefix' in last && last.prefix === common) continue;
      entries.push({ prefix: common });
    }
    if (entries.length > maxKeys) break;
  }
  return entries;
}

/** Whether `key` comes after a marker; after a common prefix, the keys it grouped come before too. */
export function isAfter(key: string, marker: string, markerIsPrefix: boolean): boolean {
  return byteOrder(key, marker) > 0 && !(markerIsPrefix && key.startsWith(marker));
}

/** ListObjectsV2. */
export function listObjectsV2(input: Record<string, unknown>, ctx: ApiContext): Record<string, unknown> {
  const { reader, bucket, prefix, delimiter, maxKeys, url, encodingType } = listingInput(input, ctx);
  const token = reader.optionalString('ContinuationToken');
  const marker = token === undefined ? undefined : decode(token, () => reader.fail('The continuation token provided is incorrect'));
  const startAfter = reader.optionalString('StartAfter');
  const keys = ctx.account.buckets.listObjects(bucket, prefix).sort(byteOrder)
    .filter((key) => (marker !== undefined ? isAfter(key, marker.slice(2), marker.startsWith('p:')) : startAfter === undefined || isAfter(key, startAfter, false)));
  const all = entriesOf(keys.map((key) => ({ item: key, key })), prefix, delimiter, maxKeys);
  const page = all.slice(0, maxKeys);
  const owner = reader.optionalBoolean('FetchOwner') ? { Owner: ownerOf(ctx) } : {};
  const Contents = page.flatMap((entry) => ('key' in entry ? [objectEntry(ctx, bucket, entry.key, url, owner)] : []));
  const CommonPrefixes = page.flatMap((entry) => ('prefix' in entry ? [{ Prefix: url(entry.prefix) }] : []));
  const last = page.at(-1);
  return {
    IsTruncated: all.length > maxKeys, ...(Contents.length > 0 ? { Contents } : {}), Name: bucket, Prefix: url(prefix),
    ...(delimiter ? { Delimiter: url(delimiter) } : {}), MaxKeys: maxKeys,
    ...(CommonPrefixes.length > 0 ? { CommonPrefixes } : {}), ...(encodingType ? { EncodingType: encodingType } : {}), KeyCount: page.length,
    ...(token !== undefined ? { ContinuationToken: token } : {}), ...(startAfter !== undefined ? { StartAfter: url(startAfter) } : {}),
    ...(all.length > maxKeys && last ? { NextContinuationToken: encode('prefix' in last ? `p:${last.prefix}` : `k:${last.key}`) } : {}),
  };
}

/** The account's canonical user id, owner of every local bucket and object (64 hex digits, as S3's are). */
export function ownerOf(ctx: ApiContext): { ID: string } {
  return { ID: Buffer.from(ctx.account.settings.accountId.padEnd(32, '0')).toString('hex') };
}

function objectEntry(ctx: ApiContext, bucket: string, key: string, url: (text: string) => string, owner: object): Record<string, unknown> {
  const info = ctx.account.buckets.headObject(bucket, key);
  if (!info) throw new SlipwayError('InternalError', `object ${key} went away while it was listed`, { kind: 'internal' });
  return { Key: url(key), LastModified: new Date(info.lastModified), ETag: info.eTag, Size: info.size, StorageClass: 'STANDARD', ...owner };
}

/** S3's order of keys: their UTF-8 bytes. */
export function byteOrder(one: string, other: string): number {
  return Buffer.compare(Buffer.from(one), Buffer.from(other));
}
