// Where the AWS clients connect and as whom. Credentials, region and profile come from the
// standard AWS chain (environment, shared config and credentials files, SSO, instance roles);
// these settings only override it. The endpoint applies to every client alike, so one
// `--endpoint-url` points slipway at moto or at slipway's own local AWS endpoint.

/** Overrides of the standard AWS chain; every field is optional. */
export interface AwsSettings {
  /** Default: AWS_REGION, else the profile's region. */
  region?: string;
  /** Default: AWS_PROFILE, else `default`. */
  profile?: string;
  /** Default: the public AWS endpoints. */
  endpointUrl?: string;
  /** Default: the chain's. Given for the local account's endpoint, whose key slipway knows. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** How many times an SDK call is tried in all before a throttling or transient error is returned. */
export const MAX_ATTEMPTS = 8;

/** The configuration every slipway AWS client is built with. */
export function clientConfig(settings: AwsSettings): {
  region?: string;
  profile?: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
  retryMode: 'adaptive';
} {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Adaptive retry backs off exponentially on throttling (Throttling, TooManyRequestsException,
    // RequestLimitExceeded) and also slows the client's own rate, which is what a tight polling
    // loop against DescribeStackEvents needs.
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'adaptive',
  };
}
