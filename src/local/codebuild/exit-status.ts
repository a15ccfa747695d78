// The exit status of a child process as a shell reports it, for the host's shells and the
// `docker exec` clients alike.
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/** Resolves with the child's exit code, 128+n when signal n ended it, 127 when it could not start. */
export function exitStatus(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve) => {
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}
