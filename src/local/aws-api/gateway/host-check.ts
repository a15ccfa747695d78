// Refuses requests addressed to another name than the endpoint's own (127.0.0.1:<port> or
// localhost:<port>): a web page can point a name it controls at 127.0.0.1 (DNS rebinding), but it
// cannot make the browser send this Host. Browser requests from other origins are refused too,
// whatever their Host: a page may send a request without reading the answer, and that alone
// must not reach an operation.
import type { IncomingHttpHeaders } from 'node:http';
import { AuthRefusal } from '../auth/refusal.js';

/** The names the endpoint answers to on `port`, plus any the caller added. */
export function endpointHosts(port: number | undefined, extra: readonly string[] = []): Set<string> {
  const own = port === undefined ? [] : [`127.0.0.1:${port}`, `localhost:${port}`];
  return new Set([...own, ...extra].map((host) => host.toLowerCase()));
}

/** Throws when the request's Host or Origin is not the endpoint's own. */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): void {
  const host = (headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) {
    // `bucket.localhost:4610` is S3's virtual-hosted style: say how to address the bucket instead.
    const bucket = [...hosts].find((own) => host.endsWith(`.${own}`));
    const hint = bucket ? ` S3 buckets are addressed path-style here (http://${bucket}/<bucket>/<key>; the AWS SDK's forcePathStyle: true).` : '';
    throw new AuthRefusal('foreign-host', `The Host '${headers.host ?? ''}' is not this endpoint's address (${[...hosts].join(' or ')}); requests through other names are refused.${hint}`);
  }
  const origin = headers.origin;
  if (origin !== undefined && !hosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    throw new AuthRefusal('foreign-origin', `Requests from the origin '${origin}' are refused: only the endpoint's own pages may call it.`);
  }
}
