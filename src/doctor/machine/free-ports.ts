// The local account's ports on 127.0.0.1 (src/local/account/addresses.ts): `slipway up` serves
// everything on one, `slipway registry` on its own listens on another. A port another program
// holds makes them fail to start.
import { createServer } from 'node:net';
import { DEFAULT_ACCOUNT_PORT, DEFAULT_REGISTRY_PORT, LOCAL_HOST } from '../../local/account/addresses.js';
import type { Finding } from '../finding.js';

/** A port slipway listens on by default, and who does. */
export interface LocalPort {
  port: number;
  user: string;
  /** How to choose another one. */
  instead: string;
}

/** The ports `slipway up` and `slipway registry` take unless told otherwise. */
export const LOCAL_ACCOUNT_PORTS: LocalPort[] = [
  { port: DEFAULT_ACCOUNT_PORT, user: 'slipway up', instead: 'stop the program that holds it (or, if it is slipway up itself, nothing is wrong)' },
  { port: DEFAULT_REGISTRY_PORT, user: 'slipway registry', instead: 'stop the program that holds it, or run slipway registry --port N' },
];

/** One finding per port: free, or taken by another program. */
export async function freePortFindings(ports: readonly LocalPort[] = LOCAL_ACCOUNT_PORTS, host = LOCAL_HOST): Promise<Finding[]> {
  return Promise.all(
    ports.map(async ({ port, user, instead }): Promise<Finding> => {
      const problem = await tryListening(host, port);
      if (problem === undefined) return { check: 'machine.port', severity: 'info', message: `${host}:${port} is free for ${user}` };
      return { check: 'machine.port', severity: 'warning', message: `${host}:${port}, where ${user} listens by default, is not free (${problem})`, fix: instead };
    }),
  );
}

/** Listens on the port and closes at once; resolves with the error code when that fails. */
function tryListening(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' ? 'in use' : (error.code ?? error.message)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
