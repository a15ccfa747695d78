// CODEBUILD_RESOLVED_SOURCE_VERSION when the source is not a Git work tree (a pipeline's source
// zip has no .git), build numbers under concurrency, and reserved names from every layer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayError } from '../../src/errors.js';
import { runCase, cleanUp, tempDir } from './build-harness.js';

afterAll(cleanUp);

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const ECHO_VERSIONS = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "[$CODEBUILD_RESOLVED_SOURCE_VERSION] [$CODEBUILD_SOURCE_VERSION]"\n';

describe('CODEBUILD_RESOLVED_SOURCE_VERSION of a source folder without .git', () => {
  it('is the commit id the caller gives (the local pipeline passes its source commit)', async () => {
    const r = await runCase('host', ECHO_VERSIONS, { resolvedSourceVersion: COMMIT });
    expect(r.output).toEqual([`[${COMMIT}] [${COMMIT}]`]);
    expect(r.build.resolvedSourceVersion).toBe(COMMIT);
    expect(r.log).not.toContain('CODEBUILD_RESOLVED_SOURCE_VERSION is empty');
  });

  it('is the source version when that is a full 40-character commit id', async () => {
    const r = await runCase('host', ECHO_VERSIONS, { sourceVersion: COMMIT });
    expect(r.output).toEqual([`[${COMMIT}] [${COMMIT}]`]);
    expect(r.build.resolvedSourceVersion).toBe(COMMIT);
  });

  it('stays empty for a branch name, and DOWNLOAD_SOURCE warns about it', async () => {
    const r = await runCase('host', ECHO_VERSIONS, { sourceVersion: 'refs/heads/main' });
    expect(r.output).toEqual(['[] [refs/heads/main]']);
    const warning = r.events.find((e) => e.type === 'build.message' && e.level === 'warning' && e.text.includes('CODEBUILD_RESOLVED_SOURCE_VERSION is empty'));
    expect(warning).toBeDefined();
    // Said during DOWNLOAD_SOURCE: after its start and before INSTALL starts.
    const index = r.events.indexOf(warning!);
    const started = (phase: string) => r.events.findIndex((e) => e.type === 'phase.started' && e.phaseType === phase);
    expect(index).toBeGreaterThan(started('DOWNLOAD_SOURCE'));
    expect(index).toBeLessThan(started('INSTALL'));
    expect(r.build.buildStatus).toBe('SUCCEEDED');
  });
});

describe('build numbers', () => {
  it('concurrent builds of one project get distinct consecutive numbers, kept in <home>/slipway.db', async () => {
    const stateDir = tempDir('slipway-cb-home-');
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "$CODEBUILD_BUILD_NUMBER"\n';
    const builds = await Promise.all(Array.from({ length: 8 }, () => runCase('host', spec, { stateDir, project: { name: 'busy' } })));
    expect(builds.map((b) => b.build.buildNumber).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const b of builds) expect(b.output).toEqual([String(b.build.buildNumber)]);
    expect(existsSync(join(stateDir, 'slipway.db'))).toBe(true);
    // The count survives (a new connection, as after a restart) and is per project.
    expect((await runCase('host', spec, { stateDir, project: { name: 'busy' } })).build.buildNumber).toBe(9);
    expect((await runCase('host', spec, { stateDir, project: { name: 'other' } })).build.buildNumber).toBe(1);
  });
});

describe('reserved CODEBUILD_ names in the request', () => {
  const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "$CODEBUILD_BUILD_NUMBER"\n';

  it('a project variable named CODEBUILD_* is refused before the build starts, naming where it came from', async () => {
    const attempt = runCase('host', spec, { project: { environmentVariables: [{ name: 'CODEBUILD_BUILD_NUMBER', value: '999' }] } });
    await expect(attempt).rejects.toThrow(SlipwayError);
    await expect(attempt).rejects.toThrow('CODEBUILD_BUILD_NUMBER (in project.environmentVariables)');
  });

  it('an override of type PARAMETER_STORE named CODEBUILD_* is refused too', async () => {
    const attempt = runCase('host', spec, { overrides: [{ name: 'CODEBUILD_SRC_DIR', value: '/p', type: 'PARAMETER_STORE' }], parameters: '{"parameters":{"/p":"/elsewhere"}}' });
    await expect(attempt).rejects.toThrow('CODEBUILD_SRC_DIR (in environmentOverrides)');
  });

  it('a buildspec parameter-store entry named CODEBUILD_* fails DOWNLOAD_SOURCE with YAML_FILE_ERROR', async () => {
    const r = await runCase('host', 'version: 0.2\nenv:\n  parameter-store:\n    CODEBUILD_BUILD_NUMBER: /p\nphases:\n  build:\n    commands:\n      - echo never\n', {
      parameters: '{"parameters":{"/p":"999"}}',
    });
    expect(r.build.buildStatus).toBe('FAILED');
    const download = r.build.phases.find((p) => p.phaseType === 'DOWNLOAD_SOURCE');
    expect(download?.contexts?.[0]).toMatchObject({ statusCode: 'YAML_FILE_ERROR', message: expect.stringContaining('env.parameter-store.CODEBUILD_BUILD_NUMBER') });
    expect(r.output).toEqual([]);
  });
});
