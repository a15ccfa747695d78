// The ECR-compatible registry: library API for the local stack engine and the local AWS
// endpoint (openRegistry), plus the pieces their code may name in types.
export { openRegistry, DEFAULT_MAINTENANCE_INTERVAL_MS } from './registry.js';
// The account id ECR calls registryId and the region, when none is given: the project-wide defaults.
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
export type { LocalRegistry, RegistryOptions, RegistryAddress } from './registry.js';
export { openRegistryControl } from './registry-control.js';
export type { RegistryControl, RegistryControlOptions } from './registry-control.js';
export type { Repository, CreateRepositoryInput, EncryptionType } from './repositories.js';
export type { ImageDetail, ImageIdentifier, ImageFailure, ImageFailureCode, TagStatus } from './image-api.js';
export type { ImageTagMutability, ImageTagMutabilityExclusionFilter } from './tag-mutability.js';
export { TAG_MUTABILITY_MODES, tagMutabilityProblems } from './tag-mutability.js';
export type { LifecyclePolicy, LifecycleRule } from './lifecycle-policy.js';
export { parseLifecyclePolicy } from './lifecycle-policy.js';
export type { LifecyclePreview } from './lifecycle-runner.js';
export type { RegistryEvent } from './registry-events.js';
export type { Clock } from './clock.js';
export type { EcrErrorCode, DistributionErrorCode } from './errors.js';
export { REGISTRY_USER, DEFAULT_TOKEN_TTL_MS } from './authorization.js';
export { DEFAULT_GC_GRACE_PERIOD_MS, DEFAULT_UPLOAD_TTL_MS } from './garbage-collector.js';
export type { GarbageCollectionOptions, GarbageCollectionResult } from './garbage-collector.js';
export { isRepositoryName } from './names.js';
export { writePasswordFile } from './password-file.js';
export { recordRegistryEndpoint, readRecordedRegistryEndpoint, registryEndpointFile } from './endpoint-record.js';
