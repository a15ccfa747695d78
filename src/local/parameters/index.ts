// The account's SSM Parameter Store and Secrets Manager, and the other sources builds can read
// `parameter-store` / `secrets-manager` values from.
export type { ParameterSource, SecretQuery } from './store.js';
export { emptyParameterSource, layeredParameterSource } from './store.js';
export { FileParameterSource } from './file-store.js';
export { ParameterStore, PARAMETER_MIGRATIONS } from './parameter-store.js';
export type { SsmParameterRecord, SecretRecord, SecretVersion } from './parameter-store.js';
