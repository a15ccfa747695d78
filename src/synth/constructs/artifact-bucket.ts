// The S3 bucket CodePipeline keeps artifacts in: created by the stack, or an existing shared
// bucket named by the user (one bucket per pipeline runs into the account's bucket limit).
import { Aws, CfnCondition, Fn, Token } from 'aws-cdk-lib';
import { CfnBucket, CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DEFAULTS } from './defaults.js';
import { acknowledgeNagFinding } from './nag-acknowledgements.js';

/** Props of {@link ArtifactBucket}. */
export interface ArtifactBucketProps {
  /**
   * An existing bucket to use. Without `createCondition`, nothing is created; with it, the
   * bucket is created when the condition holds and this name is used otherwise.
   * @default - the stack creates a bucket
   */
  readonly existingBucketName?: string;
  /**
   * Create the bucket only when this condition holds (a template parameter decides).
   * @default - decided at synth time by `existingBucketName`
   */
  readonly createCondition?: CfnCondition;
  /**
   * Objects in a created bucket expire this many days after they were written.
   * @default 30
   */
  readonly expireAfterDays?: number;
  /**
   * A KMS key ARN for the created bucket's default encryption.
   * @default - S3-managed keys (SSE-S3), which cost nothing
   */
  readonly encryptionKeyArn?: string;
}

/** An artifact bucket: encrypted, private, TLS-only, with expiry; or a shared bucket by name. */
export class ArtifactBucket extends Construct {
  /** The bucket's name: a reference to the created bucket, the shared name, or an `Fn::If` of both. */
  readonly bucketName: string;
  /** `arn:<partition>:s3:::<bucketName>`. */
  readonly bucketArn: string;
  /** The created bucket; undefined when an existing bucket is used unconditionally. */
  readonly resource: CfnBucket | undefined;

  constructor(scope: Construct, id: string, props: ArtifactBucketProps) {
    super(scope, id);
    const create = props.existingBucketName === undefined || props.createCondition !== undefined;
    if (!create) {
      this.resource = undefined;
      this.bucketName = props.existingBucketName as string;
    } else {
      this.resource = createBucket(this, props);
      this.bucketName =
        props.createCondition && props.existingBucketName !== undefined
          ? Token.asString(Fn.conditionIf(props.createCondition.logicalId, this.resource.ref, props.existingBucketName))
          : this.resource.ref;
    }
    this.bucketArn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
  }

  /** The ARN pattern of the objects under a key prefix (`''`: every object in the bucket). */
  objectsArn(prefix: string): string {
    return prefix === '' ? `${this.bucketArn}/*` : `${this.bucketArn}/${prefix}/*`;
  }
}

function createBucket(scope: Construct, props: ArtifactBucketProps): CfnBucket {
  const bucket = new CfnBucket(scope, 'Resource', {
    bucketEncryption: {
      serverSideEncryptionConfiguration: [
        props.encryptionKeyArn === undefined
          ? { serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKeyArn }, bucketKeyEnabled: true },
      ],
    },
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
    lifecycleConfiguration: {
      rules: [
        {
          id: 'ExpireArtifacts',
          status: 'Enabled',
          expirationInDays: props.expireAfterDays ?? DEFAULTS.artifactExpireAfterDays,
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ],
    },
  });
  const policy = new CfnBucketPolicy(scope, 'Policy', {
    bucket: bucket.ref,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          // Refuse plain HTTP (S3 user guide, "Enforce encryption of data in transit").
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: [bucket.attrArn, `${bucket.attrArn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
  });
  acknowledgeNagFinding(
    bucket,
    'AwsSolutions-S1',
    'The bucket holds short-lived pipeline artifacts (source archives and imagedefinitions.json) that expire automatically; only the pipeline and build roles can reach it, over TLS. Server access logs would need a second bucket per pipeline, the very bucket limit a shared artifact bucket avoids; object-level access can be audited with CloudTrail data events where required.',
  );
  if (props.createCondition) {
    bucket.cfnOptions.condition = props.createCondition;
    policy.cfnOptions.condition = props.createCondition;
  }
  return bucket;
}
