// What `slipway init` can learn about a repository without asking: remote, branch, Dockerfile.
import { basename, join } from 'node:path';
import { exposedPort, findDockerfile } from './dockerfile.js';
import { parseRemoteUrl, type RemoteFacts } from './remote-url.js';

/** Runs git in the repository; resolves to its trimmed stdout, or undefined when git fails or is missing. */
export type GitReader = (args: string[]) => Promise<string | undefined>;

/** Everything inferred from a repository folder. */
export interface RepositoryFacts {
  /** The folder's own name, the fallback for the pipeline name. */
  dirName: string;
  remote?: RemoteFacts;
  remoteUrl?: string;
  branch?: string;
  /** Dockerfile path relative to the repository root. */
  dockerfile?: string;
  port?: number;
}

/** Reads the remote (origin, else the first one), the current branch and the Dockerfile of `dir`. */
export async function inferRepository(dir: string, git: GitReader): Promise<RepositoryFacts> {
  const remotes = (await git(['remote']))?.split('\n').filter(Boolean) ?? [];
  const remoteName = remotes.includes('origin') ? 'origin' : remotes[0];
  const remoteUrl = remoteName ? await git(['remote', 'get-url', remoteName]) : undefined;
  // symbolic-ref also names the branch of a repository with no commits yet.
  const branch = await git(['symbolic-ref', '--short', '-q', 'HEAD']);
  const dockerfile = await findDockerfile(dir);
  return {
    dirName: basename(dir),
    remote: remoteUrl ? parseRemoteUrl(remoteUrl) : undefined,
    remoteUrl,
    branch: branch || undefined,
    dockerfile,
    port: dockerfile ? await exposedPort(join(dir, dockerfile)) : undefined,
  };
}
