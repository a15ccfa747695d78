// /v2/<name>/manifests/<reference>, /v2/<name>/tags/list, /v2/<name>/referrers/<digest> and
// /v2/_catalog.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DistributionError } from './errors.js';
import { methodNotAllowed } from './http-blobs.js';
import type { HttpParts, RepositoryRequest } from './http-server.js';
import { sendEmpty, sendJson } from './http-responses.js';
import { MAX_MANIFEST_BYTES, MEDIA_TYPES, manifestTooLarge } from './manifest.js';
import { isDigest, isTag } from './names.js';

/** GET, HEAD, PUT and DELETE on a manifest by tag or digest. */
export async function handleManifest(parts: HttpParts, { req, res, name, target }: RepositoryRequest): Promise<void> {
  const reference = target.slice('manifests/'.length);
  if (!isDigest(reference) && !isTag(reference)) {
    throw reference.includes(':')
      ? new DistributionError(400, 'DIGEST_INVALID', `'${reference}' is not a sha256 or sha512 digest`)
      : new DistributionError(400, 'TAG_INVALID', `'${reference}' is not a valid tag`);
  }
  parts.repositories.require(name);
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return getManifest(parts, res, name, reference);
    case 'PUT':
      return putManifest(parts, req, res, name, reference);
    case 'DELETE':
      return deleteManifest(parts, res, name, reference);
    default:
      throw methodNotAllowed(req);
  }
}

function getManifest(parts: HttpParts, res: ServerResponse, name: string, reference: string): void {
  const manifest = parts.images.getManifest(name, reference);
  // ECR's words for a missing image ("manifest unknown: Requested image not found").
  if (!manifest) throw new DistributionError(404, 'MANIFEST_UNKNOWN', 'Requested image not found', { reference });
  res.writeHead(200, {
    'Content-Type': manifest.mediaType,
    'Content-Length': manifest.content.length,
    'Docker-Content-Digest': manifest.digest,
    ETag: `"${manifest.digest}"`,
  });
  res.end(manifest.content);
}

async function putManifest(parts: HttpParts, req: IncomingMessage, res: ServerResponse, name: string, reference: string): Promise<void> {
  const content = await readManifestBody(req);
  const manifest = parts.images.putManifest({ repository: name, reference, content, contentType: req.headers['content-type'] });
  const tag = isDigest(reference) ? undefined : reference;
  parts.reporter.emit({ type: 'registry.image.pushed', repositoryName: name, imageDigest: manifest.digest, mediaType: manifest.mediaType, ...(tag ? { imageTag: tag } : {}) });
  sendEmpty(res, 201, {
    Location: `/v2/${name}/manifests/${manifest.digest}`,
    'Docker-Content-Digest': manifest.digest,
    // Distribution spec 1.1: tells the client this registry indexed the subject for referrers.
    ...(manifest.subject ? { 'OCI-Subject': manifest.subject } : {}),
  });
}

/** DELETE by digest removes the image; by tag removes the tag (and the image with its last tag), as ECR's BatchDeleteImage does. */
function deleteManifest(parts: HttpParts, res: ServerResponse, name: string, reference: string): void {
  const imageId = isDigest(reference) ? { imageDigest: reference } : { imageTag: reference };
  const { imageIds, failures } = parts.imageApi.batchDeleteImage({ repositoryName: name, imageIds: [imageId] });
  const failure = failures[0];
  if (failure?.failureCode === 'ImageNotFound') throw new DistributionError(404, 'MANIFEST_UNKNOWN', 'Requested image not found', { reference });
  if (failure) throw new DistributionError(405, 'UNSUPPORTED', failure.failureReason, { reference });
  for (const id of imageIds) parts.reporter.emit({ type: 'registry.image.deleted', repositoryName: name, imageDigest: id.imageDigest ?? '', reason: 'request' });
  sendEmpty(res, 202);
}

/** Reads a manifest body, refusing more than ECR's 4 MiB without reading it all. */
function readManifestBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_MANIFEST_BYTES) return Promise.reject(manifestTooLarge(declared));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_MANIFEST_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(manifestTooLarge(size));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** GET /v2/<name>/tags/list?n=&last= with a Link header to the next page. */
export function handleTags(parts: HttpParts, { req, res, name, query }: RepositoryRequest): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req);
  const n = pageSize(query);
  const last = query.get('last') ?? undefined;
  const tags = parts.images.tags(name, n === undefined ? undefined : n + 1, last);
  const page = n === undefined ? tags : tags.slice(0, n);
  if (n !== undefined && tags.length > n && page.length > 0) res.setHeader('Link', nextLink(`/v2/${name}/tags/list`, n, page[page.length - 1]!));
  sendJson(res, 200, { name, tags: page });
}

/** GET /v2/_catalog?n=&last= with a Link header to the next page. */
export function handleCatalog(parts: HttpParts, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req);
  const n = pageSize(query);
  const last = query.get('last') ?? '';
  const names = parts.repositories.names().filter((repositoryName) => repositoryName > last);
  const page = n === undefined ? names : names.slice(0, n);
  if (n !== undefined && names.length > n && page.length > 0) res.setHeader('Link', nextLink('/v2/_catalog', n, page[page.length - 1]!));
  sendJson(res, 200, { repositories: page });
}

/** GET /v2/<name>/referrers/<digest>[?artifactType=]: an OCI index of the manifests whose subject is the digest. */
export function handleReferrers(parts: HttpParts, { req, res, name, target, query }: RepositoryRequest): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req);
  const digest = target.slice('referrers/'.length);
  if (!isDigest(digest)) throw new DistributionError(400, 'DIGEST_INVALID', `'${digest}' is not a sha256 or sha512 digest`);
  const artifactType = query.get('artifactType');
  const manifests = parts.images
    .referrers(name, digest)
    .filter((referrer) => artifactType === null || referrer.artifactType === artifactType)
    .map((referrer) => {
      const annotations = (JSON.parse(referrer.content.toString('utf8')) as { annotations?: Record<string, string> }).annotations;
      return {
        mediaType: referrer.mediaType, digest: referrer.digest, size: referrer.size,
        ...(referrer.artifactType ? { artifactType: referrer.artifactType } : {}), ...(annotations ? { annotations } : {})
      };
    });
  if (artifactType !== null) res.setHeader('OCI-Filters-Applied', 'artifactType');
  sendJson(res, 200, { schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests }, MEDIA_TYPES.ociIndex);
}

/** The largest page: ECR's (maxResults 1–1000) and the reference registry's, which answers PAGINATION_NUMBER_INVALID past it. */
const MAX_PAGE_SIZE = 1000;

/** The spec's `n`: a whole number up to MAX_PAGE_SIZE, else 400 PAGINATION_NUMBER_INVALID (never a number SQLite cannot take). */
function pageSize(query: URLSearchParams): number | undefined {
  const n = query.get('n');
  if (n === null) return undefined;
  if (!/^\d{1,4}$/.test(n) || Number(n) > MAX_PAGE_SIZE) {
    throw new DistributionError(400, 'PAGINATION_NUMBER_INVALID', `n must be a whole number from 0 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(n.slice(0, 40))}`, { n: n.slice(0, 40) });
  }
  return Number(n);
}

/** RFC 5988 Link to the next page, as the distribution spec describes. */
function nextLink(path: string, n: number, last: string): string {
  return `<${path}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}
