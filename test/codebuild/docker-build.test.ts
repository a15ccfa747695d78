// Real Docker: a fixture repository whose buildspec runs `docker build` inside a privileged
// build container (the host engine's socket, paths that mean the same inside and out) and tags
// the image with CODEBUILD_RESOLVED_SOURCE_VERSION.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { makeGitRepo } from '../support/git-repo.js';
import { cleanUp, runCase, tempDir } from './build-harness.js';
import { zipEntries } from './zip-entries.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/codebuild/docker-image');
const fixtureFiles = Object.fromEntries(readdirSync(FIXTURE).map((name) => [name, readFileSync(join(FIXTURE, name), 'utf8')]));
const tags: string[] = [];

afterAll(() => {
  for (const tag of tags) execFileSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
  cleanUp();
});

describe('docker build inside a privileged build container', () => {
  it('builds the fixture image tagged with the commit, and exports its URI', async () => {
    ensureBusyboxImage();
    const repo = makeGitRepo(fixtureFiles);
    const commit = repo.git('rev-parse', 'HEAD');
    tags.push(`fixture:${commit}`);
    const r = await runCase('container', fixtureFiles['buildspec.yml']!, {
      sourceDir: repo.dir,
      stateDir: tempDir('slipway-cb-home-'),
      project: { privilegedMode: true, image: 'aws/codebuild/standard:7.0' },
    });
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.build.resolvedSourceVersion).toBe(commit);
    expect(r.build.sourceVersion).toBe(commit);
    expect(r.log).toContain('docker CLI is mounted');
    expect(execFileSync('docker', ['run', '--rm', '--network', 'none', `fixture:${commit}`], { encoding: 'utf8' })).toBe('hello from the fixture\n');
    expect(r.build.exportedEnvironmentVariables).toEqual([{ name: 'IMAGE_URI', value: `fixture:${commit}` }]);
    const [definitions] = await zipEntries(r.build.artifacts!.location);
    expect(JSON.parse(definitions!.content)).toEqual([{ name: 'app', imageUri: `fixture:${commit}` }]);
    // The build container is gone.
    expect(execFileSync('docker', ['ps', '-aq', '--filter', `label=slipway.codebuild.build-id=${r.build.id}`], { encoding: 'utf8' }).trim()).toBe('');
  });
});

describe('source versions and build numbers', () => {
  it('CODEBUILD_RESOLVED_SOURCE_VERSION is the commit; CODEBUILD_SOURCE_VERSION can be overridden; numbers count per project', async () => {
    const repo = makeGitRepo({ 'README.md': 'x' });
    repo.git('remote', 'add', 'origin', 'https://example.com/team/app.git');
    const commit = repo.git('rev-parse', 'HEAD');
    const stateDir = tempDir('slipway-cb-home-');
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "$CODEBUILD_RESOLVED_SOURCE_VERSION $CODEBUILD_SOURCE_VERSION $CODEBUILD_BUILD_NUMBER $CODEBUILD_SOURCE_REPO_URL"\n';
    const first = await runCase('host', spec, { sourceDir: repo.dir, stateDir });
    const second = await runCase('host', spec, { sourceDir: repo.dir, stateDir, sourceVersion: 'refs/heads/main' });
    expect(first.output).toEqual([`${commit} ${commit} 1 https://example.com/team/app.git`]);
    expect(second.output).toEqual([`${commit} refs/heads/main 2 https://example.com/team/app.git`]);
  });
});

describe('cache.paths', () => {
  it.each(['host', 'container'] as const)('keeps a cached folder between builds of one project (%s)', async (runner) => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - ls deps 2>/dev/null || echo empty\n      - mkdir -p deps && date +%s%N > deps/stamp-$CODEBUILD_BUILD_NUMBER\ncache:\n  paths:\n    - deps/**/*\n';
    const first = await runCase(runner, spec, { stateDir });
    const second = await runCase(runner, spec, { stateDir });
    expect(first.output).toEqual(['empty']);
    expect(second.output).toEqual(['stamp-1']);
  });

  it('copies absolute cache paths out of and back into build containers', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - cat /root/.m2/kept 2>/dev/null || echo none\n      - mkdir -p /root/.m2 && echo "from $CODEBUILD_BUILD_NUMBER" > /root/.m2/kept\ncache:\n  paths:\n    - /root/.m2/**/*\n';
    expect((await runCase('container', spec, { stateDir })).output).toEqual(['none']);
    expect((await runCase('container', spec, { stateDir })).output).toEqual(['from 1']);
  });
});
