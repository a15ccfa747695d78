// slipway's Docker API proxy: a unix socket that builds use as their Docker engine (DOCKER_HOST
// on the host, /var/run/docker.sock in a container), in front of the real engine. It moves the
// local account's ECR names to the engine's alias on the way in and back on the way out
// (ecr-names.ts), so `docker login`, `build -t`, `tag`, `push` and `pull` with
// `<account>.dkr.ecr.<region>.amazonaws.com/<repo>` reach the local registry with no DNS or TLS
// change; everything else streams through untouched, upgraded connections included.
import { Agent, createServer, type Server } from 'node:http';
import { chmod, lstat, mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Socket } from 'node:net';
import { SlipwayError } from '../../errors.js';
import type { EcrNames } from './ecr-names.js';
import type { EngineAddress } from './engine-address.js';
import { forward } from './forward.js';
import { tunnel } from './tunnel.js';

/** How the proxy is started. */
export interface DockerProxyOptions {
  /** The unix socket it listens on (made 0600; a socket left there by a killed process is replaced). */
  socketPath: string;
  /** The real engine. */
  engine: EngineAddress;
  names: EcrNames;
}

/** A listening proxy. */
export interface DockerProxy {
  readonly socketPath: string;
  /** Stops listening, ends every connection, and removes the socket. */
  close(): Promise<void>;
}

/** The socket's folder: made 0700 when missing, and refused when another user owns it (a /tmp path). */
async function checkFolder(path: string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const owner = (await stat(folder)).uid;
  if (process.getuid && owner !== process.getuid()) {
    throw new SlipwayError('DockerProxySocketTaken', `the Docker proxy's folder ${folder} belongs to another user (uid ${owner})`, { kind: 'environment', hint: 'use a shorter --home path, or remove that folder' });
  }
}

async function removeLeftSocket(path: string): Promise<void> {
  const found = await lstat(path).catch(() => undefined);
  if (!found) return;
  if (!found.isSocket()) {
    throw new SlipwayError('DockerProxySocketTaken', `the Docker proxy's socket ${path} is taken by a file that is no socket`, { kind: 'environment', hint: 'remove that file' });
  }
  await rm(path, { force: true });
}

/** Starts the proxy on its socket. */
export async function startDockerProxy(options: DockerProxyOptions): Promise<DockerProxy> {
  const agent = new Agent({ keepAlive: true });
  const ctx = { engine: options.engine, names: options.names, agent };
  // No request timeout: a build context upload or a `docker logs -f` may take as long as it takes.
  const server: Server = createServer({ requestTimeout: 0 }, (req, res) => forward(ctx, req, res));
  server.on('upgrade', (req, socket, head) => tunnel(options.engine, options.names, req, socket, head));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await checkFolder(options.socketPath);
  await removeLeftSocket(options.socketPath);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, () => resolve());
  });
  await chmod(options.socketPath, 0o600);
  return {
    socketPath: options.socketPath,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
      await rm(options.socketPath, { force: true });
    },
  };
}
