// How `slipway up`'s one port divides its requests: /v2/ is the registry's; a request that speaks
// AWS (signed, presigned, or naming an X-Amz-Target or a query Action) is the AWS API's; any other
// request whose path belongs to a web route (the dashboard, webhook deliveries from GitHub) goes
// to that route, and the rest to the AWS API, which answers an unsigned request with AWS's error.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isRegistryPath, type AwsGateway } from '../aws-api/index.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** A part of up served to browsers and webhooks rather than to AWS clients. */
export interface WebRoute {
  /** `/webhooks/`, or `/` for the dashboard (the longest matching prefix wins). */
  prefix: string;
  handle: Listener;
}

/** True when the request carries AWS's marks: a SigV4 header, a presigned query, a JSON target or a query action. */
export function speaksAws(req: IncomingMessage): boolean {
  if (req.headers.authorization !== undefined || req.headers['x-amz-target'] !== undefined || req.headers['x-amz-date'] !== undefined) return true;
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  return query.has('X-Amz-Credential') || query.has('X-Amz-Signature') || query.has('Action') || query.has('AWSAccessKeyId');
}

/** The web route of a request that does not speak AWS, if one serves its path. */
function webRouteOf(routes: readonly WebRoute[], req: IncomingMessage): WebRoute | undefined {
  if (speaksAws(req)) return undefined;
  const path = (req.url ?? '/').split('?', 1)[0]!;
  return routes.filter((route) => path === route.prefix.replace(/\/$/, '') || path.startsWith(route.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/** Makes the registry's server serve the AWS API and the web routes beside /v2/, on the same port. */
export function mountUpRoutes(server: Server, gateway: AwsGateway, routes: readonly WebRoute[]): void {
  const listeners = server.listeners('request') as Listener[];
  if (listeners.length !== 1) throw new Error(`up needs the registry's server with its one request listener; this one has ${listeners.length}`);
  const registry = listeners[0]!;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isRegistryPath(req.url)) return registry(req, res);
    const route = webRouteOf(routes, req);
    if (route) return route.handle(req, res);
    void gateway(req, res);
  });
}
