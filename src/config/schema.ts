// The schema of slipway.yml: the single source of its types and of every default.
// Limits are AWS's own, cited where they come from, so a file that passes here deploys there.
import { z } from 'zod';
import { REPOSITORY_NAME, REPOSITORY_NAME_LENGTH } from '../ecr/repository-name.js';
import { TAG_MUTABILITY_MODES } from '../ecr/tag-immutability.js';

/** Stack and resource name prefix: short enough that `<name>-<env>-<suffix>` fits IAM's 64-character role names. */
const NAME = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,29}$/, 'expected 1–30 lowercase letters, digits or hyphens, starting with a letter');

// ECR repository names (ECR API reference, CreateRepository: repositoryName).
const ECR_REPOSITORY_NAME = z
  .string()
  .min(REPOSITORY_NAME_LENGTH.min)
  .max(REPOSITORY_NAME_LENGTH.max)
  .regex(
    REPOSITORY_NAME,
    'expected an ECR repository name: lowercase letters, digits and . _ - / separators',
  );

// S3 bucket naming rules (S3 user guide, "Bucket naming rules").
const BUCKET_NAME = z
  .string()
  .regex(/^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name: 3–63 lowercase letters, digits, dots and hyphens');

const ROLE_ARN = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'expected an IAM role ARN such as arn:aws:iam::123456789012:role/name');

const CONNECTION_ARN = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
    'expected a connection ARN such as arn:aws:codeconnections:us-east-1:123456789012:connection/<id>',
  );

// Git's own rules for branch names are looser; these are the names CodePipeline source actions take.
const BRANCH = z.string().regex(/^(?!\/|.*\/$|.*\.\.)[\w./-]+$/, 'expected a Git branch name such as main');

/** CloudWatch Logs retention values (PutRetentionPolicy: retentionInDays). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const GITHUB_TOKEN = z
  .strictObject({
    /** Secrets Manager secret name or ARN holding the token; absent: a NoEcho `OAuthToken` parameter. */
    secret: z.string().min(1).optional(),
    /** Key inside a JSON secret; absent: the whole secret string is the token. */
    jsonKey: z.string().min(1).optional(),
  })
  .default({});

export const SOURCE_PROVIDERS = ['connection', 'github', 'codecommit'] as const;
export const TRIGGERS = ['webhook', 'polling', 'none'] as const;

const SOURCE = z.strictObject({
  /** `connection`: AWS CodeConnections (CodeStarSourceConnection), AWS's recommended GitHub source. */
  provider: z.enum(SOURCE_PROVIDERS).default('connection'),
  /** Repository owner (GitHub user or organization); not used by codecommit. */
  owner: z.string().min(1).optional(),
  repository: z.string().min(1).regex(/^[\w.-]+$/, 'expected a repository name without the owner'),
  branch: BRANCH.default('main'),
  /**
   * How changes start the pipeline. `webhook` (default): connection → V2 push trigger on the
   * branch; github → AWS::CodePipeline::Webhook; codecommit → EventBridge rule. `polling`:
   * PollForSourceChanges (github, codecommit only). `none`: only manual starts.
   */
  trigger: z.enum(TRIGGERS).default('webhook'),
  /** connection: an existing connection's ARN; absent: the stack creates one (approve it once in the console). */
  connectionArn: CONNECTION_ARN.optional(),
  /** connection: the provider of a connection the stack creates. */
  connectionProvider: z.enum(['GitHub', 'GitHubEnterpriseServer', 'Bitbucket', 'GitLab']).default('GitHub'),
  /** github: where the OAuth token comes from; never a plain string in the template. */
  oauthToken: GITHUB_TOKEN,
});

export const TAG_MUTABILITY = TAG_MUTABILITY_MODES;

const IMAGE = z
  .strictObject({
    /** ECR repository name; default: the config's `name`. */
    repository: ECR_REPOSITORY_NAME.optional(),
    tagMutability: z.enum(TAG_MUTABILITY).default('MUTABLE'),
    /** Wildcard tag filters exempt from the mutability setting; 1–5, only with the *_WITH_EXCLUSION modes (ECR limit). */
    tagMutabilityExclusions: z.array(z.string().regex(/^[\w.*-]{1,128}$/, 'expected a tag filter of letters, digits, . _ - and *')).max(5).optional(),
    scanOnPush: z.boolean().default(true),
    lifecycle: z
      .strictObject({
        /** Untagged images (old layers of re-pushed tags) expire this many days after push. */
        expireUntaggedAfterDays: z.number().int().min(1).default(14),
        /** Only the newest N tagged images are kept. */
        keepLastTagged: z.number().int().min(1).max(10000).default(50),
      })
      .default({ expireUntaggedAfterDays: 14, keepLastTagged: 50 }),
    /** `name` in imagedefinitions.json, i.e. the ECS container to update; default: the config's `name`. */
    containerName: z.string().regex(/^[a-zA-Z0-9_-]{1,255}$/, 'expected an ECS container name').optional(),
    /** The port the Dockerfile EXPOSEs, for the ECS service; informative today. */
    port: z.number().int().min(1).max(65535).optional(),
  })
  .default({
    tagMutability: 'MUTABLE',
    scanOnPush: true,
    lifecycle: { expireUntaggedAfterDays: 14, keepLastTagged: 50 },
  });

export const COMPUTE_TYPES = ['BUILD_GENERAL1_SMALL', 'BUILD_GENERAL1_MEDIUM', 'BUILD_GENERAL1_LARGE', 'BUILD_GENERAL1_XLARGE', 'BUILD_GENERAL1_2XLARGE'] as const;

export const DEFAULT_BUILD_IMAGE = 'aws/codebuild/standard:7.0';

const BUILD = z
  .strictObject({
    /** Buildspec path in the repository. */
    buildspec: z.string().min(1).default('buildspec.yml'),
    /** true: the template carries slipway's generated buildspec inline, and the repository needs none. */
    inlineBuildspec: z.boolean().default(false),
    /** Dockerfile path and build context, relative to the repository root (used by the generated buildspec). */
    dockerfile: z.string().min(1).default('Dockerfile'),
    context: z.string().min(1).default('.'),
    computeType: z.enum(COMPUTE_TYPES).default('BUILD_GENERAL1_SMALL'),
    image: z.string().min(1).default(DEFAULT_BUILD_IMAGE),
    /** CodeBuild's TimeoutInMinutes: 5 to 2160 (CodeBuild API reference, CreateProject). */
    timeoutMinutes: z.number().int().min(5).max(2160).default(30),
    /** Extra plaintext environment variables for the build. */
    environment: z.record(z.string().regex(/^(?!CODEBUILD_)[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name not starting with CODEBUILD_ (reserved)'), z.string()).default({}),
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `expected one of CloudWatch Logs' retention values: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
  })
  .default({
    buildspec: 'buildspec.yml',
    inlineBuildspec: false,
    dockerfile: 'Dockerfile',
    context: '.',
    computeType: 'BUILD_GENERAL1_SMALL',
    image: DEFAULT_BUILD_IMAGE,
    timeoutMinutes: 30,
    environment: {},
    logRetentionDays: 30,
  });

export const EXECUTION_MODES = ['QUEUED', 'SUPERSEDED', 'PARALLEL'] as const;

const PIPELINE = z
  .strictObject({
    /** QUEUED: one execution at a time, in order, none dropped (V2 pipelines only). */
    executionMode: z.enum(EXECUTION_MODES).default('QUEUED'),
  })
  .default({ executionMode: 'QUEUED' });

const ARTIFACTS = z
  .strictObject({
    /** An existing (shared) artifact bucket; empty: the stack creates one. */
    bucket: z.union([z.literal(''), BUCKET_NAME]).default(''),
    /** Objects in a bucket the stack creates expire after this many days. */
    expireAfterDays: z.number().int().min(1).default(30),
    /** S3_MANAGED (default, free) or KMS (the stack creates a customer managed key, which is billed monthly). */
    encryption: z.enum(['S3_MANAGED', 'KMS']).default('S3_MANAGED'),
  })
  .default({ bucket: '', expireAfterDays: 30, encryption: 'S3_MANAGED' });

const ROLES = z
  .strictObject({
    /** Existing roles to use instead of the least-privilege ones the stack creates. */
    pipeline: ROLE_ARN.optional(),
    build: ROLE_ARN.optional(),
  })
  .default({});

const DEPLOY = z.strictObject({
  ecs: z
    .strictObject({
      cluster: z.string().min(1),
      service: z.string().min(1),
      /** File in the build output that lists the images (CodePipeline ECS standard deploy). */
      fileName: z.string().min(1).default('imagedefinitions.json'),
    })
    .optional(),
});

// A logical id is alphanumeric (CloudFormation user guide, "Resources": "The logical ID must be
// alphanumeric (A-Za-z0-9)"); what follows the first dot is the attribute, as Fn::GetAtt's
// dotted short form writes it.
const RESOURCE_ATTRIBUTE_KEY = z.string().regex(/^[A-Za-z0-9]+(\.\S+)?$/, 'expected Logical.Attribute (as Fn::GetAtt reads it) or Logical (for Ref), the logical id alphanumeric');

const LOCAL = z
  .strictObject({
    /**
     * The Git repository each source of the local pipeline reads (`slipway up`): `owner/repo` to a
     * folder (relative to slipway.yml) or a URL; unmapped repositories read the one up runs in.
     */
    sources: z.record(z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo'), z.string().min(1)).default({}),
    /**
     * Values for attributes of resources the local engine does not emulate (custom resources,
     * third-party types) in the stack `slipway up` keeps: `Logical.Attribute` as Fn::GetAtt reads
     * it, or `Logical` for Ref. Strings, like tags: quote what YAML would read as a number, so an
     * id such as '000000000000' keeps its digits. --resource-attribute wins for the same key.
     */
    resourceAttributes: z.record(RESOURCE_ATTRIBUTE_KEY, z.string()).default({}),
  })
  .default({ sources: {}, resourceAttributes: {} });

/** slipway.yml as written. */
export const CONFIG_SCHEMA = z.strictObject({
  name: NAME,
  /** Environment name, like the recipe's `Env` parameter; part of every resource name. */
  env: z.string().regex(/^[a-z][a-z0-9]{0,9}$/, 'expected 1–10 lowercase letters or digits, starting with a letter').default('dev'),
  source: SOURCE,
  image: IMAGE,
  build: BUILD,
  pipeline: PIPELINE,
  artifacts: ARTIFACTS,
  roles: ROLES,
  deploy: DEPLOY.default({}),
  /** What only the local pipeline reads (`slipway up`); nothing of it reaches the template. */
  local: LOCAL,
  /** Tags on every resource that takes them. */
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
});

/** slipway.yml as a user may write it (everything with a default is optional). */
export type SlipwayConfigInput = z.input<typeof CONFIG_SCHEMA>;
/** slipway.yml after the schema's defaults, before the defaults that depend on other fields. */
export type ParsedConfig = z.output<typeof CONFIG_SCHEMA>;
