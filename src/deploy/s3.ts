// The S3 calls slipway makes: emptying an artifact bucket the stack created, so that
// CloudFormation can delete it (DeleteBucket fails on a bucket that holds objects or versions).
import { DeleteObjectsCommand, ListObjectVersionsCommand, S3Client, type ObjectIdentifier } from '@aws-sdk/client-s3';
import { awsErrorCode, callAws } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** The S3 operations the flows use. */
export interface S3Api {
  /** Deletes every object version and delete marker; returns how many were deleted, or undefined when the bucket is gone. */
  emptyBucket(bucket: string): Promise<number | undefined>;
}

/** The AWS SDK v3 implementation of S3Api. */
export class SdkS3 implements S3Api {
  private readonly client: S3Client;

  constructor(settings: AwsSettings) {
    // Path-style addressing when an endpoint is given: moto and local endpoints have no
    // per-bucket DNS names.
    this.client = new S3Client({ ...clientConfig(settings), forcePathStyle: Boolean(settings.endpointUrl) });
  }

  async emptyBucket(bucket: string): Promise<number | undefined> {
    let deleted = 0;
    try {
      for (;;) {
        // Listing versions (not only current objects) also catches noncurrent versions and delete
        // markers of a versioned bucket; each page holds at most 1000, DeleteObjects' own limit.
        const page = await callAws({ action: 's3:ListBucketVersions' }, () => this.client.send(new ListObjectVersionsCommand({ Bucket: bucket })));
        const ids: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => ({
          Key: entry.Key ?? '',
          ...(entry.VersionId && entry.VersionId !== 'null' ? { VersionId: entry.VersionId } : {}),
        }));
        if (ids.length === 0) return deleted;
        await callAws({ action: 's3:DeleteObjectVersion' }, () => this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: ids, Quiet: true } })));
        deleted += ids.length;
      }
    } catch (error) {
      if (awsErrorCode((error as Error).cause) === 'NoSuchBucket') return undefined;
      throw error;
    }
  }
}
