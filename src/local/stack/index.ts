// The local CloudFormation engine: stacks of local resources, persisted in the account's state
// database; its providers are clients of the account's services.
export { StackEngine } from './engine.js';
export { ChangeSets } from './change-sets.js';
export type { ChangeSetInput, ChangeSetRecord } from './change-sets.js';
export type { Change, ResourceChangeDetail } from './change-set-diff.js';
export type { BegunOperation, StackInput, StackOperationResult } from './engine.js';
export { recoverInterrupted } from './recovery.js';
export type { RecoveredOperation } from './recovery.js';
export type { StackDescription } from './describe.js';
export type { StackEvent, StackEngineEvent, StackRecord, StackStatus, StackOutput, NotEmulated } from './model.js';
export type { StackEngineOptions, StackLocationSettings } from './settings.js';
export { StackStore, STACK_MIGRATIONS, UPDATABLE } from './store.js';
export type { RepositoryControl, RepositorySettings, RepositoryDescription, ImageTagMutability, TagMutabilityExclusionFilter } from './providers/repository-control.js';
export type { ProviderServices } from './providers/provider.js';
export { PROVIDERS } from './providers/index.js';
export { registryRepositoryControl } from './providers/ecr-registry-adapter.js';
export type { RegistryRepositories } from './providers/ecr-registry-adapter.js';
