// `slipway build` runs on a fresh copy of the source as Git sees it (tracked and untracked files,
// not ignored ones), so its outputs never land in the working tree; a tree that differs from HEAD
// is named in the log; --in-place keeps the old way. Real git repositories, host and container builds.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipway } from '../support/run-cli.js';
import { cleanUp, tempDir } from './build-harness.js';
import { zipEntries } from './zip-entries.js';

afterAll(cleanUp);

// Lists what the build sees (with the executable bit and links), then writes an output file.
const LISTING = `version: 0.2
phases:
  build:
    commands:
      - L=$(mktemp) && for f in $(find . -path ./.git -prune -o -print | sort); do if [ -L "$f" ]; then echo "$f link"; elif [ -x "$f" ] && [ -f "$f" ]; then echo "$f exec"; else echo "$f"; fi; done > $L && mv $L listing.txt
      - echo "commit=$CODEBUILD_RESOLVED_SOURCE_VERSION" >> listing.txt
      - echo "srcdir=$CODEBUILD_SRC_DIR" >> listing.txt
      - echo '[{"name":"web","imageUri":"x"}]' > imagedefinitions.json
artifacts:
  files: [listing.txt, imagedefinitions.json]
`;

function repoWith(files: Record<string, string>): GitRepo {
  const repo = makeGitRepo(files);
  cleanUpRepo(repo);
  return repo;
}

const repos: string[] = [];
function cleanUpRepo(repo: GitRepo): void {
  repos.push(repo.dir);
}
afterAll(() => repos.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Everything in the working tree, ignored files included, and git's view of it: what must not change. */
function treeState(repo: GitRepo, home?: string): string {
  const files = (readdirSync(repo.dir, { recursive: true }) as string[]).filter((name) => !name.startsWith('.git/') && name !== '.git' && !(home && name.startsWith('.slipway')));
  return `${files.sort().join('\n')}\n--\n${repo.git('status', '--porcelain', '--ignored')}`;
}

async function build(repo: GitRepo, args: string[], home = tempDir('slipway-fresh-home-')) {
  const run = await runSlipway(['build', ...args, '--json'], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: home } });
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type?: string; payload?: { text?: string; level?: string }; id?: string; artifacts?: { location: string } });
  const result = lines[lines.length - 1]!;
  const messages = lines.filter((line) => line.type === 'build.message').map((line) => `${line.payload!.level}: ${line.payload!.text}`);
  const log = (await runSlipway(['logs', result.id!], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: home } })).stdout;
  const listing = result.artifacts ? (await zipEntries(result.artifacts.location)).find((entry) => entry.name === 'listing.txt')?.content ?? '' : '';
  return { run, result: result as { id: string; buildStatus: string; artifacts?: { location: string } }, messages, log, listing, home };
}

describe('slipway build on a fresh copy of the source', () => {
  it('sees tracked and untracked files but not ignored ones, keeps modes and links, names the differing commit, and leaves the tree as it was', async () => {
    const repo = repoWith({ 'buildspec.yml': LISTING, '.gitignore': 'secret.env\nnode_modules/\n', 'app.sh': '#!/bin/sh\n', 'gone.txt': 'tracked\n', 'old-name.txt': 'moved\n' });
    chmodSync(join(repo.dir, 'app.sh'), 0o755);
    symlinkSync('app.sh', join(repo.dir, 'run'));
    repo.git('add', 'run', 'app.sh');
    repo.git('commit', '-q', '-m', 'link');
    const head = repo.git('rev-parse', 'HEAD');
    writeFileSync(join(repo.dir, 'secret.env'), 'TOKEN=1\n');
    execFileSync('mkdir', ['-p', join(repo.dir, 'node_modules/x')]);
    writeFileSync(join(repo.dir, 'node_modules/x/index.js'), '');
    writeFileSync(join(repo.dir, 'draft.txt'), 'untracked\n');
    rmSync(join(repo.dir, 'gone.txt'));
    repo.git('mv', 'old-name.txt', 'new-name.txt');
    const before = treeState(repo);

    const { run, result, messages, log, listing } = await build(repo, ['--host']);
    expect(run.code).toBe(0);
    expect(listing.split('\n').filter((line) => line.startsWith('./')).sort()).toEqual(['./.gitignore', './app.sh exec', './buildspec.yml', './draft.txt', './new-name.txt', './run link']);
    expect(listing).toContain(`commit=${head}\n`);
    const warning = `warning: The source differs from commit ${head.slice(0, 12)} (HEAD) in 3 paths (gone.txt, new-name.txt, draft.txt): CODEBUILD_RESOLVED_SOURCE_VERSION names ${head.slice(0, 12)}, so a tag made from it names content that commit does not hold`;
    expect(messages.find((message) => message.startsWith('warning: The source differs'))).toContain(warning);
    // The recorded log holds it too: first in DOWNLOAD_SOURCE, where CodeBuild logs its source.
    expect(log).toContain(warning.replace('warning: ', 'Warning: '));
    const phase = log.indexOf('Entering phase DOWNLOAD_SOURCE');
    expect(phase).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('Warning: The source differs')).toBeGreaterThan(phase);
    expect(log.indexOf('Warning: The source differs')).toBeLessThan(log.indexOf('CODEBUILD_SRC_DIR='));
    expect(treeState(repo)).toBe(before);
    expect(existsSync(join(repo.dir, 'imagedefinitions.json'))).toBe(false);
    // The copy is gone once the build has ended.
    const srcDir = /srcdir=(.+)/.exec(listing)![1]!;
    expect(srcDir.startsWith(repo.dir)).toBe(false);
    expect(existsSync(srcDir)).toBe(false);
    expect(result.buildStatus).toBe('SUCCEEDED');
  });

  it('says nothing of a difference when the tree matches HEAD', async () => {
    const repo = repoWith({ 'buildspec.yml': LISTING, '.gitignore': 'out/\n' });
    writeFileSync(join(repo.dir, 'ignored-only'), '');
    execFileSync('mkdir', ['-p', join(repo.dir, 'out')]);
    writeFileSync(join(repo.dir, 'out/x'), '');
    writeFileSync(join(repo.dir, '.gitignore'), 'out/\nignored-only\n');
    repo.commit({}, 'ignore');
    const { run, messages } = await build(repo, ['--host']);
    expect(run.code).toBe(0);
    expect(messages.filter((message) => message.startsWith('warning'))).toEqual([]);
    expect(messages).toContainEqual(expect.stringMatching(/^info: The source is a fresh copy of .* as Git sees it \(2 tracked and untracked files, none it ignores\)/));
  });

  it('with --in-place runs in the folder itself, where its outputs stay, and still names the differing commit', async () => {
    const repo = repoWith({ 'buildspec.yml': LISTING });
    writeFileSync(join(repo.dir, 'draft.txt'), 'untracked\n');
    const { run, messages, listing } = await build(repo, ['--host', '--in-place']);
    expect(run.code).toBe(0);
    expect(listing).toContain(`srcdir=${repo.dir}\n`);
    expect(existsSync(join(repo.dir, 'imagedefinitions.json'))).toBe(true);
    expect(messages.filter((message) => message.includes('fresh copy'))).toEqual([]);
    expect(messages).toContainEqual(expect.stringMatching(/^warning: The source differs from commit [0-9a-f]{12} \(HEAD\) in 1 path \(draft\.txt\)/));
  });

  it('never packs a stale output: a failed build after a successful one finds no imagedefinitions.json (with --in-place it would)', async () => {
    const repo = repoWith({ 'buildspec.yml': LISTING });
    const failing = 'version: 0.2\nphases:\n  build:\n    commands:\n      - exit 3\nartifacts:\n  files: [imagedefinitions.json]\n';
    for (const args of [[], ['--in-place']]) {
      const home = tempDir('slipway-fresh-home-');
      expect((await build(repo, ['--host', ...args], home)).run.code).toBe(0);
      const failed = await build(repo, ['--host', ...args, '--buildspec', failing], home);
      expect(failed.run.code).toBe(1);
      if (args.length === 0) {
        expect(failed.result.artifacts).toBeUndefined();
        expect(failed.log).toContain('no matching artifact paths found');
      } else {
        expect((await zipEntries(failed.result.artifacts!.location)).map((entry) => entry.name)).toEqual(['imagedefinitions.json']);
      }
    }
  });
});

describe('which folder a build runs in', () => {
  it('a folder outside any Git work tree, or one its work tree ignores, is built in place, as before copies', async () => {
    const plain = tempDir('slipway-fresh-plain-');
    writeFileSync(join(plain, 'buildspec.yml'), LISTING);
    const home = tempDir('slipway-fresh-home-');
    const outside = await runSlipway(['build', '--host'], { cwd: plain, env: { ...process.env, SLIPWAY_HOME: home } });
    expect(outside.code).toBe(0);
    expect(outside.stderr).toContain(`CODEBUILD_SRC_DIR=${plain}\n`);
    expect(outside.stderr).not.toContain('fresh copy');
    expect(existsSync(join(plain, 'imagedefinitions.json'))).toBe(true);

    const repo = repoWith({ '.gitignore': 'generated/\n' });
    execFileSync('mkdir', ['-p', join(repo.dir, 'generated')]);
    writeFileSync(join(repo.dir, 'generated/buildspec.yml'), LISTING);
    const ignored = await runSlipway(['build', '--host', '--source', 'generated'], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: home } });
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toContain(`CODEBUILD_SRC_DIR=${join(repo.dir, 'generated')}\n`);
    expect(existsSync(join(repo.dir, 'generated/imagedefinitions.json'))).toBe(true);
  });

  it('a subfolder of a repository is copied on its own; slipway home inside the source is never copied nor counted as a change, even a file of it forced into Git', async () => {
    const repo = repoWith({ 'app/buildspec.yml': LISTING, 'app/main.txt': 'x\n', 'other/skip.txt': 'no\n' });
    const home = join(repo.dir, 'app', '.slipway');
    const { run, listing } = await build(repo, ['--host', '--source', 'app'], home);
    expect(run.code).toBe(0);
    expect(listing.split('\n').filter((line) => line.startsWith('./')).sort()).toEqual(['./buildspec.yml', './main.txt']);
    expect(/srcdir=.*\/app$/m.test(listing)).toBe(true);
    // slipway's home ignores itself (its own .gitignore), but a file a user forced into Git is
    // still listed by Git; the home is left out of the copy all the same, and out of the warning.
    writeFileSync(join(home, 'notes.txt'), 'committed\n');
    repo.git('add', '-f', 'app/.slipway/notes.txt');
    repo.commit({}, 'a file of the home forced into Git');
    writeFileSync(join(home, 'notes.txt'), 'changed\n');
    expect(repo.git('status', '--porcelain')).toBe('M app/.slipway/notes.txt');
    const again = await build(repo, ['--host', '--source', 'app'], home);
    expect(again.run.code).toBe(0);
    expect(again.listing.split('\n').filter((line) => line.startsWith('./')).sort()).toEqual(['./buildspec.yml', './main.txt']);
    expect(again.messages.filter((message) => message.startsWith('warning'))).toEqual([]);
  });

  it('secondary sources are copied too, each named when it differs from its commit', async () => {
    const repo = repoWith({ 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - cat $CODEBUILD_SRC_DIR_lib/lib.txt\n      - touch $CODEBUILD_SRC_DIR_lib/written\n' });
    const lib = repoWith({ 'lib.txt': 'committed\n' });
    writeFileSync(join(lib.dir, 'lib.txt'), 'edited\n');
    const home = tempDir('slipway-fresh-home-');
    const run = await runSlipway(['build', '--host', '--secondary-source', `lib=${lib.dir}`], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: home } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('edited\n');
    expect(run.stderr).toContain(`Warning: The secondary source lib differs from commit ${lib.git('rev-parse', 'HEAD').slice(0, 12)} (HEAD) in 1 path (lib.txt)`);
    expect(existsSync(join(lib.dir, 'written'))).toBe(false);
  });

  it('a host build\'s run-as user can enter the copy, wherever the source folder is private', async () => {
    const repo = repoWith({ 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    run-as: nobody\n    commands:\n      - cat draft.txt\n' });
    chmodSync(repo.dir, 0o700);
    writeFileSync(join(repo.dir, 'draft.txt'), 'draft for nobody\n');
    const run = await runSlipway(['build', '--host'], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: tempDir('slipway-fresh-home-') } });
    expect(run.stderr).toContain('Running command cat draft.txt\ndraft for nobody\n');
    expect(run.code).toBe(0);
  });

  it('a container build mounts the copy: a run-as user reads it, and nothing it writes reaches the tree', async () => {
    const image = ensureBusyboxImage();
    const repo = repoWith({ 'buildspec.yml': 'version: 0.2\nphases:\n  pre_build:\n    run-as: nobody\n    commands:\n      - cat draft.txt\n  build:\n    commands:\n      - ls -a\n      - echo out > imagedefinitions.json\nartifacts:\n  files: [imagedefinitions.json]\n', '.gitignore': 'local.env\n' });
    writeFileSync(join(repo.dir, 'draft.txt'), 'draft for nobody\n');
    writeFileSync(join(repo.dir, 'local.env'), 'SECRET=1\n');
    const before = treeState(repo);
    const home = tempDir('slipway-fresh-home-');
    const run = await runSlipway(['build', '--image', image, '--network', 'none'], { cwd: repo.dir, env: { ...process.env, SLIPWAY_HOME: home } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('draft for nobody\n');
    expect(run.stderr).toMatch(/Running command ls -a\n\.\n\.\.\n\.gitignore\nbuildspec\.yml\ndraft\.txt\n/);
    expect(run.stderr).toContain('Warning: The source differs from commit');
    expect(treeState(repo)).toBe(before);
  });
});
