// The ECR repository the build pushes to.
import { CfnDeletionPolicy } from 'aws-cdk-lib';
import { CfnRepository } from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { SlipwayError } from '../../errors.js';
import { DEFAULTS } from './defaults.js';
import { renderLifecyclePolicy } from './lifecycle-policy.js';

/** ECR's four tag mutability settings. */
export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';

/** Props of {@link ImageRepository}. */
export interface ImageRepositoryProps {
  /** The repository name (lowercase, `/`-separated namespaces allowed). */
  readonly repositoryName: string;
  /**
   * Whether a pushed tag may be pushed again with another image.
   * @default 'MUTABLE'
   */
  readonly tagMutability?: TagMutability;
  /**
   * Wildcard tag filters exempt from `tagMutability`; 1 to 5, and only with the
   * `*_WITH_EXCLUSION` settings (ECR's limits).
   * @default - none
   */
  readonly tagMutabilityExclusions?: string[];
  /**
   * Scan each image for vulnerabilities when it is pushed (basic scanning).
   * @default true
   */
  readonly scanOnPush?: boolean;
  /**
   * Untagged images expire this many days after push.
   * @default 14
   */
  readonly expireUntaggedAfterDays?: number;
  /**
   * Only the newest N tagged images are kept.
   * @default 50
   */
  readonly keepLastTagged?: number;
}

/**
 * An ECR repository with scan on push and a lifecycle policy. It is retained when its stack is
 * deleted: the images are the product of every build, and CloudFormation could not delete a
 * repository that still holds images anyway.
 */
export class ImageRepository extends Construct {
  /** The repository's name (a reference to it). */
  readonly repositoryName: string;
  /** The repository's ARN, for the build role's push grant. */
  readonly repositoryArn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
  readonly repositoryUri: string;
  /** The AWS::ECR::Repository, for escape hatches. */
  readonly resource: CfnRepository;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps) {
    super(scope, id);
    const mutability = props.tagMutability ?? DEFAULTS.tagMutability;
    const exclusions = props.tagMutabilityExclusions ?? [];
    checkExclusions(mutability, exclusions);
    this.resource = new CfnRepository(this, 'Resource', {
      repositoryName: props.repositoryName,
      imageTagMutability: mutability,
      imageTagMutabilityExclusionFilters:
        exclusions.length > 0
          ? exclusions.map((filter) => ({ imageTagMutabilityExclusionFilterType: 'WILDCARD', imageTagMutabilityExclusionFilterValue: filter }))
          : undefined,
      imageScanningConfiguration: { scanOnPush: props.scanOnPush ?? DEFAULTS.scanOnPush },
      lifecyclePolicy: {
        lifecyclePolicyText: renderLifecyclePolicy({
          expireUntaggedAfterDays: props.expireUntaggedAfterDays ?? DEFAULTS.expireUntaggedAfterDays,
          keepLastTagged: props.keepLastTagged ?? DEFAULTS.keepLastTagged,
        }),
      },
    });
    this.resource.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    this.resource.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    this.repositoryName = this.resource.ref;
    this.repositoryArn = this.resource.attrArn;
    this.repositoryUri = this.resource.attrRepositoryUri;
  }
}

/** ECR takes exclusion filters only with the *_WITH_EXCLUSION settings, and then 1 to 5 of them. */
function checkExclusions(mutability: TagMutability, exclusions: string[]): void {
  const withExclusion = mutability.endsWith('_WITH_EXCLUSION');
  if (withExclusion && (exclusions.length < 1 || exclusions.length > 5)) {
    throw new SlipwayError('ConstructPropsInvalid', `ImageRepository: ${mutability} needs 1 to 5 tagMutabilityExclusions, found ${exclusions.length}`);
  }
  if (!withExclusion && exclusions.length > 0) {
    throw new SlipwayError('ConstructPropsInvalid', `ImageRepository: tagMutabilityExclusions need IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, found ${mutability}`);
  }
}
