// `slipway up` as a user runs it: one ready line with every field a script needs, one port on
// 127.0.0.1 serving the registry and the AWS API to the AWS CLI v1 and v2 and to docker, the
// record other commands find it by, one up per home, key rotation that counts at once, and a
// clean stop on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIS, cliError, runCli } from '../aws-api/wire/support/aws-cli.js';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { startUp, type RunningUp } from './support/running-up.js';

let dir: string;
let home: string;
let up: RunningUp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-up-'));
  home = join(dir, 'home');
  up = await startUp({ cwd: dir, home });
}, 60_000);

afterAll(async () => {
  await up?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const slipway = (...args: string[]) => runSlipwayProcess([...args, '--home', home], { cwd: dir });

describe('slipway up', () => {
  it('prints one ready line with the endpoint, registry, dashboard, account, region and key, and serves on 127.0.0.1 only', () => {
    const { ready } = up;
    expect(Object.keys(ready).sort()).toEqual(['accessKeyId', 'accountId', 'dashboard', 'endpoint', 'region', 'registry', 'secretAccessKey', 'type']);
    expect(ready).toMatchObject({ type: 'ready', accountId: '000000000000', region: 'us-east-1', endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), accessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/) });
    expect(ready.registry).toBe(ready.endpoint.slice('http://'.length));
    expect(ready.dashboard).toBe(`${ready.endpoint}/`);
    const port = ready.endpoint.split(':')[2]!;
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').filter((line) => line.includes(`:${Number(port).toString(16).toUpperCase().padStart(4, '0')} `) && line.includes(' 0A '));
    expect(listening.map((line) => line.trim().split(/\s+/)[1]!.split(':')[0])).toEqual(['0100007F']);
  });

  it('records itself for the other commands on the home: account env points at it', async () => {
    expect(JSON.parse(readFileSync(join(home, 'up.json'), 'utf8'))).toMatchObject({ endpoint: up.ready.endpoint, registry: up.ready.registry });
    const env = await slipway('account', 'env', '--json');
    expect(JSON.parse(env.stdout)).toEqual({ AWS_ACCESS_KEY_ID: up.ready.accessKeyId, AWS_SECRET_ACCESS_KEY: up.ready.secretAccessKey, AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: up.ready.endpoint });
  });

  it('refuses a second up on the same home, naming the one that runs (exit 3)', async () => {
    const second = await slipway('up', '--port', '0');
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`slipway up already runs on this home (process ${up.process.child.pid}, ${up.ready.endpoint})`);
  });

  for (const cli of AWS_CLIS) {
    it(`answers the ${cli.name}: who am I, a repository made, an unknown one refused with ECR's error`, async () => {
      const key = { accessKeyId: up.ready.accessKeyId, secretAccessKey: up.ready.secretAccessKey };
      const identity = await runCli(cli, up.ready.endpoint, ['sts', 'get-caller-identity'], key);
      expect(JSON.parse(identity.stdout)).toEqual({ UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
      const name = `app-${cli.version.slice(8, 9)}`;
      const created = await runCli(cli, up.ready.endpoint, ['ecr', 'create-repository', '--repository-name', name], key);
      expect(JSON.parse(created.stdout).repository.repositoryUri).toBe(`${up.ready.registry}/${name}`);
      const missing = await runCli(cli, up.ready.endpoint, ['ecr', 'describe-repositories', '--repository-names', 'nope'], key);
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(cliError('RepositoryNotFoundException', 'DescribeRepositories', /The repository with name 'nope' does not exist/));
    });
  }

  it('lets docker log in to its registry with the password ECR hands out', async () => {
    const key = { accessKeyId: up.ready.accessKeyId, secretAccessKey: up.ready.secretAccessKey };
    const password = (await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['ecr', 'get-login-password'], key)).stdout.trim();
    const config = mkdtempSync(join(dir, 'docker-'));
    const login = execFileSync('docker', ['--config', config, 'login', up.ready.registry, '-u', 'AWS', '--password-stdin'], { input: password, encoding: 'utf8' });
    expect(login).toContain('Login Succeeded');
  });

  it('rotating the key refuses the old one at once and accepts the new one', async () => {
    const old = { accessKeyId: up.ready.accessKeyId, secretAccessKey: up.ready.secretAccessKey };
    expect((await slipway('account', 'rotate-key')).code).toBe(0);
    const fresh = JSON.parse((await slipway('account', 'env', '--json')).stdout) as { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
    expect(fresh.AWS_ACCESS_KEY_ID).not.toBe(old.accessKeyId);
    const refused = await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['sts', 'get-caller-identity'], old);
    expect(refused.stderr).toMatch(cliError('InvalidClientTokenId', 'GetCallerIdentity', /./));
    const accepted = await runCli(AWS_CLIS[0]!, up.ready.endpoint, ['sts', 'get-caller-identity'], { accessKeyId: fresh.AWS_ACCESS_KEY_ID, secretAccessKey: fresh.AWS_SECRET_ACCESS_KEY });
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('stops on Ctrl-C with exit 0 and forgets its record', async () => {
    expect(await up.stop()).toBe(0);
    expect(existsSync(join(home, 'up.json'))).toBe(false);
    expect((await slipway('account', 'env', '--json')).stderr).toContain('no slipway up runs on this home now');
  });
});
