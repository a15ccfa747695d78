// What a source action reads from a Git repository, with real git: the commit a branch points
// at, that commit's metadata (the source action's output variables), and the tree at the commit
// as a zip without .git (`git archive`, CodePipeline's CODE_ZIP). A repository given by URL is
// mirrored into the home and fetched before each read.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';

const git = promisify(execFile);

/** A commit and what the source variables say of it. */
export interface CommitInfo {
  commitId: string;
  authorDate: string;
  committerDate: string;
  commitMessage: string;
}

async function run(args: string[], signal?: AbortSignal): Promise<string> {
  try {
    return (await git('git', args, { maxBuffer: 64 * 1024 * 1024, signal })).stdout;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new SlipwayError('GitFailed', `git ${args.filter((arg) => !arg.startsWith('--format')).join(' ')} failed: ${detail}`, { kind: 'failed', cause: error });
  }
}

/** The commit `branch` points at, or undefined when the repository has no such branch. */
export async function branchHead(repository: string, branch: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await git('git', ['-C', repository, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], { signal })).stdout.trim() || undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === 1) return undefined;
    throw error;
  }
}

/** A commit's id, dates (ISO 8601) and message. */
export async function commitInfo(repository: string, commit: string, signal?: AbortSignal): Promise<CommitInfo> {
  const text = await run(['-C', repository, 'log', '-1', '--format=%H%x00%aI%x00%cI%x00%B', commit], signal);
  const [commitId = '', authorDate = '', committerDate = '', message = ''] = text.split('\0');
  return { commitId, authorDate, committerDate, commitMessage: message.trim() };
}

/** Writes the tree at `commit` to `zipPath`, without .git (CODE_ZIP). */
export async function archiveCommit(repository: string, commit: string, zipPath: string, signal?: AbortSignal): Promise<void> {
  mkdirSync(dirname(zipPath), { recursive: true });
  await run(['-C', repository, 'archive', '--format=zip', `--output=${zipPath}`, commit], signal);
}

/** Whether `location` is a URL git clones from (rather than a folder). */
export function isRemote(location: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(location) || /^[\w.-]+@[\w.-]+:/.test(location);
}

/** A folder git can read `location` from: the folder itself, or a mirror of the URL under `mirror`, fetched now. */
export async function readableCopy(location: string, mirror: string, signal?: AbortSignal): Promise<string> {
  if (!isRemote(location)) return location;
  if (!existsSync(mirror)) {
    mkdirSync(dirname(mirror), { recursive: true });
    await run(['clone', '--quiet', '--mirror', location, mirror], signal);
  } else {
    await run(['-C', mirror, 'fetch', '--quiet', '--prune', 'origin'], signal);
  }
  return mirror;
}
