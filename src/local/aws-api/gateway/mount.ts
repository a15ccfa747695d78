// Serving the registry's /v2/ and the AWS API on one port, as `slipway up` does: /v2 and /v2/...
// go to the registry, everything else to the AWS gateway. No S3 bucket is named `v2` (bucket names
// have 3 to 63 characters), so path-style S3 requests never reach the registry.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AwsGateway } from './gateway.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** True when a request target belongs to the registry's /v2/ API. */
export function isRegistryPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?', 1)[0]!;
  return path === '/v2' || path.startsWith('/v2/');
}

/** One request listener for both: the registry's for /v2/, the gateway for the rest. */
export function endpointListener(registry: Listener, gateway: AwsGateway): Listener {
  return (req, res) => {
    if (isRegistryPath(req.url)) registry(req, res);
    else void gateway(req, res);
  };
}

/** Makes a server that answers /v2/ (the registry's) serve the AWS API beside it, on the same port. */
export function mountAwsGateway(server: Server, gateway: AwsGateway): void {
  const listeners = server.listeners('request') as Listener[];
  if (listeners.length !== 1) throw new Error(`mountAwsGateway needs a server with one request listener (the registry's); this one has ${listeners.length}`);
  server.removeAllListeners('request');
  server.on('request', endpointListener(listeners[0]!, gateway));
}
