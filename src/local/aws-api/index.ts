// The local AWS endpoint's wire layer: the gateway `slipway up` mounts next to the registry's /v2/,
// the handler contract (handler.ts), the AWS API models and the output checker tests use.
export { createAwsGateway } from './gateway/gateway.js';
export type { AwsGateway } from './gateway/gateway.js';
export type { AwsGatewayOptions, RequestFacts } from './gateway/options.js';
export { DEFAULT_MAX_OBJECT_BYTES, DEFAULT_MAX_REQUEST_BYTES } from './gateway/options.js';
export { endpointListener, isRegistryPath, mountAwsGateway } from './gateway/mount.js';
export type { AwsApiEvent } from './gateway/events.js';
export type { KeyLookup, SigningKey } from './auth/authenticate.js';
export type { ApiContext, BackgroundTasks, OperationHandler, ServiceHandlers, ServiceTable } from './handler.js';
export { isServiceName, loadServiceModel, SERVICE_NAMES } from './model/catalog.js';
export type { ServiceName } from './model/catalog.js';
export type { Operation, ServiceModel, Shape, ShapeType } from './model/shapes.js';
export { checkOperationOutput, checkOutput } from './protocols/output-check.js';
