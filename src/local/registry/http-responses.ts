// Writing /v2/ answers: the spec's JSON error envelope, and the headers every answer carries.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asDistributionError, DistributionError } from './errors.js';

/** Docker and the distribution spec expect this on every answer, errors included. */
export const API_VERSION_HEADER = ['Docker-Distribution-API-Version', 'registry/2.0'] as const;

/** Sends a JSON document. */
export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(bytes);
}

/** Sends an empty answer with headers. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
}

/**
 * Answers a failure with the spec's envelope `{"errors":[{code, message, detail}]}`. A request
 * whose body was not read gets `Connection: close`, so a refused 1 GB upload is not read to the end.
 * Returns the error when it was not an expected one (a bug to report).
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: unknown): unknown {
  // A client that went away mid-request (a killed docker push) is an expected outcome, not a bug.
  if (req.socket.destroyed) return undefined;
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return error instanceof DistributionError ? undefined : error;
  }
  if (!req.complete) res.setHeader('Connection', 'close');
  const known = asDistributionError(error);
  if (known instanceof DistributionError) {
    sendJson(res, known.status, { errors: [{ code: known.code, message: known.message, detail: known.detail ?? null }] });
    return undefined;
  }
  sendJson(res, 500, { errors: [{ code: 'UNKNOWN', message: 'internal error in the registry', detail: null }] });
  return error;
}
