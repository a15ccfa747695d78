// How a build reaches its local account (issue 11): the account's key, region and id in the
// variables AWS's SDKs and CLIs read, and, while `slipway up` runs on the home, its endpoint
// (AWS_ENDPOINT_URL), the route that answers slipway's stand-in for the AWS CLI, and for host
// builds the Docker proxy as DOCKER_HOST (a container build gets the proxy's socket mounted at
// /var/run/docker.sock instead). On AWS a build gets credentials from its service role; locally
// the account's own key stands in for them, masked in the log like any AWS key.
import { createHmac } from 'node:crypto';
import { ecrHostOf } from '../docker-proxy/ecr-names.js';

/** What a build needs to reach the account. */
export interface AccountReach {
  accountId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The running `slipway up`, when one runs on the home. */
  up?: {
    /** `http://127.0.0.1:4610` */
    endpoint: string;
    /** The Docker proxy's unix socket. */
    dockerSocket: string;
  };
}

/** The path up serves slipway's stand-in for the AWS CLI on (a web route: it speaks no AWS protocol). */
export const BUILD_AWS_PATH = '/_slipway/build-aws';

/** The header the stand-in proves itself with. */
export const BUILD_AWS_TOKEN_HEADER = 'x-slipway-build-token';

/** The stand-in's token: derived from the account's secret key, so a rotated key ends it too. */
export function buildAwsToken(secretAccessKey: string): string {
  return createHmac('sha256', secretAccessKey).update('slipway build aws stand-in').digest('hex');
}

/** The variables that point a build at the account (the project, buildspec and overrides may replace any of them). */
export function accountVariables(reach: AccountReach, onHost: boolean): Record<string, string> {
  const variables: Record<string, string> = {
    AWS_ACCESS_KEY_ID: reach.accessKeyId,
    AWS_SECRET_ACCESS_KEY: reach.secretAccessKey,
    AWS_REGION: reach.region,
    AWS_DEFAULT_REGION: reach.region,
    // Not one of CodeBuild's built-ins, but what buildspecs build ECR URIs from (aws-semantics §3).
    AWS_ACCOUNT_ID: reach.accountId,
  };
  if (!reach.up) return variables;
  Object.assign(variables, {
    AWS_ENDPOINT_URL: reach.up.endpoint,
    SLIPWAY_AWS_ANSWERS: `${reach.up.endpoint}${BUILD_AWS_PATH}`,
    SLIPWAY_AWS_TOKEN: buildAwsToken(reach.secretAccessKey),
  });
  if (onHost) variables.DOCKER_HOST = `unix://${reach.up.dockerSocket}`;
  return variables;
}

/**
 * A host build's inherited environment without slipway's own AWS settings: a session token,
 * profile or config file of the user's real AWS account must not mix with the local account's key.
 */
export function withoutInheritedAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('AWS_')));
}

/** The build log's line about where the build's AWS calls and docker go. */
export function reachNote(reach: AccountReach, dockerReachable: boolean): string {
  if (!reach.up) return 'No slipway up runs on this home, so the build\'s AWS calls have no local endpoint to reach (start slipway up to give them one)';
  const docker = dockerReachable ? `; docker goes through slipway's Docker proxy, where ${ecrHostOf(reach.accountId, reach.region)}/<repository> names the local registry` : '';
  return `AWS calls go to the local account ${reach.accountId} (${reach.region}) at ${reach.up.endpoint}${docker}`;
}
