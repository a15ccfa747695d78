// One ordinary Docker Engine API request, forwarded to the real engine: the request line, the
// registry headers and the two JSON bodies that name images are rewritten on the way in (see
// request-target.ts, registry-auth.ts, request-body.ts); a JSON answer is rewritten line by line
// on the way out; everything else (a build context, `docker logs`, `docker cp`'s tar) streams
// through untouched, as it comes.
import { request, type Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { answerLines } from './answer-lines.js';
import type { EcrNames } from './ecr-names.js';
import { describeEngine, type EngineAddress } from './engine-address.js';
import { rewriteRegistryAuth, rewriteRegistryConfig } from './registry-auth.js';
import { bodyRewriteFor } from './request-body.js';
import { rewriteRequestTarget } from './request-target.js';

/** What every forwarded request needs. */
export interface ForwardContext {
  engine: EngineAddress;
  names: EcrNames;
  agent: Agent;
}

/** The request's headers with its registry credentials' server address rewritten. */
export function inboundHeaders(headers: IncomingHttpHeaders, names: EcrNames): IncomingHttpHeaders {
  const out = { ...headers };
  const auth = out['x-registry-auth'];
  if (typeof auth === 'string') out['x-registry-auth'] = rewriteRegistryAuth(auth, names);
  const config = out['x-registry-config'];
  if (typeof config === 'string') out['x-registry-config'] = rewriteRegistryConfig(config, names);
  return out;
}

function answer(upstream: IncomingMessage, res: ServerResponse, names: EcrNames): void {
  const json = /json/i.test(upstream.headers['content-type'] ?? '');
  const headers = { ...upstream.headers };
  // A rewritten answer changes length; it goes out chunked.
  if (json) delete headers['content-length'];
  res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, headers);
  // The engine answers some requests with headers long before a body (`/containers/{id}/wait`
  // flushes its 200 at once and writes the body when the container exits): the docker CLI waits
  // for those headers before it starts the container.
  res.flushHeaders();
  if (json) pipeline(upstream, answerLines(names), res, () => undefined);
  else pipeline(upstream, res, () => undefined);
}

function engineUnreachable(res: ServerResponse, engine: EngineAddress, error: Error): void {
  if (res.headersSent) {
    res.destroy(error);
    return;
  }
  res.writeHead(502, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify({ message: `slipway's Docker proxy cannot reach the Docker engine at ${describeEngine(engine)}: ${error.message}` })}\n`);
}

/** Forwards one request and its answer. */
export function forward(ctx: ForwardContext, req: IncomingMessage, res: ServerResponse): void {
  const target = rewriteRequestTarget(req.url ?? '/', ctx.names);
  const headers = inboundHeaders(req.headers, ctx.names);
  const rewrite = bodyRewriteFor(req.method, target, ctx.names);
  if (rewrite) {
    delete headers['transfer-encoding'];
    delete headers['content-length'];
  }
  const upstream = request({ ...ctx.engine, agent: ctx.agent, method: req.method, path: target, headers });
  upstream.on('response', (answered) => answer(answered, res, ctx.names));
  upstream.on('error', (error) => engineUnreachable(res, ctx.engine, error));
  // A client that goes away takes its request with it (a Ctrl-C'd `docker logs -f`).
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  if (!rewrite) {
    pipeline(req, upstream, () => undefined);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = rewrite(Buffer.concat(chunks));
    upstream.setHeader('content-length', body.length);
    upstream.end(body);
  });
}
