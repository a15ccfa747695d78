// A request the docker CLI upgrades (`Connection: Upgrade`, `Upgrade: tcp` for attach and exec,
// `h2c` for BuildKit's session): the request goes to the engine as it came (its target rewritten
// like any other), then both connections are joined byte for byte, each side's end passed on to
// the other (a stdin that ends half-closes the connection, and the output keeps coming).
import { connect, type Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EcrNames } from './ecr-names.js';
import type { EngineAddress } from './engine-address.js';
import { rewriteRequestTarget } from './request-target.js';
import { inboundHeaders } from './forward.js';

/** The request head as the engine reads it. */
function requestHead(req: IncomingMessage, names: EcrNames): string {
  const lines = [`${req.method} ${rewriteRequestTarget(req.url ?? '/', names)} HTTP/${req.httpVersion}`];
  const rewritten = inboundHeaders(req.headers, names);
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const value = rewritten[name.toLowerCase()];
    lines.push(`${name}: ${typeof value === 'string' && /^x-registry-/i.test(name) ? value : req.rawHeaders[i + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Joins an upgraded client connection to a new connection to the engine. */
export function tunnel(engine: EngineAddress, names: EcrNames, req: IncomingMessage, client: Duplex, head: Buffer): void {
  const upstream: Socket = connect({ ...('socketPath' in engine ? { path: engine.socketPath } : engine), allowHalfOpen: true });
  const fail = () => {
    upstream.destroy();
    client.destroy();
  };
  upstream.on('error', fail);
  client.on('error', fail);
  // A client gone both ways can hear nothing more; an engine gone ends the client's side too.
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.end());
  upstream.on('connect', () => {
    upstream.write(requestHead(req, names));
    if (head.length > 0) upstream.write(head);
    client.pipe(upstream);
    upstream.pipe(client);
  });
}
