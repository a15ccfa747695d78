// Reads a request body whole, up to a limit: a declared Content-Length over the limit is refused
// before a byte is read, and a body that grows past it (chunked transfer) is cut off.
import type { IncomingMessage } from 'node:http';
import type { AwsError } from '../protocols/aws-error.js';

/** The body of `req`; `tooLarge` makes the protocol's refusal for a body over `limit` bytes. */
export async function readRequestBody(req: IncomingMessage, limit: number, tooLarge: (size: number) => AwsError): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) throw tooLarge(declared);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(size);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
