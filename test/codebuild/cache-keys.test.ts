// buildspec `cache.key`, `cache.fallback-keys` and `cache.action`, and the `codebuild-hash-files`
// command, on the host (bash) and in a busybox container (sh), after AWS's "Amazon S3 caching".
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, runCase, tempDir, type CaseOptions, type CaseResult, type RunnerName } from './build-harness.js';

afterAll(cleanUp);

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** slipway's digest: one line `<sha256 of the content>  <path>` per file, in byte order of the paths. */
function digestOf(files: Record<string, string>): string {
  const paths = Object.keys(files).sort();
  return sha256(paths.map((path) => `${sha256(files[path]!)}  ${path}\n`).join(''));
}

/** The agent's lines about the cache. */
const cacheLines = (r: CaseResult) => r.events.flatMap((e) => (e.type === 'build.message' && e.text.startsWith('Cache') ? [e.text] : []));

/** The keyed copies of project `rules` in a home folder. */
const cacheDir = (stateDir: string) => join(stateDir, 'codebuild', 'rules', 'cache');
const keyedCopies = (stateDir: string) => (existsSync(cacheDir(stateDir)) ? readdirSync(cacheDir(stateDir)).filter((name) => name.startsWith('key=')).sort() : []);

describe('codebuild-hash-files', () => {
  const files = { 'package-lock.json': '{"lockfileVersion":3}\n', 'README.md': 'read me\n', 'docs/a.md': 'a\n', 'docs/deep/b.md': 'b\n', 'src/x.ts': 'x\n' };
  const spec = [
    'version: 0.2',
    'phases:',
    '  build:',
    '    commands:',
    '      - codebuild-hash-files package-lock.json',
    "      - codebuild-hash-files '**/*.md'",
    "      - codebuild-hash-files 'docs/*.md' src/x.ts",
    '      - cd docs && codebuild-hash-files package-lock.json',
    '      - codebuild-hash-files nothing-matches',
  ].join('\n');

  it.each(['host', 'container'] as const)('prints the SHA-256 of the source files its globs match, from any folder (%s)', async (runner) => {
    const r = await runCase(runner, spec, { files });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.output).toEqual([
      digestOf({ 'package-lock.json': files['package-lock.json'] }),
      digestOf({ 'README.md': files['README.md'], 'docs/a.md': files['docs/a.md'], 'docs/deep/b.md': files['docs/deep/b.md'] }),
      digestOf({ 'docs/a.md': files['docs/a.md'], 'src/x.ts': files['src/x.ts'] }),
      digestOf({ 'package-lock.json': files['package-lock.json'] }),
      'codebuild-hash-files: no file matches nothing-matches',
      sha256(''),
    ]);
  });
});

describe('cache.key and cache.fallback-keys', () => {
  const spec = [
    'version: 0.2',
    'phases:',
    '  build:',
    '    commands:',
    '      - ls deps 2>/dev/null || echo no deps',
    '      - mkdir -p deps && touch deps/from-build-$CODEBUILD_BUILD_NUMBER',
    'cache:',
    '  key: deps-$APP-$(codebuild-hash-files lock.txt)',
    '  fallback-keys:',
    '    - deps-$APP-',
    '  paths:',
    '    - deps/**/*',
  ].join('\n');

  it.each(['host', 'container'] as const)(
    'restores the exact key, else the newest copy matching a fallback key; a saved key is never updated (%s)',
    async (runner: RunnerName) => {
      const stateDir = tempDir('slipway-cb-home-');
      // A fresh source folder for every build, as on CodeBuild: only the cache carries files over.
      const build = (lock: string) => runCase(runner, spec, { stateDir, files: { 'lock.txt': lock }, project: { environmentVariables: [{ name: 'APP', value: 'web' }] } });
      const key1 = `deps-web-${digestOf({ 'lock.txt': 'v1\n' })}`;
      const key2 = `deps-web-${digestOf({ 'lock.txt': 'v2\n' })}`;

      const first = await build('v1\n');
      expect(first.output).toEqual(['no deps']);
      expect(cacheLines(first)).toEqual([
        `Cache key: ${key1}`,
        `Cache: no cache found for key ${key1} or the fallback keys deps-web-`,
        `Cache key: ${key1}`,
        'Cache: saved deps',
        `Cache: saved under key ${key1}`,
      ]);

      const second = await build('v1\n');
      expect(second.output).toEqual(['from-build-1']);
      expect(cacheLines(second)).toContain(`Cache: found key ${key1}`);
      expect(cacheLines(second)).toContain(`Cache: a cache for key ${key1} exists and is never updated once created; not saved`);

      const third = await build('v2\n');
      expect(third.output).toEqual(['from-build-1']);
      expect(cacheLines(third)).toContain(`Cache: no cache for key ${key2}; using ${key1}, the newest cache matching the fallback key deps-web-`);
      expect(cacheLines(third)).toContain(`Cache: saved under key ${key2}`);

      // The copy under key1 still holds what the first build saved; key2 holds the third build's.
      expect((await build('v1\n')).output).toEqual(['from-build-1']);
      expect((await build('v2\n')).output).toEqual(['from-build-1', 'from-build-3']);
      expect(keyedCopies(stateDir)).toHaveLength(2);
    },
  );

  it('tries the fallback keys in their order, each one on the newest copy whose key starts with it', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const save = (key: string) =>
      runCase('host', 'version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p deps && touch deps/$K\ncache:\n  key: $K\n  action: save\n  paths: [deps/**/*]\n', {
        stateDir,
        overrides: [{ name: 'K', value: key }],
      });
    for (const key of ['deps-a', 'deps-b', 'other-x']) expect((await save(key)).build.buildStatus).toBe('SUCCEEDED');
    const restore = (fallbackKeys: string[]) =>
      runCase('host', `version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps\ncache:\n  key: missing\n  fallback-keys: ${JSON.stringify(fallbackKeys)}\n  action: restore\n  paths: [deps/**/*]\n`, { stateDir });

    expect((await restore(['deps-'])).output).toEqual(['deps-b']);
    expect((await restore(['zzz-', 'deps-', 'other-'])).output).toEqual(['deps-b']);
    expect((await restore(['other-', 'deps-'])).output).toEqual(['other-x']);
    // `action: restore` saved nothing under "missing".
    expect(keyedCopies(stateDir).map((name) => name.slice(0, name.indexOf('@')))).toEqual(['key=deps-a', 'key=deps-b', 'key=other-x']);
  });

  it('a copy made for other cache paths is another version of the cache: it never matches', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = (paths: string) => `version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps 2>/dev/null || echo no deps\n      - mkdir -p deps extra && touch deps/kept extra/kept\ncache:\n  key: same\n  paths: ${paths}\n`;
    await runCase('host', spec('[deps/**/*]'), { stateDir });
    expect((await runCase('host', spec('[deps/**/*, extra/**/*]'), { stateDir })).output).toEqual(['no deps']);
    expect((await runCase('host', spec('[deps/**/*]'), { stateDir })).output).toEqual(['kept']);
  });

  it('keeps a key that names other folders inside the project cache folder, encoded', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const r = await runCase('host', 'version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p deps && touch deps/x\ncache:\n  key: ../../escape/é\n  paths: [deps/**/*]\n', { stateDir });
    expect(cacheLines(r)).toContain('Cache: saved under key ../../escape/é');
    expect(keyedCopies(stateDir)).toEqual([expect.stringMatching(/^key=\.\.%2F\.\.%2Fescape%2F%C3%A9@[0-9a-f]{12}$/)]);
    expect(existsSync(join(stateDir, 'codebuild', 'escape'))).toBe(false);
  });

  it('a failed build saves nothing under its key, so the next build with that key starts clean', async () => {
    const runner = 'host';
    const stateDir = tempDir('slipway-cb-home-');
    const spec = (failing: boolean) =>
      `version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps 2>/dev/null || echo no deps\n      - mkdir -p deps && touch deps/half-installed\n${failing ? '      - false\n' : ''}cache:\n  key: deps\n  paths: [deps/**/*]\n`;
    const failed = await runCase(runner, spec(true), { stateDir });
    expect(failed.build.buildStatus).toBe('FAILED');
    // BUILD failed, POST_BUILD and UPLOAD_ARTIFACTS still ran: the keyed cache alone is skipped.
    expect(cacheLines(failed)).toEqual([
      'Cache key: deps',
      'Cache: no cache found for key deps',
      'Cache: the build failed, so nothing is saved under a cache key (a keyed cache is never updated once created)',
    ]);
    expect(keyedCopies(stateDir)).toEqual([]);
    const next = await runCase(runner, spec(false), { stateDir });
    expect(next.output).toEqual(['no deps']);
    expect(cacheLines(next)).toContain('Cache: saved under key deps');
  });

  it.each(['host', 'container'] as const)('a build with nothing to save makes no copy for its key; a later build that has the folder saves it (%s)', async (runner: RunnerName) => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps 2>/dev/null || echo no deps\n      - if [ -n "$MAKE" ]; then mkdir -p deps && touch deps/made; fi\ncache:\n  key: deps\n  paths: [deps/**/*]\n';
    const empty = await runCase(runner, spec, { stateDir });
    expect(cacheLines(empty).slice(-2)).toEqual(['Cache: nothing to save for deps', 'Cache: nothing was saved, so no cache is made for key deps']);
    expect(keyedCopies(stateDir)).toEqual([]);
    const making = await runCase(runner, spec, { stateDir, overrides: [{ name: 'MAKE', value: '1' }] });
    expect(making.output).toEqual(['no deps']);
    expect(cacheLines(making)).toContain('Cache: saved under key deps');
    expect((await runCase(runner, spec, { stateDir })).output).toEqual(['made']);
  });

  it('skips a keyed copy whose entry.json cannot be read, with a warning naming its folder, and still uses the others', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const save = await runCase('host', 'version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p deps && touch deps/good\ncache:\n  key: deps-good\n  paths: [deps/**/*]\n', { stateDir });
    expect(save.build.buildStatus).toBe('SUCCEEDED');
    const corrupt = { 'key=deps-broken@000000000000': '{"key": "deps-br', 'key=deps-odd@000000000000': '{}', 'key=deps-missing@000000000000': undefined };
    for (const [name, text] of Object.entries(corrupt)) {
      mkdirSync(join(cacheDir(stateDir), name));
      if (text !== undefined) writeFileSync(join(cacheDir(stateDir), name, 'entry.json'), text);
    }
    const r = await runCase('host', 'version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps\ncache:\n  key: deps-new\n  fallback-keys: [deps-]\n  paths: [deps/**/*]\n', { stateDir });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.output).toEqual(['good']);
    for (const name of Object.keys(corrupt)) {
      expect(r.log).toContain(`Warning: Cache: skipped the cache copy ${join(cacheDir(stateDir), name)}: its entry.json cannot be read`);
    }
    expect(cacheLines(r)).toContain('Cache: saved under key deps-new');
  });

  it('a key that evaluates to nothing leaves the cache alone, with a warning', async () => {
    const r = await runCase('host', 'version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p deps\ncache:\n  key: $NOT_SET\n  paths: [deps/**/*]\n');
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.log).toContain('Warning: The cache key $NOT_SET evaluates to an empty string; the cache is not used');
    expect(cacheLines(r)).toEqual([]);
  });
});

describe('cache.action', () => {
  it('save only saves, restore only restores; without a key, on the project cache', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const build = (action?: string, options: CaseOptions = {}) =>
      runCase(
        'host',
        `version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps 2>/dev/null || echo no deps\n      - mkdir -p deps && touch deps/from-build-$CODEBUILD_BUILD_NUMBER\ncache:\n${action ? `  action: ${action}\n` : ''}  paths: [deps/**/*]\n`,
        { stateDir, ...options },
      );
    expect((await build()).output).toEqual(['no deps']);
    // save: nothing restored, its own files saved in place of the first build's.
    expect((await build('save')).output).toEqual(['no deps']);
    // restore: the second build's files; its own are not saved.
    expect((await build('restore')).output).toEqual(['from-build-2']);
    expect((await build()).output).toEqual(['from-build-2']);
  });
});

describe('restoring into the source folder', () => {
  it.each(['host', 'container'] as const)('never replaces a folder that is already in the source folder, which is the user\'s own (%s)', async (runner: RunnerName) => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = `version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps\n      - mkdir -p deps && touch deps/from-build-$CODEBUILD_BUILD_NUMBER\ncache:\n  paths: [deps/**/*]\n`;
    expect((await runCase(runner, spec, { stateDir, files: { 'deps/first': '' } })).output).toEqual(['first']);
    const sourceDir = tempDir('slipway-cb-src-');
    const second = await runCase(runner, spec, { stateDir, sourceDir, files: { 'deps/mine': 'important' } });
    expect(second.output).toEqual(['mine']);
    expect(cacheLines(second)).toContain('Cache: left deps as it is: it already exists in the source folder, and a restore never replaces it');
    expect(readdirSync(join(sourceDir, 'deps')).sort()).toEqual(['from-build-2', 'mine']);
    // A fresh source folder, as a pipeline's checkout is, gets the cached copy.
    expect((await runCase(runner, spec, { stateDir })).output).toEqual(['from-build-2', 'mine']);
  });
});

describe('artifact names and cache keys, evaluated by the build shell', () => {
  const spec = [
    'version: 0.2',
    'phases:',
    '  build:',
    '    commands:',
    '      - mkdir -p deps && touch deps/x out',
    'artifacts:',
    '  files: [out]',
    `  name: 'art"$(echo "a  b")'`,
    'cache:',
    `  key: 'k"-$(codebuild-hash-files nothing-matches)'`,
    "  fallback-keys: ['${NOPE?is not set}', 'k']",
    '  paths: [deps/**/*]',
  ].join('\n');

  it.each(['host', 'container'] as const)('a bare " is a literal; what the expansion prints on stderr goes to the log; a failed one is a warning (%s)', async (runner: RunnerName) => {
    const r = await runCase(runner, spec);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.build.artifacts?.location).toBe(join(r.artifactsDir, 'art"a  b.zip'));
    const key = `k"-${sha256('')}`;
    expect(cacheLines(r)).toEqual([`Cache key: ${key}`, `Cache: no cache found for key ${key} or the fallback keys k`, `Cache key: ${key}`, 'Cache: saved deps', `Cache: saved under key ${key}`]);
    // codebuild-hash-files's stderr, once for each evaluation of the key (restore and save).
    expect(r.output.filter((line) => line === 'codebuild-hash-files: no file matches nothing-matches')).toHaveLength(2);
    expect(r.log).toMatch(/Warning: The fallback key \$\{NOPE\?is not set\} could not be evaluated: .*NOPE: is not set; it is left out/);
  });

  it('a name or key that is no valid shell text is reported as such, not as an empty string', async () => {
    const r = await runCase('host', "version: 0.2\nphases:\n  build:\n    commands:\n      - mkdir -p deps && touch out\nartifacts:\n  files: [out]\n  name: 'a-$(echo'\ncache:\n  key: 'k-$(echo'\n  paths: [deps/**/*]\n");
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.log).toMatch(/Warning: The cache key k-\$\(echo could not be evaluated: .+; the cache is not used/);
    expect(r.log).not.toContain('evaluates to an empty string');
    expect(r.log).toMatch(/Warning: The artifact name a-\$\(echo could not be evaluated: .+; the artifact is named rules/);
    expect(r.build.artifacts?.location).toBe(join(r.artifactsDir, 'rules.zip'));
  });

  it('a failed evaluation is reported with its stderr even after a command ran `set -e` in the build shell', async () => {
    const r = await runCase('host', "version: 0.2\nphases:\n  build:\n    commands:\n      - set -e\n      - touch out\nartifacts:\n  files: [out]\n  name: '${NOPE?is not set}'\n");
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.log).toMatch(/Warning: The artifact name \$\{NOPE\?is not set\} could not be evaluated: .*NOPE: is not set; the artifact is named rules/);
  });
});
