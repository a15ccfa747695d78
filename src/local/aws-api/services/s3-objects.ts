// S3's object operations on the account's buckets (src/local/artifacts): PutObject, GetObject,
// HeadObject, DeleteObject and DeleteObjects, with versions when the bucket keeps them and S3's
// errors (NoSuchBucket, NoSuchKey, NoSuchVersion, MethodNotAllowed on a delete marker, BadDigest).
import { createHash } from 'node:crypto';
import { SlipwayError } from '../../../errors.js';
import type { StoredVersion } from '../../artifacts/index.js';
import type { ApiContext, OperationHandler } from '../handler.js';
import { OperationInput } from './operation-input.js';
import { checkConditions, objectHeaders, rangeOf } from './s3-reads.js';

/** S3's validation error. */
export const S3_INVALID = 'InvalidArgument';
/** S3 keys are at most 1,024 bytes of UTF-8 (S3 user guide, "Naming Amazon S3 objects"). */
const LONGEST_KEY = 1024;
/** DeleteObjects takes at most 1,000 keys (S3 API reference). */
const MOST_KEYS_DELETED = 1000;

/** Reads the bucket and key of an object operation; NoSuchBucket when the bucket is not there. */
export function objectInput(input: Record<string, unknown>, ctx: ApiContext): { reader: OperationInput; bucket: string; key: string } {
  const reader = new OperationInput(input, S3_INVALID);
  const bucket = bucketOf(reader, ctx);
  const key = reader.string('Key');
  if (Buffer.byteLength(key) > LONGEST_KEY) throw new SlipwayError('KeyTooLongError', `Your key is too long (${Buffer.byteLength(key)} bytes; at most ${LONGEST_KEY})`);
  return { reader, bucket, key };
}

/** The Bucket member, naming a bucket that exists. */
export function bucketOf(reader: OperationInput, ctx: ApiContext): string {
  const bucket = reader.string('Bucket');
  if (!ctx.account.buckets.hasBucket(bucket)) throw new SlipwayError('NoSuchBucket', 'The specified bucket does not exist', { hint: `bucket '${bucket}'` });
  return bucket;
}

/** The object (or version) a read names; S3's error when there is none, or when it is a delete marker. */
function readable(ctx: ApiContext, bucket: string, key: string, versionId: string | undefined): StoredVersion {
  const found = ctx.account.buckets.headObject(bucket, key, versionId);
  if (!found) {
    if (versionId !== undefined) throw new SlipwayError('NoSuchVersion', 'The specified version does not exist.', { hint: `${key} version ${versionId}` });
    throw new SlipwayError('NoSuchKey', 'The specified key does not exist.', { hint: `key '${key}' in bucket '${bucket}'` });
  }
  if (found.deleteMarker) throw new SlipwayError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { hint: `${key} version ${found.versionId} is a delete marker` });
  return found;
}

/** S3's object operations, by name. */
export const s3ObjectHandlers: Record<string, OperationHandler> = {
  PutObject: (input, ctx) => {
    const { reader, bucket, key } = objectInput(input, ctx);
    const body = reader.optionalBlob('Body') ?? Buffer.alloc(0);
    checkDigest(reader, body);
    if (reader.optionalString('IfNoneMatch') === '*' && ctx.account.buckets.headObject(bucket, key)) {
      throw new SlipwayError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    const metadata = reader.optionalRecord('Metadata') as Record<string, string> | undefined;
    const stored = ctx.account.buckets.putObject(bucket, key, body, { contentType: reader.optionalString('ContentType'), metadata });
    return { ETag: stored.eTag, ServerSideEncryption: 'AES256', ...(stored.versionId !== 'null' ? { VersionId: stored.versionId } : {}) };
  },
  GetObject: (input, ctx) => {
    const { reader, bucket, key } = objectInput(input, ctx);
    const object = readable(ctx, bucket, key, reader.optionalString('VersionId'));
    checkConditions(object, reader);
    const part = rangeOf(ctx.account.buckets.getObject(bucket, key, object.versionId)!, reader.optionalString('Range'));
    return {
      ...objectHeaders(object, reader), Body: part.body, ContentLength: part.body.length,
      ...(part.contentRange ? { ContentRange: part.contentRange } : {})
    };
  },
  HeadObject: (input, ctx) => {
    const { reader, bucket, key } = objectInput(input, ctx);
    const object = readable(ctx, bucket, key, reader.optionalString('VersionId'));
    checkConditions(object, reader);
    return objectHeaders(object, reader);
  },
  DeleteObject: (input, ctx) => {
    const { reader, bucket, key } = objectInput(input, ctx);
    const deleted = ctx.account.buckets.deleteObject(bucket, key, reader.optionalString('VersionId'));
    return { ...(deleted.deleteMarker ? { DeleteMarker: true } : {}), ...(deleted.versionId !== undefined ? { VersionId: deleted.versionId } : {}) };
  },
  DeleteObjects: (input, ctx) => {
    const reader = new OperationInput(input, S3_INVALID);
    const bucket = bucketOf(reader, ctx);
    const request = new OperationInput(reader.optionalRecord('Delete') ?? {}, 'MalformedXML');
    const objects = (request.optionalList('Objects') ?? []) as { Key?: string; VersionId?: string }[];
    if (objects.length === 0 || objects.length > MOST_KEYS_DELETED) {
      throw new SlipwayError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema (DeleteObjects takes 1 to ${MOST_KEYS_DELETED} keys, got ${objects.length})`);
    }
    const deleted = objects.map((object) => deleteOne(ctx, bucket, object));
    const Errors = deleted.filter((entry) => 'Code' in entry);
    const Deleted = deleted.filter((entry) => !('Code' in entry));
    return { ...(request.optionalBoolean('Quiet') || Deleted.length === 0 ? {} : { Deleted }), ...(Errors.length > 0 ? { Errors } : {}) };
  },
};

// One key of DeleteObjects: what was deleted, in S3's Deleted shape, or its Error entry.
function deleteOne(ctx: ApiContext, bucket: string, object: { Key?: string; VersionId?: string }): Record<string, unknown> {
  if (typeof object.Key !== 'string' || object.Key === '') return { Key: object.Key ?? '', Code: 'InvalidArgument', Message: 'An object key is required' };
  const deleted = ctx.account.buckets.deleteObject(bucket, object.Key, object.VersionId);
  const marker = deleted.deleteMarker ? { DeleteMarker: true, DeleteMarkerVersionId: deleted.versionId } : {};
  return { Key: object.Key, ...(object.VersionId !== undefined ? { VersionId: object.VersionId } : {}), ...marker };
}

// Content-MD5 is the base64 MD5 of the body; S3 refuses a body that does not match it.
function checkDigest(reader: OperationInput, body: Buffer): void {
  const given = reader.optionalString('ContentMD5');
  if (given === undefined) return;
  if (Buffer.from(given, 'base64').length !== 16) throw new SlipwayError('InvalidDigest', 'The Content-MD5 you specified was invalid.');
  if (createHash('md5').update(body).digest('base64') !== given) throw new SlipwayError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
}
