// The local parameter and secret store (SSM Parameter Store and Secrets Manager, locally).
export type { ParameterSource, SecretQuery } from './store.js';
export { emptyParameterSource } from './store.js';
export { FileParameterSource } from './file-store.js';
