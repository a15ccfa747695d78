// How a source repository is watched locally: file-system events on its Git refs (a commit, a
// fetch, a push into it), settled for 50 ms, and polling as a fallback and for repositories given
// by URL, at the interval the user set (`slipway up --poll-interval`).
import { execFile } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isRemote } from './git-repository.js';

const git = promisify(execFile);

/** A watch on one repository. */
export interface RefWatch {
  close(): void;
}

/** Calls `changed` when the repository's refs may have changed, and every poll interval. */
export function watchRefs(location: string, poll: { local: number; remote: number }, changed: () => void): RefWatch {
  const watchers: FSWatcher[] = [];
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  const remote = isRemote(location);
  const timer = setInterval(changed, remote ? poll.remote : poll.local);
  timer.unref();
  if (!remote) {
    void git('git', ['-C', location, 'rev-parse', '--path-format=absolute', '--git-common-dir']).then(({ stdout }) => {
      const common = stdout.trim();
      const soon = () => {
        clearTimeout(pending);
        pending = setTimeout(changed, 50);
      };
      for (const [path, recursive] of [[join(common, 'refs'), true], [common, false]] as const) {
        if (closed) return;
        try {
          watchers.push(watch(path, { recursive, persistent: false }, soon));
        } catch {
          // Polling still covers the repository.
        }
      }
      // A change made while the watchers were being set up has sent no event: look once more.
      soon();
    }, () => undefined);
  }
  return {
    close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(pending);
      for (const watcher of watchers.splice(0)) watcher.close();
    },
  };
}
