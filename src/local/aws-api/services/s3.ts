// S3 on the account's local buckets (src/local/artifacts): buckets (what `aws s3 mb`, `rb` and
// `ls` call), objects (s3-objects.ts) and listings (s3-listing.ts, s3-version-listing.ts).
import { SlipwayError } from '../../../errors.js';
import { OperationInput } from './operation-input.js';
import { bucketOf, S3_INVALID, s3ObjectHandlers } from './s3-objects.js';
import { listObjectsV2, ownerOf } from './s3-listing.js';
import { listObjectVersions } from './s3-version-listing.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** S3's errors and their HTTP status (S3 API reference, "Error responses"); NotModified is the 304 of a conditional read. */
export const S3_ERRORS: ServiceErrors = {
  fallback: S3_INVALID,
  codes: {
    InvalidArgument: 400, InvalidBucketName: 400, InvalidDigest: 400, BadDigest: 400, KeyTooLongError: 400, MalformedXML: 400, InvalidLocationConstraint: 400,
    IllegalLocationConstraintException: 400, NoSuchBucket: 404, NoSuchKey: 404, NoSuchVersion: 404, MethodNotAllowed: 405, BucketAlreadyExists: 409,
    BucketAlreadyOwnedByYou: 409, BucketNotEmpty: 409, PreconditionFailed: 412, InvalidRange: 416, NotModified: 304, InternalError: 500,
  },
};

const MOST_BUCKETS = 10_000;

/** S3's operations, by name. */
export const s3Handlers = withServiceErrors({
  ...s3ObjectHandlers,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  ListBuckets: (input, ctx) => {
    const reader = new OperationInput(input, S3_INVALID);
    const prefix = reader.optionalString('Prefix') ?? '';
    const max = reader.optionalInteger('MaxBuckets', 1, MOST_BUCKETS) ?? MOST_BUCKETS;
    const after = reader.optionalString('ContinuationToken');
    const names = ctx.account.buckets.listBuckets().filter((name) => name.startsWith(prefix) && (after === undefined || name > after));
    const page = names.slice(0, max);
    const region = ctx.account.settings.region;
    return {
      Buckets: page.map((name) => ({ Name: name, CreationDate: ctx.account.buckets.bucketCreationDate(name), BucketRegion: region })),
      Owner: ownerOf(ctx),
      ...(names.length > max ? { ContinuationToken: page.at(-1) } : {}),
      ...(prefix ? { Prefix: prefix } : {}),
    };
  },
  HeadBucket: (input, ctx) => {
    bucketOf(new OperationInput(input, S3_INVALID), ctx);
    return { BucketRegion: ctx.account.settings.region };
  },
  CreateBucket: (input, ctx) => {
    const reader = new OperationInput(input, S3_INVALID);
    const bucket = reader.string('Bucket');
    checkLocation(reader, ctx.account.settings.region);
    if (ctx.account.buckets.hasBucket(bucket)) {
      // "In all AWS Regions except us-east-1, you get this error; in us-east-1, S3 returns 200 OK" (CreateBucket, BucketAlreadyOwnedByYou).
      if (ctx.account.settings.region === 'us-east-1') return { Location: `/${bucket}` };
      throw new SlipwayError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', { hint: `bucket '${bucket}'` });
    }
    ctx.account.buckets.createBucket(bucket, { versioning: false });
    return { Location: `/${bucket}` };
  },
  DeleteBucket: (input, ctx) => {
    const bucket = bucketOf(new OperationInput(input, S3_INVALID), ctx);
    ctx.account.buckets.deleteBucket(bucket);
    return {};
  },
}, S3_ERRORS);

// A bucket is made in the endpoint's region: us-east-1 takes no LocationConstraint, other regions their own name.
function checkLocation(reader: OperationInput, region: string): void {
  const configuration = reader.optionalRecord('CreateBucketConfiguration');
  const constraint = configuration ? new OperationInput(configuration, S3_INVALID).optionalString('LocationConstraint') : undefined;
  if (constraint === undefined || constraint === '' || (constraint === region && region !== 'us-east-1')) return;
  if (constraint === 'us-east-1') throw new SlipwayError('InvalidLocationConstraint', 'The specified location-constraint is not valid');
  throw new SlipwayError('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to (the local region is ${region}).`);
}
