// Tiny whole Git repositories made in temporary folders, for tests that need a real checkout.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitRepo {
  dir: string;
  /** Runs git in the repository and returns its trimmed stdout. */
  git(...args: string[]): string;
  /** Writes files (path → content), commits them all and returns the new commit id. */
  commit(files: Record<string, string>, message?: string): string;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Slipway Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Slipway Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Creates a repository on branch `main` (or the given one) holding the given files. */
export function makeGitRepo(files: Record<string, string> = {}, branch = 'main'): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-repo-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', branch);
  const repo: GitRepo = {
    dir,
    git,
    commit(newFiles, message = 'change') {
      for (const [path, content] of Object.entries(newFiles)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
  if (Object.keys(files).length > 0) repo.commit(files, 'initial commit');
  return repo;
}
