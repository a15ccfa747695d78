// What `slipway up` serves the account's builds, in whatever process they run (up's own pipeline
// builds, a `slipway build` in another terminal): the Docker proxy that gives them the account's
// ECR names (src/local/docker-proxy), listening on the home's socket while up runs, and the route
// that answers their stand-in for the AWS CLI. One proxy per running account rather than one per
// build: every build of the home finds it at the same path without starting anything, and the
// registry address it maps to is known only to the process that listens.
import { buildDockerSocketPath, EcrNames, ecrHostOf, engineAddressOf, engineAliasOf, startDockerProxy, type DockerProxy } from '../docker-proxy/index.js';
import type { RegistryAddress } from '../registry/index.js';
import { buildAwsRoute, type BuildAwsParts } from './build-aws-route.js';
import type { WebRoute } from './router.js';

/** What up starts for builds. */
export interface BuildServices {
  /** Mounted on up's port with its other web routes. */
  readonly routes: WebRoute[];
  /** Starts the Docker proxy once the registry listens (its port names the engine's alias). */
  start(address: RegistryAddress): Promise<void>;
  close(): Promise<void>;
}

/** The builds' proxy and route for one running account; `env` is where the real Docker engine is read from (DOCKER_HOST). */
export function buildServices(parts: Omit<BuildAwsParts, 'endpoint'>, env: NodeJS.ProcessEnv = process.env): BuildServices {
  let address: RegistryAddress | undefined;
  let proxy: DockerProxy | undefined;
  return {
    routes: [buildAwsRoute({ ...parts, endpoint: () => address?.endpoint ?? '' })],
    async start(listening) {
      address = listening;
      const { accountId, region } = parts.account.settings;
      proxy = await startDockerProxy({
        socketPath: buildDockerSocketPath(parts.account.layout.home),
        engine: engineAddressOf(env),
        names: new EcrNames(ecrHostOf(accountId, region), engineAliasOf(listening.registryHost)),
      });
    },
    async close() {
      await proxy?.close();
      proxy = undefined;
    },
  };
}
