// Reading a webhook delivery off the wire, with the refusals a delivery endpoint owes: only POST,
// only JSON (CodePipeline's GitHub webhook setup sets the content type to application/json; a
// form-encoded delivery is refused, not guessed at), and no body over the size limit (GitHub caps
// its payloads at 25 MB, so no real delivery is larger), told from Content-Length before reading
// when it is given, else while reading.
import type { IncomingMessage } from 'node:http';

/** The largest body accepted: GitHub's own cap on webhook payloads (25 MB). */
export const MAX_DELIVERY_BYTES = 25 * 1024 * 1024;

/** A refusal: the HTTP status and why. */
export interface Refusal {
  status: number;
  message: string;
}

/** The delivery's body, or why it is refused. */
export type DeliveryBody = { body: Buffer } | { refusal: Refusal };

/** Checks the method and content type, then reads the body up to `limit` bytes. */
export async function readDelivery(req: IncomingMessage, limit = MAX_DELIVERY_BYTES): Promise<DeliveryBody> {
  if (req.method !== 'POST') return { refusal: { status: 405, message: `deliveries are POSTed; got ${req.method ?? 'no method'}` } };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return { refusal: { status: 415, message: `the content type must be application/json (set "Content type: application/json" on the GitHub webhook); got '${type || 'none'}'` } };
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { refusal: tooLarge(limit) };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { refusal: tooLarge(limit) };
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks) };
}

function tooLarge(limit: number): Refusal {
  return { status: 413, message: `the body is larger than ${limit} bytes, the most a delivery may carry` };
}
