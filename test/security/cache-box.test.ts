// Issue 16, classes 1 and 4 for `cache`: a cached folder is a folder of the source (or, in a
// container, of the container); a link must never make a save read a host folder, or a restore
// write outside the source; `**/*` (the whole source) must not wipe the project's other copies;
// and builds sharing a cache, in one process or several, never fail because of each other.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, runCase, tempDir, writeFiles, type RunnerName } from '../codebuild/build-harness.js';
import { boxedCase, makeBox, uploadContext } from './box-harness.js';

afterAll(cleanUp);

/** Every file's content under a folder (links not followed), joined: to look for the canary. */
function contentsUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

const withCache = (commands: string[], cache: string) =>
  `version: 0.2\nphases:\n  build:\n    commands:\n${commands.map((c) => `      - ${JSON.stringify(c)}\n`).join('')}cache:\n${cache}`;

describe('cache paths are checked when the buildspec is read', () => {
  it.each([['../outside/**/*'], ['..'], ['deps/../../outside']])('refuses %s: a folder outside the source folder (YAML_FILE_ERROR)', async (path) => {
    const r = await boxedCase('host', withCache(['echo never'], `  paths: ['${path}']\n`));
    const download = r.build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
    expect(download?.contexts?.[0]).toMatchObject({ statusCode: 'YAML_FILE_ERROR' });
    expect(download?.contexts?.[0]?.message).toMatch(/cache\.paths\[0\]: .*outside the source folder/);
    expect(r.output).toEqual([]);
    expect(r.writtenOutside).toEqual([]);
  });
});

describe.each(['host', 'container'] as RunnerName[])('cache saves and restores stay inside the source folder (%s)', (runner) => {
  it('refuses to save a cached folder that is a link to a host folder (CLIENT_ERROR)', async () => {
    const r = await boxedCase(runner, withCache(['busybox ln -s {{outside}} deps'], "  paths: ['deps/**/*']\n"));
    expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
    expect(uploadContext(r).message).toMatch(/cache: deps .*outside the source folder/);
    expect(contentsUnder(join(r.stateDir, 'codebuild'))).not.toContain(r.canary);
  });

  it('refuses to restore through a link that leads out of the source folder, writing nothing there', async () => {
    const home = tempDir('slipway-sec-cache-home-');
    const spec = withCache(['mkdir -p lib/deps', 'echo cached > lib/deps/file.txt'], "  paths: ['lib/deps/**/*']\n");
    const first = await boxedCase(runner, spec, { stateDir: home });
    expect(first.build.buildStatus).toBe('SUCCEEDED');
    const second = await boxedCase(runner, withCache(['echo built'], "  paths: ['lib/deps/**/*']\n"), {
      stateDir: home,
      prepare: ({ sourceDir, root }) => symlinkSync(join(root, 'outside'), join(sourceDir, 'lib')),
    });
    const download = second.build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
    expect(download?.contexts?.[0]).toMatchObject({ statusCode: 'CLIENT_ERROR' });
    expect(download?.contexts?.[0]?.message).toMatch(/cache: lib\/deps .*outside the source folder/);
    expect(readdirSync(join(second.root, 'outside'))).toEqual(['canary.txt']);
    expect(second.writtenOutside).toEqual([]);
  });

  it('keeps the project\'s keyed copies when the whole source (**/*) is cached without a key', async () => {
    const home = tempDir('slipway-sec-cache-home-');
    const keyed = await boxedCase(runner, withCache(['mkdir -p deps', 'echo a > deps/a'], "  key: k1\n  paths: ['deps/**/*']\n"), { stateDir: home });
    expect(keyed.build.buildStatus).toBe('SUCCEEDED');
    const whole = await boxedCase(runner, withCache(['echo b > b.txt'], "  paths: ['**/*']\n"), { stateDir: home });
    expect(whole.build.buildStatus).toBe('SUCCEEDED');
    expect(readdirSync(join(home, 'codebuild', 'rules', 'cache')).filter((name) => name.startsWith('key='))).toHaveLength(1);
  });
});

describe.each(['host', 'container'] as RunnerName[])('the cache store in a home inside the source folder (%s)', (runner) => {
  it('is never written through a link the build planted there (save refused)', async () => {
    const r = await boxedCase(runner, withCache(['mkdir -p deps .slipway/codebuild/rules && echo d > deps/d', 'busybox ln -s {{outside}} .slipway/codebuild/rules/cache'], "  paths: ['deps/**/*']\n"), {
      prepare: ({ sourceDir }) => mkdirSync(join(sourceDir, '.slipway'), { recursive: true }),
      homeInSource: true,
    });
    if (runner === 'host') {
      expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
      expect(uploadContext(r).message).toMatch(/cache: deps is not saved: .*leads to .*outside through a symbolic link made inside the source folder/);
    } else {
      // A container build does not see the home at all (an empty tmpfs hides it): its link lands there.
      expect(uploadContext(r)).toMatchObject({ status: 'SUCCEEDED' });
      expect(lstatSync(join(r.root, 'src', '.slipway', 'codebuild', 'rules', 'cache')).isSymbolicLink()).toBe(false);
    }
    expect(readdirSync(join(r.root, 'outside'))).toEqual(['canary.txt']);
  });

  it('is never read through a link planted there by an earlier build (restore refused)', async () => {
    const box = makeBox();
    const stateDir = join(box.sourceDir, '.slipway');
    const plant = withCache(['mkdir -p .slipway/codebuild/rules/cache', `busybox ln -s ${join(box.root, 'outside')} .slipway/codebuild/rules/cache/deps`], "  paths: ['nothing/**/*']\n");
    await runCase(runner, plant, { sourceDir: box.sourceDir, stateDir });
    const r = await runCase(runner, withCache(['ls deps || echo no deps'], "  paths: ['deps/**/*']\n"), { sourceDir: box.sourceDir, stateDir });
    const download = r.build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
    // A container build cannot plant the link (the home is hidden from it); a host build's link is refused.
    if (runner === 'host') {
      expect(download?.contexts?.[0]).toMatchObject({ statusCode: 'CLIENT_ERROR' });
      expect(download?.contexts?.[0]?.message).toMatch(/cache: deps is not restored: /);
    } else {
      expect(existsSync(join(stateDir, 'codebuild', 'rules', 'cache', 'deps'))).toBe(false);
    }
    expect(existsSync(join(box.sourceDir, 'deps'))).toBe(false);
    expect(r.log).not.toContain(box.canary);
  });
});

describe('builds sharing one cache', () => {
  const spec = (key: string) =>
    withCache(['ls deps 2>/dev/null | wc -l', 'mkdir -p deps', 'i=0; while [ $i -lt 30 ]; do echo $i > deps/f$i; i=$((i+1)); done'], `${key}  paths: ['deps/**/*']\n`);

  it.each([['without a key', ''], ['with one key', '  key: shared\n']])('never fail each other in one process, %s (8 builds at once, 3 rounds)', async (_what, key) => {
    const home = tempDir('slipway-sec-cache-home-');
    for (let round = 0; round < 3; round += 1) {
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => runCase('host', spec(key), { stateDir: home })));
      const problems = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : r.value.build.buildStatus === 'SUCCEEDED' ? [] : [r.value.log]));
      expect(problems).toEqual([]);
    }
  });

  it('never fail each other across processes (4 CLI processes at once, 2 rounds)', async () => {
    const home = tempDir('slipway-sec-cache-home-');
    const cli = join(import.meta.dirname, '../../bin/slipway.js');
    const once = () => {
      const dir = tempDir('slipway-sec-cache-src-');
      writeFiles(dir, { 'buildspec.yml': spec('') });
      return new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, '--home', home, 'build', '--host', '--ad-hoc', '--project-name', 'shared'], { cwd: dir });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    };
    for (let round = 0; round < 2; round += 1) {
      const runs = await Promise.all(Array.from({ length: 4 }, once));
      expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    }
  });
});

