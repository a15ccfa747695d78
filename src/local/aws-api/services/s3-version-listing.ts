// ListObjectVersions: every version and delete marker under a prefix, each key's newest first,
// paged by KeyMarker and VersionIdMarker (S3 API reference, ListObjectVersions). A bucket that
// never had versioning lists each object once, as version `null`.
import type { ObjectVersion } from '../../artifacts/index.js';
import type { ApiContext } from '../handler.js';
import { byteOrder, entriesOf, isAfter, listingInput, ownerOf } from './s3-listing.js';

type Listed = { item: ObjectVersion; key: string };

/** ListObjectVersions. */
export function listObjectVersions(input: Record<string, unknown>, ctx: ApiContext): Record<string, unknown> {
  const { reader, bucket, prefix, delimiter, maxKeys, url, encodingType } = listingInput(input, ctx);
  const keyMarker = reader.optionalString('KeyMarker') || undefined;
  const versionIdMarker = reader.optionalString('VersionIdMarker') || undefined;
  // A stable sort keeps each key's versions newest first, as the store gives them.
  const versions = ctx.account.buckets.listObjectVersions(bucket, prefix).map((item) => ({ item, key: item.key }))
    .sort((one, other) => byteOrder(one.key, other.key));
  const all = entriesOf(afterMarkers(versions, keyMarker, versionIdMarker, delimiter), prefix, delimiter, maxKeys);
  const page = all.slice(0, maxKeys);
  const owner = { Owner: ownerOf(ctx) };
  const items = page.flatMap((entry) => ('item' in entry ? [entry.item] : []));
  const Versions = items.filter((item) => !item.deleteMarker).map((item) => ({
    ETag: item.eTag, Size: item.size, StorageClass: 'STANDARD', Key: url(item.key), VersionId: item.versionId, IsLatest: item.isLatest, LastModified: new Date(item.lastModified), ...owner,
  }));
  const DeleteMarkers = items.filter((item) => item.deleteMarker).map((item) => ({
    ...owner, Key: url(item.key), VersionId: item.versionId, IsLatest: item.isLatest, LastModified: new Date(item.lastModified),
  }));
  const CommonPrefixes = page.flatMap((entry) => ('prefix' in entry ? [{ Prefix: url(entry.prefix) }] : []));
  const last = page.at(-1);
  const next = all.length > maxKeys && last ? ('prefix' in last ? { NextKeyMarker: url(last.prefix) } : { NextKeyMarker: url(last.key), NextVersionIdMarker: last.item.versionId }) : {};
  return {
    IsTruncated: all.length > maxKeys, ...(keyMarker ? { KeyMarker: url(keyMarker) } : {}),
    ...(versionIdMarker ? { VersionIdMarker: versionIdMarker } : {}), ...next,
    ...(Versions.length > 0 ? { Versions } : {}), ...(DeleteMarkers.length > 0 ? { DeleteMarkers } : {}), Name: bucket, Prefix: url(prefix),
    ...(delimiter ? { Delimiter: url(delimiter) } : {}), MaxKeys: maxKeys, ...(CommonPrefixes.length > 0 ? { CommonPrefixes } : {}),
    ...(encodingType ? { EncodingType: encodingType } : {}),
  };
}

// After KeyMarker and VersionIdMarker: the versions of that key after that version, then the keys
// after it; with KeyMarker alone, the keys after it (a common prefix marker skips what it grouped).
function afterMarkers(versions: Listed[], keyMarker: string | undefined, versionIdMarker: string | undefined, delimiter: string | undefined): Listed[] {
  if (keyMarker === undefined) return versions;
  if (versionIdMarker !== undefined) {
    const at = versions.findIndex((entry) => entry.key === keyMarker && entry.item.versionId === versionIdMarker);
    if (at >= 0) return versions.slice(at + 1);
  }
  const markerIsPrefix = delimiter !== undefined && keyMarker.endsWith(delimiter);
  return versions.filter((entry) => isAfter(entry.key, keyMarker, markerIsPrefix));
}
