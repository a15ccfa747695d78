// Issue 16, class 2: artifact names are names. A secondary artifact's identifier or an evaluated
// `name` holding `../`, a NUL byte or a name too long for a file must never write a zip (or make
// folders) outside the artifacts folder; the build says what is wrong instead of succeeding.
import { existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, type RunnerName } from '../codebuild/build-harness.js';
import { boxedCase, uploadContext } from './box-harness.js';

afterAll(cleanUp);

const build = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo a > a.txt\n';

describe.each(['host', 'container'] as RunnerName[])('artifact names (%s)', (runner) => {
  it.each([
    ['an identifier climbing out of the artifacts folder', '"../../../outside/x"', 'artifacts.secondary-artifacts.../../../outside/x'],
    ['an identifier that is an absolute path', '"/tmp/slipway-escape"', 'artifacts.secondary-artifacts./tmp/slipway-escape'],
    ['an identifier of ..', '".."', 'artifacts.secondary-artifacts...'],
  ])('refuses %s before anything runs', async (_what, identifier, path) => {
    const r = await boxedCase(runner, `${build}artifacts:\n  files: [a.txt]\n  secondary-artifacts:\n    ${identifier}:\n      files: [a.txt]\n`);
    expect(r.build.buildStatus).toBe('FAILED');
    const download = r.build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
    expect(download?.contexts?.[0]?.statusCode).toBe('YAML_FILE_ERROR');
    expect(download?.contexts?.[0]?.message).toContain(`${path}: `);
    expect(download?.contexts?.[0]?.message).toMatch(/artifact identifier/);
    expect(r.writtenOutside).toEqual([]);
    expect(existsSync('/tmp/slipway-escape')).toBe(false);
    expect(r.output).toEqual([]);
  });

  it.each([
    ['a control character (a newline)', 'name: "$(printf \'a\\\\nb\')"', /holds a control character/],
    ['a name too long for a file name', `name: ${'n'.repeat(300)}`, /longer than 251 bytes/],
  ])('refuses a secondary artifact whose name holds %s (CLIENT_ERROR), writing nothing', async (_what, name, message) => {
    const r = await boxedCase(runner, `${build}artifacts:\n  files: [a.txt]\n  secondary-artifacts:\n    Second:\n      files: [a.txt]\n      ${name}\n`);
    expect(r.build.buildStatus).toBe('FAILED');
    expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
    expect(uploadContext(r).message).toMatch(/^Second: the artifact name .* is not a valid file name/);
    expect(uploadContext(r).message).toMatch(message);
    expect(r.writtenOutside).toEqual([]);
    expect(existsSync(join(r.artifactsDir, 'Second'))).toBe(false);
  });

  it.each([
    ['../../../outside/evil', '.._.._.._outside_evil.zip'],
    ['..', '...zip'],
    ['release/v1', 'release_v1.zip'],
  ])('keeps a name with / inside the artifacts folder: %s is written as %s', async (name, file) => {
    const r = await boxedCase(runner, `${build}artifacts:\n  files: [a.txt]\n  name: ${name}\n  secondary-artifacts:\n    Second:\n      files: [a.txt]\n      name: ${name}\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.build.artifacts?.location).toBe(join(r.artifactsDir, file));
    expect(r.build.secondaryArtifacts[0]?.location).toBe(join(r.artifactsDir, 'Second', file));
    expect(r.writtenOutside).toEqual([]);
    expect(readdirSync(join(r.root, 'outside'))).toEqual(['canary.txt']);
  });
});

describe.each(['host', 'container'] as RunnerName[])('the artifacts folder (%s)', (runner) => {
  it('is never written through a link the build planted there (home inside the source folder)', async () => {
    const r = await boxedCase(runner, `version: 0.2\nphases:\n  build:\n    commands:\n      - echo a > a.txt\n      - rm -rf .slipway/out && busybox ln -s {{outside}} .slipway/out\nartifacts:\n  files: [a.txt]\n`, {
      prepare: ({ sourceDir }) => mkdirSync(join(sourceDir, '.slipway'), { recursive: true }),
      homeInSource: true,
    });
    if (runner === 'host') {
      expect(uploadContext(r)).toMatchObject({ status: 'FAILED', statusCode: 'CLIENT_ERROR' });
      expect(uploadContext(r).message).toMatch(/out leads to .*outside through a symbolic link made inside the source folder; it is not used/);
    } else {
      // A container build does not see the home at all (an empty tmpfs hides it): its link lands there.
      expect(uploadContext(r)).toMatchObject({ status: 'SUCCEEDED' });
      expect(lstatSync(join(r.root, 'src', '.slipway', 'out')).isSymbolicLink()).toBe(false);
    }
    expect(readdirSync(join(r.root, 'outside'))).toEqual(['canary.txt']);
  });
});
