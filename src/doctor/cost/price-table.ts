// The one dated price table `slipway doctor --cost` estimates with: AWS list prices in US East
// (N. Virginia), us-east-1, in USD, as looked up on the date below. Updating the prices is one
// edit here (the date too). Every price names the page it was read from; where AWS's own
// pricing page was not in reach, the page quoted is one that cites it, and says so.

/** A free tier: `always` renews every month for every account; `12-months` is for new accounts only and is not subtracted. */
export interface FreeTier {
  quantity: number;
  kind: 'always' | '12-months';
}

/** One price: USD per `unit`, where it was read, and its free tier if there is one. */
export interface Price {
  usd: number;
  unit: string;
  source: string;
  free?: FreeTier;
  /** Quoted per this many units, as AWS quotes it (requests per 1,000). Default: 1. */
  per?: number;
}

/** When and where the prices below apply. */
export const PRICES_REGION = 'us-east-1';
export const PRICES_DATED = '2026-12-06';

export const PRICES = {
  // https://aws.amazon.com/codepipeline/pricing/ (retrieved 2026-12-06): "V2 type pipelines: You pay $0.002 per
  // action execution minute ... rounded up to the nearest minute ... except for manual approval and custom
  // action types"; "100 free action execution minutes per month ... shared between all V2 pipelines in the
  // account"; "V1 type pipelines: $1.00 per active pipeline ... per month"; "One free active pipeline per month".
  pipelineV2ActionMinute: { usd: 0.002, unit: 'action minute', source: 'https://aws.amazon.com/codepipeline/pricing/', free: { quantity: 100, kind: 'always' } },
  pipelineV1Active: { usd: 1.0, unit: 'active pipeline', source: 'https://aws.amazon.com/codepipeline/pricing/', free: { quantity: 1, kind: 'always' } },
  // https://c3x.dev/resources/aws/aws_codebuild_project/ (retrieved 2026-12-06), quoting AWS's CodeBuild
  // pricing page: "$0.005/min (small), $0.01 (medium), $0.02 (large)"; "First 100 small-Linux minutes/month
  // free". XLARGE, 2XLARGE, ARM and Windows prices were not found in a citable page: they are left out, and an
  // estimate for those compute types says so instead of guessing.
  codebuildLinuxMinute: {
    BUILD_GENERAL1_SMALL: { usd: 0.005, unit: 'build minute', source: 'https://c3x.dev/resources/aws/aws_codebuild_project/', free: { quantity: 100, kind: 'always' } },
    BUILD_GENERAL1_MEDIUM: { usd: 0.01, unit: 'build minute', source: 'https://c3x.dev/resources/aws/aws_codebuild_project/' },
    BUILD_GENERAL1_LARGE: { usd: 0.02, unit: 'build minute', source: 'https://c3x.dev/resources/aws/aws_codebuild_project/' },
  } as Record<string, Price>,
  // https://cloudburn.io/blog/amazon-ecr-pricing (retrieved 2026-12-06; "US East (N. Virginia) rates from the
  // Amazon ECR pricing page as of March 2026"): private storage "$0.10/GB/month". Free tier, "500 MB per month
  // of storage for private repositories for one year" (https://finops.com.py/services/ecr/overview).
  ecrStorage: { usd: 0.1, unit: 'GB-month', source: 'https://cloudburn.io/blog/amazon-ecr-pricing', free: { quantity: 0.5, kind: '12-months' } },
  // S3 Standard, us-east-1: "$0.023 per GB-month for the first 50 TB" (https://deepeshsoni.com/archives/256,
  // retrieved 2026-12-06); PUT, COPY, POST, LIST "$0.005 per 1,000 requests"
  // (https://www.cloudkaramchari.com/blog/understanding-per-1000-put-copy-post-or-list-requests-in-amazon-s3-pricing/);
  // free tier "5 GB ... 2000 PUT ... for a year" (https://cloudian.com/blog/5-components-of-aws-s3-storage-pricing/).
  s3Storage: { usd: 0.023, unit: 'GB-month', source: 'https://deepeshsoni.com/archives/256', free: { quantity: 5, kind: '12-months' } },
  s3Put: {
    usd: 0.005 / 1000,
    per: 1000,
    unit: 'PUT request',
    source: 'https://www.cloudkaramchari.com/blog/understanding-per-1000-put-copy-post-or-list-requests-in-amazon-s3-pricing/',
    free: { quantity: 2000, kind: '12-months' },
  },
  // https://c3x.dev/blog/cloudwatch-logs-cost-optimization ("us-east-1, June 2026"): "Ingestion: $0.50 per GB",
  // "Storage: $0.03 per GB-month"; "the AWS Free Tier includes 5 GB of free ingestion each month"
  // (https://hykell.com/kb/platform-specific-guides/aws-cloudwatch-logs-pricing).
  logsIngestion: { usd: 0.5, unit: 'GB ingested', source: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization', free: { quantity: 5, kind: 'always' } },
  logsStorage: { usd: 0.03, unit: 'GB-month', source: 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization' },
  // https://aws.amazon.com/kms/pricing/ (retrieved 2026-12-06): "Each AWS KMS key that you create in KMS costs
  // $1/month"; "If you enable automatic key rotation, each newly generated backing key costs an additional
  // $1/month"; "a free tier of 20,000 requests/month". Requests "$0.03 per 10,000"
  // (https://www.wring.co/blog/aws-kms-pricing-guide).
  kmsKey: { usd: 1.0, unit: 'key-month', source: 'https://aws.amazon.com/kms/pricing/' },
  kmsRequest: { usd: 0.03 / 10_000, per: 10_000, unit: 'request', source: 'https://www.wring.co/blog/aws-kms-pricing-guide', free: { quantity: 20_000, kind: 'always' } },
} satisfies Record<string, Price | Record<string, Price>>;

export type PriceTable = typeof PRICES;
