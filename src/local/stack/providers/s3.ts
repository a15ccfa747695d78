// AWS::S3::Bucket becomes a bucket of the local artifact store; AWS::S3::BucketPolicy is stored
// with it. Ref returns the bucket name (AWS resource reference, AWS::S3::Bucket).
import { urlSuffixOf } from '../../../cloudformation/index.js';
import { bucketNameProblem } from '../../artifacts/index.js';
import { arnOf } from './naming.js';
import { PropertyChecks, policyDocumentProblems } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** AWS::S3::Bucket: BucketName changes replace the bucket; everything else updates in place. */
export const bucketProvider: ResourceProvider = recordedProvider({
  type: 'AWS::S3::Bucket',
  properties: RESOURCE_PROPERTY_NAMES['AWS::S3::Bucket'],
  nameProperty: 'BucketName',
  maxNameLength: 63,
  lowercase: true,
  replaceOn: ['BucketName', 'ObjectLockEnabled'],
  validate(properties) {
    const name = properties.BucketName;
    const problem = typeof name === 'string' ? bucketNameProblem(name) : undefined;
    return new PropertyChecks(properties).when(problem !== undefined, `#/BucketName: ${problem}`).problems;
  },
  identity(ctx, name) {
    return {
      physicalId: name,
      ref: name,
      attributes: {
        Arn: arnOf(ctx, 's3', name, { region: '', account: '' }),
        DomainName: `${name}.s3.${urlSuffixOf(ctx.region)}`,
        DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.${urlSuffixOf(ctx.region)}`,
        RegionalDomainName: `${name}.s3.${ctx.region}.${urlSuffixOf(ctx.region)}`,
        WebsiteURL: `http://${name}.s3-website-${ctx.region}.${urlSuffixOf(ctx.region)}`,
      },
    };
  },
  service: {
    exists: (ctx, name) => ctx.artifacts.hasBucket(name),
    create: (ctx, name, properties) => ctx.artifacts.createBucket(name, { versioning: versioningOf(properties) }),
    update: (ctx, name, properties) => ctx.artifacts.putBucketSettings(name, { ...ctx.artifacts.bucketSettings(name), versioning: versioningOf(properties) }),
    // S3 refuses to delete a bucket with objects in it, and so does CloudFormation.
    delete: (ctx, name) => ctx.artifacts.deleteBucket(name),
  },
});

function versioningOf(properties: Record<string, unknown>): boolean {
  const configuration = properties.VersioningConfiguration as { Status?: string } | undefined;
  return configuration?.Status === 'Enabled';
}

/** AWS::S3::BucketPolicy: the policy is stored on the local bucket when the bucket is local. */
export const bucketPolicyProvider: ResourceProvider = recordedProvider({
  type: 'AWS::S3::BucketPolicy',
  properties: RESOURCE_PROPERTY_NAMES['AWS::S3::BucketPolicy'],
  maxNameLength: 128,
  replaceOn: ['Bucket'],
  validate(properties) {
    const checks = new PropertyChecks(properties).required('Bucket', 'PolicyDocument');
    if (properties.PolicyDocument !== undefined) checks.problems.push(...policyDocumentProblems(properties.PolicyDocument, 'PolicyDocument'));
    return checks.problems;
  },
  identity(_ctx, name, properties) {
    return { physicalId: name, ref: String(properties.Bucket), attributes: {} };
  },
  service: {
    // A bucket carries one policy; a second BucketPolicy on it replaces the first, as in S3.
    exists: () => false,
    create: (ctx, _name, properties) => setPolicy(ctx.artifacts, String(properties.Bucket), properties.PolicyDocument),
    update: (ctx, _name, properties) => setPolicy(ctx.artifacts, String(properties.Bucket), properties.PolicyDocument),
    delete: (ctx, _name, current) => setPolicy(ctx.artifacts, String(current.properties.Bucket), undefined),
  },
});

function setPolicy(artifacts: import('../../artifacts/index.js').ArtifactStore, bucket: string, policy: unknown): void {
  if (!artifacts.hasBucket(bucket)) return;
  artifacts.putBucketSettings(bucket, { ...artifacts.bucketSettings(bucket), policy });
}
