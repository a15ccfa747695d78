// The README's first command, `npm run demo`, as a new user runs it (after `npm run build`): it
// must end with exit 0, having followed a commit's execution and found the commit's tag in the
// local registry, and leave no `slipway up` running.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const upsRunning = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes('slipway.js up') && line.includes('slipway-demo-'));

describe('npm run demo', () => {
  it("turns a commit of the example repository into its tag in the local registry and stops its up", () => {
    const tmp = mkdtempSync(join(tmpdir(), 'slipway-demo-test-'));
    const run = spawnSync('npm', ['run', '--silent', 'demo'], { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8', timeout: 280_000 });
    expect(run.status, run.stderr).toBe(0);
    const repo = join(tmp, readdirSync(tmp).find((name) => /^slipway-demo-\w+$/.test(name))!);
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    expect(execFileSync('git', ['log', '-1', '--format=%s'], { cwd: repo, encoding: 'utf8' }).trim()).toBe('say hello');
    expect(run.stderr).toContain(`# the local registry now holds ${sha.slice(0, 7)}`);
    expect(run.stderr).toMatch(new RegExp(`repository widget: latest images\\n  ${sha.slice(0, 7)}, latest `));
    expect(upsRunning()).toEqual([]);
  }, 300_000);
});
