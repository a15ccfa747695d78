// Where local resources "are": the default account and region, the partition a region belongs
// to, and ARNs built from them. The one home of these rules for every engine (AWS docs, "Amazon
// Resource Names (ARNs)" and "Pseudo parameters reference": AWS::Partition, AWS::URLSuffix).

/** The default local account id (see docs/local-cloudformation.md). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** The default local region. */
export const DEFAULT_REGION = 'us-east-1';

/** The partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, `aws` otherwise. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The domain suffix of a region's endpoints (AWS::URLSuffix). */
export function urlSuffixOf(region: string): string {
  return partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The parts of an ARN; `region` and `accountId` are '' for global resources (e.g. IAM, S3 buckets). */
export interface ArnParts {
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`, the partition taken from the region (or `partitionRegion` for global ones). */
export function arn(parts: ArnParts, partitionRegion = parts.region): string {
  return `arn:${partitionOf(partitionRegion)}:${parts.service}:${parts.region}:${parts.accountId}:${parts.resource}`;
}
