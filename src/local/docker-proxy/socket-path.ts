// Where a home's Docker proxy listens. `slipway up` starts the proxy there and every build of the
// home, in any process, finds it there while that up runs. A unix socket path holds at most 107
// bytes (sockaddr_un), so a home too deep for one gets a short path of its own under /tmp, named
// after the home's path, in a folder only this user may enter.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

/** sun_path is 108 bytes on Linux, the last one a NUL. */
const MAX_SOCKET_PATH = 107;

/** The proxy's socket for a home. */
export function buildDockerSocketPath(home: string): string {
  const inHome = join(resolve(home), 'docker.sock');
  if (Buffer.byteLength(inHome) <= MAX_SOCKET_PATH) return inHome;
  const digest = createHash('sha256').update(resolve(home)).digest('hex').slice(0, 16);
  return join('/tmp', `slipway-${process.getuid?.() ?? 'user'}-${digest}`, 'docker.sock');
}
