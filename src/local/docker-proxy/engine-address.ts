// Where the real Docker engine listens, read from DOCKER_HOST as the docker CLI reads it: a unix
// socket (`unix:///var/run/docker.sock`, the default) or plain TCP (`tcp://127.0.0.1:2375`).
// An engine behind TLS (DOCKER_TLS_VERIFY) is not supported by the proxy.
import { SlipwayError } from '../../errors.js';

/** How to connect to the engine: a socket path, or a host and port. */
export type EngineAddress = { socketPath: string } | { host: string; port: number };

/** The engine's address from an environment's DOCKER_HOST. */
export function engineAddressOf(env: NodeJS.ProcessEnv): EngineAddress {
  const host = env.DOCKER_HOST;
  if (!host) return { socketPath: '/var/run/docker.sock' };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(host);
  if (tcp && env.DOCKER_TLS_VERIFY === undefined) return { host: tcp[1]!, port: Number(tcp[2]) };
  throw new SlipwayError('DockerHostUnsupported', `builds reach the Docker engine through slipway's proxy, which speaks to a unix socket or plain tcp://HOST:PORT; DOCKER_HOST is '${host}'${env.DOCKER_TLS_VERIFY === undefined ? '' : ' with DOCKER_TLS_VERIFY'}`, {
    kind: 'environment',
    hint: 'point DOCKER_HOST at the engine\'s unix socket (unix:///var/run/docker.sock) for slipway up',
  });
}

/** For messages: `unix:///var/run/docker.sock` or `tcp://HOST:PORT`. */
export function describeEngine(address: EngineAddress): string {
  return 'socketPath' in address ? `unix://${address.socketPath}` : `tcp://${address.host}:${address.port}`;
}
