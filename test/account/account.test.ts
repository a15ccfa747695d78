// The local account's settings live in its home, not in flags: defaults, `slipway account set`
// with every problem reported at once, an account id and region that cannot move under existing
// stacks, a local access key made once per home, and a home private to its user whatever the umask.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGitRepo } from '../support/git-repo.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalAccount } from '../../src/local/account/index.js';
import { runSlipway } from '../support/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-account-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const slipway = (...args: string[]) => runSlipway([...args, '--home', join(dir, 'home')], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });
const shown = async () => JSON.parse((await slipway('account', '--json')).stdout) as Record<string, unknown>;

describe('slipway account', () => {
  it('shows the defaults and an access key made once for the home, never its secret', async () => {
    const first = await shown();
    expect(first).toEqual({ home: join(dir, 'home'), accountId: '000000000000', region: 'us-east-1', accessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/), registryEndpoint: '127.0.0.1:5000', buildsKept: 100 });
    expect((await shown()).accessKeyId).toBe(first.accessKeyId);
    const text = await slipway('account');
    expect(text.stdout).toContain(`access key id:      ${String(first.accessKeyId)} (its secret is in ${join(dir, 'home', 'slipway.db')}, readable by you only)`);
    expect(text.stdout).not.toMatch(/secretAccessKey|[A-Za-z0-9/+]{40}/);
  });

  it('set changes settings; an empty value goes back to the default', async () => {
    expect((await slipway('account', 'set', 'region=eu-west-1', 'buildsKept=5', 'registryEndpoint=127.0.0.1:6000')).code).toBe(0);
    expect(await shown()).toMatchObject({ region: 'eu-west-1', buildsKept: 5, registryEndpoint: '127.0.0.1:6000' });
    expect((await slipway('account', 'set', 'region=')).code).toBe(0);
    expect((await shown()).region).toBe('us-east-1');
  });

  it('set reports every bad value at once and changes nothing (exit 2)', async () => {
    const run = await slipway('account', 'set', 'accountId=12345', 'regoin=eu-west-1', 'buildsKept=0', 'region=eu-west-1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('  accountId: must be 12 digits (a 12-digit account id), got \'12345\'');
    expect(run.stderr).toContain('  regoin: is not a setting; settable: accountId, region, registryEndpoint, buildsKept');
    expect(run.stderr).toContain('  buildsKept: must be a whole number from 1 to 100000');
    expect((await shown()).region).toBe('us-east-1');
  });

  it('refuses to move the account id or region under existing stacks, naming them', async () => {
    writeFileSync(join(dir, 'topic.yaml'), 'Resources:\n  T: { Type: AWS::SNS::Topic }\n');
    expect((await slipway('stack', 'create', '--template', 'topic.yaml')).code).toBe(0);
    const run = await slipway('account', 'set', 'region=eu-west-1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: region cannot change while the account has stacks (topic)');
    expect((await slipway('account', 'set', 'buildsKept=3')).code).toBe(0);
  });

  it('makes the home 0700 and its database 0600, whatever the umask', () => {
    const cli = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));
    const run = spawnSync('sh', ['-c', `umask 000 && node "${cli}" account --home "${join(dir, 'home')}"`], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(join(dir, 'home')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'home', 'slipway.db')).mode & 0o777).toBe(0o600);
  });

  it('keeps the default home (.slipway/ in the repository) out of Git: git status shows nothing after a command', () => {
    const repo = makeGitRepo({ 'README.md': 'hi\n' });
    const cli = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));
    const run = spawnSync('node', [cli, 'account'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, SLIPWAY_HOME: '' } });
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(join(repo.dir, '.slipway', 'slipway.db')).isFile()).toBe(true);
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('keeps the database\'s write-ahead log as private as the database while it is open', () => {
    const umask = process.umask(0);
    const account = new LocalAccount({ home: join(dir, 'other') });
    try {
      for (const file of ['slipway.db', 'slipway.db-wal', 'slipway.db-shm']) expect(statSync(join(dir, 'other', file)).mode & 0o777, file).toBe(0o600);
    } finally {
      account.close();
      process.umask(umask);
    }
  });
});
