// The S3 calls slipway makes: uploading a template too large to send inline (`--s3-bucket`), and
// emptying an artifact bucket the stack created, so that CloudFormation can delete it
// (DeleteBucket fails on a bucket that holds objects or versions).
import { DeleteObjectsCommand, HeadObjectCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client, type ObjectIdentifier } from '@aws-sdk/client-s3';
import { SlipwayError } from '../errors.js';
import { awsErrorCode, awsHttpStatus, callAws, translateAwsError } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** The S3 operations the flows use. */
export interface S3Api {
  /** Deletes every object version and delete marker; returns how many were deleted, or undefined when the bucket is gone. */
  emptyBucket(bucket: string): Promise<number | undefined>;
  /** Whether an object is at this key (HeadObject); false also when S3 will not say (403 without s3:ListBucket). */
  objectExists(bucket: string, key: string): Promise<boolean>;
  /** Uploads a text object (PutObject). */
  putObject(bucket: string, key: string, text: string): Promise<void>;
  /** The object's https URL as CloudFormation's TemplateURL expects it; at the endpoint, path-style, with --endpoint-url. */
  objectUrl(bucket: string, key: string): Promise<string>;
}

/** The AWS SDK v3 implementation of S3Api. */
export class SdkS3 implements S3Api {
  private readonly client: S3Client;
  private readonly endpointUrl: string | undefined;

  constructor(settings: AwsSettings) {
    // Path-style addressing when an endpoint is given: moto and local endpoints have no
    // per-bucket DNS names.
    this.client = new S3Client({ ...clientConfig(settings), forcePathStyle: Boolean(settings.endpointUrl) });
    this.endpointUrl = settings.endpointUrl;
  }

  async objectExists(bucket: string, key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      // HeadObject answers 404 for a missing key, and 403 instead when the caller may not list
      // the bucket (S3 API reference, HeadObject); either way the object is uploaded, and
      // PutObject then reports a real refusal with its own error.
      const status = awsHttpStatus(error);
      if (status === 404 || status === 403) return false;
      throw translateAwsError(error, { action: 's3:GetObject' });
    }
  }

  async putObject(bucket: string, key: string, text: string): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'text/plain; charset=utf-8' }));
    } catch (error) {
      if (awsErrorCode(error) === 'NoSuchBucket') {
        throw new SlipwayError('S3BucketNotFound', `cannot upload the template: bucket ${bucket} does not exist${this.endpointUrl ? ` at ${this.endpointUrl}` : ''}`, {
          kind: 'invalid-input',
          hint: `create it first (\`aws s3 mb s3://${bucket}\`, in the stack's region), or pass another --s3-bucket`,
          cause: error,
        });
      }
      throw translateAwsError(error, { action: 's3:PutObject' });
    }
  }

  async objectUrl(bucket: string, key: string): Promise<string> {
    // The SDK's own endpoint rules choose the host: virtual-hosted
    // (https://bucket.s3.region.amazonaws.com/) in the bucket's partition, path-style for a bucket
    // name that cannot be a DNS label over https (dots, uppercase, underscores) and for
    // --endpoint-url. FIPS and dual-stack come from the client's resolved configuration
    // (AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT, or the profile's use_fips_endpoint and
    // use_dualstack_endpoint), so the URL names the same host the upload went to.
    const config = this.client.config;
    const endpoint = await config.endpointProvider({
      Bucket: bucket,
      Region: await config.region(),
      ForcePathStyle: Boolean(this.endpointUrl),
      UseFIPS: await config.useFipsEndpoint(),
      UseDualStack: await config.useDualstackEndpoint(),
      Accelerate: false,
      ...(this.endpointUrl ? { Endpoint: this.endpointUrl } : {}),
    });
    const url = new URL(String(endpoint.url));
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;
    return url.toString();
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
