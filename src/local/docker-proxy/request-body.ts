// The two requests whose JSON body names an image or a registry: `POST /containers/create` (its
// `Image`, so `docker run <ecr name>` finds the image) and `POST /auth` (the `serveraddress` that
// `docker login <ecr host>` checks). Every other body (a build context, a stdin stream) passes
// through as a stream, untouched (Docker Engine API v1.41 reference).
import type { EcrNames } from './ecr-names.js';
import { unversionedPath } from './request-target.js';

/** A JSON body larger than this is passed through as it is (a container config is a few KB). */
const MAX_REWRITTEN_BODY = 1024 * 1024;

/** How a body is rewritten, or undefined when it passes through as a stream. */
export type BodyRewrite = (body: Buffer) => Buffer;

function rewriteJson(body: Buffer, change: (value: Record<string, unknown>) => boolean): Buffer {
  if (body.length === 0 || body.length > MAX_REWRITTEN_BODY) return body;
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return body;
  return change(value as Record<string, unknown>) ? Buffer.from(JSON.stringify(value)) : body;
}

/** The rewrite for a request's body, if its method and path have one. */
export function bodyRewriteFor(method: string | undefined, target: string, names: EcrNames): BodyRewrite | undefined {
  if (method !== 'POST') return undefined;
  const path = unversionedPath(target);
  if (path === '/containers/create') return rewriteField('Image', (image) => names.inbound(image));
  if (path === '/auth') return rewriteField('serveraddress', (server) => names.inboundServer(server));
  return undefined;
}

/** The rewrite of one string field of a JSON body through `map`; reports whether it changed. */
function rewriteField(field: string, map: (value: string) => string): BodyRewrite {
  return (body) => rewriteJson(body, (json) => {
    const value = json[field];
    if (typeof value !== 'string') return false;
    json[field] = map(value);
    return json[field] !== value;
  });
}
