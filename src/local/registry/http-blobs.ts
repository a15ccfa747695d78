// /v2/<name>/blobs/...: reading blobs (with Range), uploads (monolithic, single POST, chunked,
// cross-repository mount), upload status, cancel and blob delete.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ByteRange } from './blob-store.js';
import { sendBlobFile } from './blob-sender.js';
import { DistributionError } from './errors.js';
import type { HttpParts, RepositoryRequest } from './http-server.js';
import { sendEmpty } from './http-responses.js';
import { isDigest, isRepositoryName } from './names.js';
import type { ChunkRange, UploadStatus } from './uploads.js';

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** GET, HEAD and DELETE on /v2/<name>/blobs/<digest>. */
export async function handleBlob(parts: HttpParts, { req, res, name, target }: RepositoryRequest): Promise<void> {
  const digest = target.slice('blobs/'.length);
  if (!isDigest(digest)) throw new DistributionError(400, 'DIGEST_INVALID', `'${digest}' is not a sha256 or sha512 digest`);
  parts.repositories.require(name);
  if (req.method === 'DELETE') {
    parts.images.unlinkBlob(name, digest);
    return sendEmpty(res, 202);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req);
  const linked = parts.images.linkedBlob(name, digest);
  if (!linked || parts.blobs.sizeOnDisk(digest) !== linked.size) throw new DistributionError(404, 'BLOB_UNKNOWN', `blob ${digest} is not in repository '${name}'`, { digest });
  const range = req.headers.range === undefined ? undefined : parseRange(req.headers.range, linked.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${linked.size}`);
    throw new DistributionError(416, 'BLOB_UNKNOWN', `range ${req.headers.range} is outside the blob's ${linked.size} bytes`);
  }
  const headers = { 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': digest, ETag: `"${digest}"`, 'Accept-Ranges': 'bytes' };
  if (range) {
    res.writeHead(206, { ...headers, 'Content-Length': range.end - range.start + 1, 'Content-Range': `bytes ${range.start}-${range.end}/${linked.size}` });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': linked.size });
  }
  if (req.method === 'HEAD' || linked.size === 0) return void res.end();
  await sendBlobFile(res, parts.blobs.pathOf(digest), range ?? { start: 0, end: linked.size - 1 });
}

/** POST, PATCH, PUT, GET and DELETE on /v2/<name>/blobs/uploads/[<id>]. */
export async function handleUpload(parts: HttpParts, request: RepositoryRequest): Promise<void> {
  const { req, res, name, target, query } = request;
  const id = target.slice('blobs/uploads/'.length);
  parts.repositories.require(name);
  if (id === '') {
    if (req.method !== 'POST') throw methodNotAllowed(req);
    return startUpload(parts, request);
  }
  if (!UPLOAD_ID.test(id)) throw new DistributionError(404, 'BLOB_UPLOAD_UNKNOWN', `upload '${id}' is unknown`);
  try {
    switch (req.method) {
      case 'PATCH':
        return acceptedUpload(res, await parts.uploads.append(id, name, req, chunkRange(req)));
      case 'PUT':
        return await finishUpload(parts, request, id, query.get('digest'));
      case 'GET':
        return acceptedUpload(res, parts.uploads.status(id, name), 204);
      case 'DELETE':
        await parts.uploads.cancel(id, name);
        return sendEmpty(res, 204);
      default:
        throw methodNotAllowed(req);
    }
  } catch (error) {
    // The spec: a refused chunk answers with the upload's Location and the Range it holds.
    if (error instanceof DistributionError && error.status === 416) {
      const offset = (error.detail as { offset?: number } | undefined)?.offset ?? 0;
      res.setHeader('Location', uploadLocation(name, id));
      res.setHeader('Range', rangeHeader(offset));
    }
    throw error;
  }
}

async function startUpload(parts: HttpParts, { req, res, name, query }: RepositoryRequest): Promise<void> {
  const mount = query.get('mount');
  const from = query.get('from');
  if (mount !== null && from !== null && isDigest(mount) && isRepositoryName(from) && parts.images.mountBlob(name, from, mount)) {
    drain(req);
    return sendEmpty(res, 201, { Location: blobLocation(name, mount), 'Docker-Content-Digest': mount });
  }
  const digest = query.get('digest');
  if (digest !== null && !isDigest(digest)) throw new DistributionError(400, 'DIGEST_INVALID', `'${digest}' is not a sha256 or sha512 digest`);
  const upload = parts.uploads.start(name);
  if (digest === null) {
    drain(req);
    return acceptedUpload(res, upload);
  }
  // Single POST: the whole blob is this request's body.
  const stored = await parts.uploads.complete(upload.id, name, digest, req);
  sendEmpty(res, 201, { Location: blobLocation(name, stored.digest), 'Docker-Content-Digest': stored.digest });
}

async function finishUpload(parts: HttpParts, { req, res, name }: RepositoryRequest, id: string, digest: string | null): Promise<void> {
  if (digest === null || !isDigest(digest)) throw new DistributionError(400, 'DIGEST_INVALID', `PUT must name the blob's digest (?digest=sha256:...), got ${JSON.stringify(digest)}`);
  const stored = await parts.uploads.complete(id, name, digest, hasBody(req) ? req : undefined, chunkRange(req));
  sendEmpty(res, 201, { Location: blobLocation(name, stored.digest), 'Docker-Content-Digest': stored.digest });
}

function acceptedUpload(res: ServerResponse, upload: UploadStatus, status = 202): void {
  sendEmpty(res, status, { Location: uploadLocation(upload.repository, upload.id), Range: rangeHeader(upload.offset), 'Docker-Upload-UUID': upload.id });
}

/** `Range: 0-<last byte>` of what an upload holds; "0-0" for an empty one, as docker expects. */
function rangeHeader(offset: number): string {
  return `0-${Math.max(offset - 1, 0)}`;
}

function uploadLocation(name: string, id: string): string {
  return `/v2/${name}/blobs/uploads/${id}`;
}

function blobLocation(name: string, digest: string): string {
  return `/v2/${name}/blobs/${digest}`;
}

/** A PATCH's `Content-Range: <start>-<end>` (inclusive), when sent. */
function chunkRange(req: IncomingMessage): ChunkRange | undefined {
  const header = req.headers['content-range'];
  if (header === undefined) return undefined;
  const match = /^(?:bytes[= ])?(\d+)-(\d+)(?:\/\d+|\/\*)?$/.exec(header.trim());
  const range = match && { start: Number(match[1]), end: Number(match[2]) };
  // Digits alone may still be past what a file offset can be (2^53): refused like any malformed range.
  if (!range || !Number.isSafeInteger(range.end) || range.end < range.start) {
    throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `Content-Range '${header.slice(0, 64)}' is not '<start>-<end>' with start <= end < 2^53`);
  }
  return range;
}

/** An HTTP `Range: bytes=a-b` / `bytes=a-` / `bytes=-n` on a blob of `size` bytes. */
function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // RFC 9110: a Range the server does not understand is ignored (the whole blob is sent).
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || start > end ? 'unsatisfiable' : { start, end };
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function drain(req: IncomingMessage): void {
  req.resume();
}

/** 405 for a method the endpoint does not take. */
export function methodNotAllowed(req: IncomingMessage): DistributionError {
  return new DistributionError(405, 'UNSUPPORTED', `${req.method ?? ''} is not supported on ${req.url ?? ''}`);
}
