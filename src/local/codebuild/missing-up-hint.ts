// What to say when a command of a build that reaches the local account fails on an AWS call while
// no `slipway up` runs on the home (issue 11): the SDKs and CLIs then have no endpoint to call
// (or try AWS itself with the local key), and docker cannot resolve an ECR host. slipway's stand-in
// for the AWS CLI says so itself; this covers the other clients (an SDK script, docker).

/** How the AWS SDKs, the CLIs and docker word such failures. */
const AWS_CALL_FAILED = new RegExp(
  [
    'Unable to locate credentials',
    'Could not connect to the endpoint URL',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
    'security token included in the request is invalid',
    'lookup [\\w.-]*\\.amazonaws\\.com',
    'getaddrinfo \\w+ [\\w.-]*\\.amazonaws\\.com',
    'Could not resolve host: [\\w.-]*\\.amazonaws\\.com',
  ].join('|'),
  'i',
);

/** The hint to log after a failed command, or undefined when its output shows no failed AWS call (or already names `slipway up`). */
export function missingUpHint(output: string): string | undefined {
  if (!AWS_CALL_FAILED.test(output) || output.includes('slipway up')) return undefined;
  return 'this command failed on an AWS call: the AWS calls of local builds (and docker with ECR names) go to the local account, which `slipway up` serves, and none runs on this home; start `slipway up` (with the same --home) and run the build again';
}
