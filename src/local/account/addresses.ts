// The local account's default addresses, defined once: every command, test and check (doctor's
// free-port check, the stack engine's RepositoryUri, webhook URLs) reads them from here.

/** Local servers listen on this address unless told otherwise (product brief: 127.0.0.1 by default). */
export const LOCAL_HOST = '127.0.0.1';

/** The one port `slipway up` serves the registry, the AWS API, webhooks and the dashboard on. */
export const DEFAULT_ACCOUNT_PORT = 4610;

/** The port `slipway registry` listens on when it runs on its own (docker's usual registry port). */
export const DEFAULT_REGISTRY_PORT = 5000;

/** Where RepositoryUri points while no registry has recorded where it listens. */
export const DEFAULT_REGISTRY_ENDPOINT = `${LOCAL_HOST}:${DEFAULT_REGISTRY_PORT}`;

/** The base of webhook URLs (GetAtt Url of AWS::CodePipeline::Webhook): served by `slipway up`. */
export const DEFAULT_WEBHOOK_ENDPOINT = `http://${LOCAL_HOST}:${DEFAULT_ACCOUNT_PORT}/webhooks`;
