// The Git hooks `slipway hook install` puts in a repository that `slipway up` does not run in, so
// that a new commit there is built at once: post-commit, post-merge and post-rewrite in a work
// tree (a commit, a pull, an amend or rebase), post-receive in a bare repository (a push into
// it). Each runs one command; slipway's lines sit between markers, so installing again replaces
// them and a hook the user already had keeps its own lines.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';

const git = promisify(execFile);
const BEGIN = '# >>> slipway hook: tells slipway of new commits (slipway hook install)';
const END = '# <<< slipway hook';

/** Where the hooks went. */
export interface InstalledHooks {
  /** The repository's top folder (a work tree's, or the bare repository itself). */
  repository: string;
  hooksDir: string;
  hooks: string[];
  bare: boolean;
}

const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;

/** The repository `folder` belongs to, and whether it is bare. */
export async function repositoryOf(folder: string): Promise<{ repository: string; bare: boolean; hooksDir: string }> {
  const ask = async (...args: string[]) => (await git('git', ['-C', folder, ...args])).stdout.trim();
  try {
    const bare = (await ask('rev-parse', '--is-bare-repository')) === 'true';
    const repository = bare ? await ask('rev-parse', '--path-format=absolute', '--git-dir') : await ask('rev-parse', '--show-toplevel');
    return { repository, bare, hooksDir: await ask('rev-parse', '--path-format=absolute', '--git-path', 'hooks') };
  } catch (error) {
    throw new SlipwayError('NotAGitRepository', `${folder} is not in a Git repository`, { hint: 'run slipway hook install inside the repository, or give --path', cause: error });
  }
}

/** Writes slipway's lines, running `command`, into the repository's hooks. */
export async function installHooks(folder: string, command: readonly string[]): Promise<InstalledHooks> {
  const { repository, bare, hooksDir } = await repositoryOf(folder);
  const hooks = bare ? ['post-receive'] : ['post-commit', 'post-merge', 'post-rewrite'];
  // A hook never fails the Git command it follows: slipway's own failure is only reported.
  const block = `${BEGIN}\n${command.map(quote).join(' ')} </dev/null || true\n${END}\n`;
  mkdirSync(hooksDir, { recursive: true });
  for (const hook of hooks) {
    const path = join(hooksDir, hook);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : '#!/bin/sh\n';
    const start = existing.indexOf(BEGIN);
    const end = existing.indexOf(END, start);
    const text = start >= 0 && end > start ? `${existing.slice(0, start)}${block}${existing.slice(end + END.length + 1)}` : `${existing.replace(/\n?$/, '\n')}${block}`;
    writeFileSync(path, text);
    chmodSync(path, 0o755);
  }
  return { repository, hooksDir, hooks, bare };
}
