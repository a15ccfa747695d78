// slipway's Docker API proxy for builds: ECR names of the local account reach the local registry.
export { startDockerProxy } from './docker-proxy.js';
export type { DockerProxy, DockerProxyOptions } from './docker-proxy.js';
export { EcrNames, ecrHostOf, engineAliasOf } from './ecr-names.js';
export { engineAddressOf, describeEngine } from './engine-address.js';
export type { EngineAddress } from './engine-address.js';
export { buildDockerSocketPath } from './socket-path.js';
