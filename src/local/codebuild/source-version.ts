// The commit a Git source is at: CODEBUILD_RESOLVED_SOURCE_VERSION must never be empty for a
// Git checkout (the best-known fault of AWS's own local agent).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function git(dir: string, ...args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The HEAD commit id and `origin` URL of a folder, when it is a Git work tree. */
export async function gitSourceInfo(dir: string): Promise<{ commit?: string; remoteUrl?: string }> {
  const commit = await git(dir, 'rev-parse', '--verify', '-q', 'HEAD');
  if (!commit) return {};
  const remoteUrl = await git(dir, 'config', '--get', 'remote.origin.url');
  return remoteUrl ? { commit, remoteUrl } : { commit };
}

/** A full Git commit id (40 hexadecimal digits). */
const FULL_COMMIT = /^[0-9a-f]{40}$/i;

/**
 * CODEBUILD_RESOLVED_SOURCE_VERSION: the commit id the caller gives (a pipeline's source zip has
 * no .git), else the folder's HEAD, else the source version when it is a full commit id.
 */
export function resolveSourceVersion(request: { resolvedSourceVersion?: string; sourceVersion?: string }, headCommit: string | undefined): string | undefined {
  if (request.resolvedSourceVersion) return request.resolvedSourceVersion;
  if (headCommit) return headCommit;
  return request.sourceVersion && FULL_COMMIT.test(request.sourceVersion) ? request.sourceVersion : undefined;
}
