// slipway's state folder defaults to .slipway/ inside the folder a user builds: it holds the
// parameters file (secrets) and earlier builds' zips, and must never end up in an artifact.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUp, runCase, tempDir, writeFiles } from './build-harness.js';
import { zipEntries } from './zip-entries.js';

afterAll(cleanUp);

describe('artifacts with `files: **/*`', () => {
  it('leave out the state folder and the artifacts folder when they sit inside the source', async () => {
    const sourceDir = tempDir('slipway-cb-leave-out-');
    const stateDir = join(sourceDir, '.slipway');
    writeFiles(sourceDir, { 'app.txt': 'app\n', '.slipway/parameters.json': '{"secret": {"value": "s3cret"}}\n' });
    const buildspec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo built > out.txt\nartifacts:\n  files:\n    - "**/*"\n';

    const first = await runCase('host', buildspec, { sourceDir, stateDir });
    const second = await runCase('host', buildspec, { sourceDir, stateDir });

    for (const { build } of [first, second]) {
      expect(build.buildStatus).toBe('SUCCEEDED');
      expect((await zipEntries(build.artifacts!.location)).map((entry) => entry.name)).toEqual(['app.txt', 'buildspec.yml', 'out.txt']);
    }
  });
});
