// What the AWS::ECR::Repository provider needs from the local registry. The stack engine owns
// this interface; src/local/stack/providers/ecr-registry-adapter.ts maps it onto the registry.
// Failures are SlipwayErrors whose code is the ECR exception name (RepositoryNotFoundException,
// RepositoryAlreadyExistsException, RepositoryNotEmptyException, InvalidParameterException,
// LifecyclePolicyNotFoundException).

/** ECR's tag mutability settings. */
export type ImageTagMutability = 'MUTABLE' | 'IMMUTABLE' | 'MUTABLE_WITH_EXCLUSION' | 'IMMUTABLE_WITH_EXCLUSION';

/** One exclusion filter of the *_WITH_EXCLUSION modes. */
export interface TagMutabilityExclusionFilter {
  filterType: 'WILDCARD';
  filter: string;
}

/** A repository as the provider sees it. */
export interface RepositoryDescription {
  repositoryName: string;
  imageTagMutability: ImageTagMutability;
  scanOnPush: boolean;
  lifecyclePolicyText?: string;
  /** Number of images, for deletion without EmptyOnDelete. */
  imageCount: number;
}

/** Settings given at creation. */
export interface RepositorySettings {
  repositoryName: string;
  imageTagMutability: ImageTagMutability;
  imageTagMutabilityExclusionFilters?: TagMutabilityExclusionFilter[];
  scanOnPush: boolean;
  encryptionType?: 'AES256' | 'KMS' | 'KMS_DSSE';
  kmsKey?: string;
}

/** The repository operations the provider calls; implemented by the local registry's adapter. */
export interface RepositoryControl {
  createRepository(settings: RepositorySettings): Promise<void>;
  /** With `force`, deletes the images too; without, a non-empty repository fails with RepositoryNotEmptyException. */
  deleteRepository(repositoryName: string, force: boolean): Promise<void>;
  putImageTagMutability(repositoryName: string, mutability: ImageTagMutability, filters?: TagMutabilityExclusionFilter[]): Promise<void>;
  /** Sets the lifecycle policy; `undefined` removes it. */
  putLifecyclePolicy(repositoryName: string, lifecyclePolicyText: string | undefined): Promise<void>;
  putImageScanningConfiguration(repositoryName: string, scanOnPush: boolean): Promise<void>;
  describeRepository(repositoryName: string): Promise<RepositoryDescription | undefined>;
}
