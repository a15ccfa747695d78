// What `slipway up` (or a test) gives the AWS API gateway, with every default in one place.
import type { Reporter } from '../../../reporter.js';
import type { KeyLookup, SigningKey } from '../auth/authenticate.js';
import type { ApiContext, ServiceTable } from '../handler.js';
import type { AwsApiEvent } from './events.js';

/** The facts of one authenticated request, from which `context` makes a handler's ApiContext. */
export interface RequestFacts {
  requestId: string;
  accessKeyId: string;
  region: string;
  /** The endpoint the request came in on, e.g. `http://127.0.0.1:4610`. */
  endpoint: string;
}

/** How to build a gateway. */
export interface AwsGatewayOptions {
  /** The keys requests may be signed with: `{ accessKeyId: secretAccessKey }`, or a lookup (session keys). */
  keys: Readonly<Record<string, string>> | KeyLookup;
  /** The handlers, by model name and operation name. */
  services: ServiceTable;
  /** Makes the context of each request's handler. */
  context: (request: RequestFacts) => ApiContext;
  /** Receives request, failure and invalid-output events. Default: none. */
  reporter?: Reporter<AwsApiEvent>;
  /** The endpoint's clock, for signature times and the Date header. Default: the system clock. */
  clock?: () => Date;
  /** Largest request body, S3 uploads aside. Default: 16 MiB (CloudFormation templates are at most 1 MB). */
  maxRequestBytes?: number;
  /** Largest S3 upload body (PutObject, UploadPart), held in memory. Default: 512 MiB. */
  maxObjectBytes?: number;
  /** Host header values accepted besides 127.0.0.1:<port> and localhost:<port>. Default: none. */
  allowedHosts?: readonly string[];
}

export const DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_OBJECT_BYTES = 512 * 1024 * 1024;

/** The key lookup of the `keys` option. */
export function keyLookup(keys: AwsGatewayOptions['keys']): KeyLookup {
  if (typeof keys === 'function') return keys;
  return (accessKeyId): SigningKey | undefined => (Object.hasOwn(keys, accessKeyId) ? { secretAccessKey: keys[accessKeyId]! } : undefined);
}
