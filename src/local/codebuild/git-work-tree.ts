// What Git sees of a build's source folder: the files a commit-and-push would carry (tracked and
// untracked, not ignored: `git ls-files --cached --others --exclude-standard`), the HEAD commit,
// and the paths where the folder differs from that commit (`git status --porcelain`).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import { gitSourceInfo } from './source-version.js';

const run = promisify(execFile);

/** A source folder inside a Git work tree, as Git sees it. */
export interface GitWorkTree {
  /** The work tree's top folder. */
  root: string;
  /** HEAD's commit id; absent before the first commit. */
  commit?: string;
  /** `remote.origin.url`, when set. */
  remoteUrl?: string;
  /** Files under the folder, relative to it: tracked (even if deleted since) and untracked, not ignored. */
  files: string[];
  /** Absolute paths under the folder that differ from HEAD (modified, added, deleted, untracked). */
  changed: string[];
}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    return (await run('git', ['-C', dir, ...args], { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new SlipwayError('GitFailed', `git ${args.join(' ')} failed in ${dir}: ${detail}`, { kind: 'failed', cause: error });
  }
}

async function succeeds(dir: string, args: string[]): Promise<boolean> {
  return run('git', ['-C', dir, ...args]).then(() => true, () => false);
}

/** The work tree's top folder, or undefined when `dir` is not inside one (or git is missing). */
async function topFolder(dir: string): Promise<string | undefined> {
  return run('git', ['-C', dir, 'rev-parse', '--show-toplevel']).then(({ stdout }) => stdout.trim() || undefined, () => undefined);
}

/** `git status --porcelain -z` entries: "XY path", and a rename's or copy's old path as the next field. */
function changedPaths(root: string, porcelain: string): string[] {
  const fields = porcelain.split('\0').filter((field) => field !== '');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i += 1) {
    const field = fields[i]!;
    paths.push(join(root, field.slice(3)));
    if (field[0] === 'R' || field[0] === 'C') i += 1;
  }
  return paths;
}

/**
 * How Git sees `dir`; `{ outside }` when it is in no work tree, or in a folder the work tree
 * ignores (then Git knows none of its files).
 */
export async function readGitWorkTree(dir: string): Promise<GitWorkTree | { outside: 'not-git' | 'ignored' }> {
  const root = await topFolder(dir);
  if (!root) return { outside: 'not-git' };
  if (await succeeds(dir, ['check-ignore', '-q', '.'])) return { outside: 'ignored' };
  const listing = await git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  // An unmerged path is listed once per stage.
  const files = [...new Set(listing.split('\0').filter((path) => path !== ''))];
  const changed = changedPaths(root, await git(dir, ['status', '--porcelain', '-z', '--', '.']));
  return { root, ...(await gitSourceInfo(dir)), files, changed };
}
