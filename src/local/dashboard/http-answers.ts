// How the dashboard answers: JSON with its security headers, errors as `{error: {code, message,
// hint}}` with an HTTP status that says whose fault it was, and request bodies read as JSON up to
// a small limit. An error the dashboard did not expect is answered without its stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlipwayError } from '../../errors.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { Asset } from './static-assets.js';

/** The largest request body a change may send (a start with variables is well under 1 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Sends `body` as JSON; answers are never cached (they are the account's state now). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends one of the dashboard's files; `no-cache` with its ETag, so a browser asks each time but downloads only a changed file. */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const headers = { ...SECURITY_HEADERS, 'content-type': asset.contentType, etag: asset.etag, 'cache-control': 'no-cache' };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': asset.body.length }).end(asset.body);
}

/** Sends an error answer. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, hint?: string): void {
  sendJson(res, status, { error: { code, message, ...(hint ? { hint } : {}) } });
}

/** Answers a thrown error: a SlipwayError with its code and a status from its kind, anything else as an internal error. */
export function sendThrown(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!(error instanceof SlipwayError)) {
    sendError(res, 500, 'Internal', `slipway could not answer: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  sendError(res, statusOf(error), error.code, error.message, error.hint);
}

/** Codes that say the execution is not in a state for the change (CodePipeline answers them 400; 409 says it better here). */
const CONFLICTS = new Set(['ConflictException', 'DuplicatedStopRequestException', 'PipelineExecutionNotStoppableException', 'ApprovalAlreadyCompletedException']);

function statusOf(error: SlipwayError): number {
  if (/NotFound/.test(error.code)) return 404;
  if (CONFLICTS.has(error.code)) return 409;
  return { 'invalid-input': 400, failed: 409, environment: 503, interrupted: 503, internal: 500 }[error.kind];
}

/** Reads a JSON object body of at most MAX_BODY_BYTES. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SlipwayError('RequestTooLarge', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch (error) {
    throw new SlipwayError('InvalidRequestBody', `the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SlipwayError('InvalidRequestBody', `the request body must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`);
  return parsed as Record<string, unknown>;
}
