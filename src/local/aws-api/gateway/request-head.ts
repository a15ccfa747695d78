// The parts of an incoming request read before its body: method, raw path (never decoded here:
// SigV4 signs the path as sent, and S3 keys keep their `%2F`), query parameters percent-decoded
// without turning `+` into a space (SigV4 encodes a space as %20 and `+` as %2B).
import type { IncomingMessage } from 'node:http';
import type { RequestHead } from '../auth/authenticate.js';

/** The head of `req`. */
export function readRequestHead(req: IncomingMessage): RequestHead {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query: Array<readonly [string, string]> = [];
  for (const pair of (mark < 0 ? '' : url.slice(mark + 1)).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const [name, value] = equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
    query.push([decode(name), decode(value)]);
  }
  return { method: (req.method ?? 'GET').toUpperCase(), path: path.startsWith('/') ? path : `/${path}`, query, headers: req.headers };
}

/** `text` percent-decoded; a malformed escape stays as sent (the signature check then fails on it). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
