// Which port `slipway up` serves on from one run to the next: without --port, the port this home's
// registry last listened on, so the RepositoryUri its stacks recorded stays right (as on AWS, a
// repository's URI never changes); a different --port on a home with stacks warns that builds
// pushing to the recorded address will fail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startUp, type RunningUp } from './support/running-up.js';

let up: RunningUp | undefined;
afterEach(async () => {
  if (up) expect(await up.stop()).toBe(0);
  up = undefined;
});

const TEMPLATE = 'Resources:\n  Repository:\n    Type: AWS::ECR::Repository\n    Properties: { RepositoryName: kept }\nOutputs:\n  Uri: { Value: !GetAtt Repository.RepositoryUri }\n';

describe('the port of slipway up', () => {
  it('without --port is the one the home last served on, so a stack\'s RepositoryUri keeps working; another --port warns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-up-port-'));
    const home = join(dir, 'home');
    writeFileSync(join(dir, 'kept.yaml'), TEMPLATE);
    up = await startUp({ cwd: dir, home, args: ['--template', join(dir, 'kept.yaml')] });
    const first = up.ready.registry;
    expect(await up.stop()).toBe(0);

    up = await startUp({ cwd: dir, home, port: 'home' });
    expect(up.ready.registry).toBe(first);
    expect(up.process.stderr()).not.toContain('warning: this home\'s stacks recorded the registry');
    expect(await up.stop()).toBe(0);

    up = await startUp({ cwd: dir, home });
    expect(up.ready.registry).not.toBe(first);
    await expect.poll(() => up!.process.stderr(), { timeout: 10_000 }).toContain(`warning: this home's stacks recorded the registry at ${first} (RepositoryUri, REPOSITORY_URI), but up listens on ${up.ready.registry}`);
  }, 60_000);
});
