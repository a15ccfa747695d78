// The OCI distribution API (/v2/) on node:http: authentication like ECR, then routing to the
// blob, upload and manifest handlers. Paths are matched on the raw request target, never
// decoded, so `%2e%2e` or `..` can only ever be an invalid repository name.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Reporter } from '../../reporter.js';
import type { AuthorizationCheck, Authorizer } from './authorization.js';
import type { BlobStore } from './blob-store.js';
import { DistributionError } from './errors.js';
import { handleBlob, handleUpload } from './http-blobs.js';
import { handleCatalog, handleManifest, handleReferrers, handleTags } from './http-manifests.js';
import { API_VERSION_HEADER, sendError, sendJson } from './http-responses.js';
import { waitForQuiet, watchRequest } from './idle-memory.js';
import type { ImageApi } from './image-api.js';
import type { Images } from './images.js';
import { isRepositoryName } from './names.js';
import type { RegistryEvent } from './registry-events.js';
import type { Repositories } from './repositories.js';
import type { Uploads } from './uploads.js';

/** What the HTTP layer works with. */
export interface HttpParts {
  repositories: Repositories;
  images: Images;
  imageApi: ImageApi;
  uploads: Uploads;
  blobs: BlobStore;
  authorizer: Authorizer;
  /** False only when the registry was started with auth off. */
  requireAuth: boolean;
  reporter: Reporter<RegistryEvent>;
}

/** One routed /v2/<name>/... request. */
export interface RepositoryRequest {
  req: IncomingMessage;
  res: ServerResponse;
  name: string;
  /** The rest of the path after the name: `manifests/<ref>`, `blobs/<digest>`, ... */
  target: string;
  query: URLSearchParams;
}

// Greedy: the longest name that leaves a valid target, so a repository named `a/manifests/b`
// still routes (`/v2/a/manifests/b/manifests/latest`).
const REPOSITORY_ROUTE = /^\/v2\/(.+)\/((?:tags\/list)|(?:manifests\/[^/]+)|(?:blobs\/uploads\/[^/]*)|(?:blobs\/[^/]+)|(?:referrers\/[^/]+))$/;

/** Creates the HTTP server (not yet listening). */
export function createRegistryServer(parts: HttpParts): Server {
  const server = createServer((req, res) => {
    watchRequest(res);
    handle(parts, req, res).catch((error: unknown) => {
      const bug = sendError(req, res, error);
      if (bug) parts.reporter.emit({ type: 'registry.request.failed', method: req.method ?? '', path: req.url ?? '', error: String((bug as Error).stack ?? bug) });
    });
  });
  // Large layers over slow links must not be cut by Node's default 5-minute request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  waitForQuiet();
  return server;
}

async function handle(parts: HttpParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader(...API_VERSION_HEADER);
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  if (path !== '/v2' && !path.startsWith('/v2/')) throw new DistributionError(404, 'UNSUPPORTED', `no such endpoint: ${path}`);
  if (parts.requireAuth) authenticate(parts.authorizer.check(req.headers.authorization), res, realmOf(req));
  if (path === '/v2/' || path === '/v2') return sendJson(res, 200, {});
  if (path === '/v2/_catalog') return handleCatalog(parts, req, res, query);
  const route = REPOSITORY_ROUTE.exec(path);
  if (!route) throw new DistributionError(404, 'UNSUPPORTED', `no such endpoint: ${path}`);
  const [, name, target] = route as unknown as [string, string, string];
  if (!isRepositoryName(name)) throw new DistributionError(400, 'NAME_INVALID', `invalid repository name '${name}'`);
  const request: RepositoryRequest = { req, res, name, target, query };
  if (target.startsWith('blobs/uploads/')) return handleUpload(parts, request);
  if (target.startsWith('blobs/')) return handleBlob(parts, request);
  if (target.startsWith('manifests/')) return handleManifest(parts, request);
  if (target.startsWith('referrers/')) return handleReferrers(parts, request);
  return handleTags(parts, request);
}

/** ECR-style challenge: Basic, user AWS. Expired tokens get ECR's 403 message. */
function authenticate(check: AuthorizationCheck, res: ServerResponse, realm: string): void {
  if (check.ok) return;
  if (check.reason === 'expired') {
    throw new DistributionError(403, 'DENIED', 'Your authorization token has expired. Reauthenticate and try again.');
  }
  res.setHeader('WWW-Authenticate', `Basic realm="${realm}",service="ecr.amazonaws.com"`);
  throw new DistributionError(401, 'UNAUTHORIZED', check.reason === 'missing' ? 'authentication required' : 'invalid username or password: use user AWS and a password from GetAuthorizationToken');
}

function realmOf(req: IncomingMessage): string {
  const host = (req.headers.host ?? 'localhost').replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `http://${host}/`;
}
