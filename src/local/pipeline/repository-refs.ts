// What a push changed in a Git repository, read with real git: every branch and tag with the
// commit it points at (an annotated tag peeled to its commit), and the files a push changed, for
// V2 triggers' file-path filters. A CodeConnections push event lists the files of the pushed
// commits; locally they are the difference between the old and the new commit, or, for a new
// branch, the files of the commits no other branch or tag had yet.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const git = promisify(execFile);
const BUFFER = 64 * 1024 * 1024;

/** Every `refs/heads/*` and `refs/tags/*` of the repository, with its commit. */
export async function listRefs(folder: string): Promise<Map<string, string>> {
  const { stdout } = await git('git', ['-C', folder, 'for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', 'refs/heads', 'refs/tags'], { maxBuffer: BUFFER });
  const refs = new Map<string, string>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [name = '', object = '', peeled = ''] = line.split('\0');
    refs.set(name, peeled || object);
  }
  return refs;
}

/** Whether the repository has this commit. */
export async function hasCommit(folder: string, commit: string): Promise<boolean> {
  if (!/^[0-9a-f]{7,64}\^?$/i.test(commit)) return false;
  return git('git', ['-C', folder, 'cat-file', '-e', `${commit}^{commit}`]).then(() => true, () => false);
}

/**
 * The files changed between `from` and `to`; with no `from` (a new branch), the files of the
 * commits reachable from `to` and from none of `others`. Undefined when git cannot tell.
 */
export async function changedFiles(folder: string, to: string, from: string | undefined, others: readonly string[] = []): Promise<string[] | undefined> {
  try {
    if (from && (await hasCommit(folder, from))) {
      return lines((await git('git', ['-C', folder, 'diff', '--name-only', '--no-renames', from, to], { maxBuffer: BUFFER })).stdout);
    }
    const not = others.filter((commit) => commit !== to);
    const { stdout } = await git('git', ['-C', folder, 'log', '--format=', '--name-only', '--no-renames', to, ...(not.length > 0 ? ['--not', ...not] : [])], { maxBuffer: BUFFER });
    return [...new Set(lines(stdout))];
  } catch {
    return undefined;
  }
}

/** The files a pull request changes: from the merge base of its target and source commits to the source. */
export async function pullRequestFiles(folder: string, base: string, head: string): Promise<string[] | undefined> {
  try {
    return lines((await git('git', ['-C', folder, 'diff', '--name-only', '--no-renames', `${base}...${head}`], { maxBuffer: BUFFER })).stdout);
  } catch {
    return undefined;
  }
}

const lines = (text: string) => text.split('\n').filter(Boolean);
