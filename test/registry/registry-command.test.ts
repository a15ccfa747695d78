// `slipway registry` as the CLI runs it: startup output, repositories from flags, clean stop.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { send } from './http-client.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'slipway-registry-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Runs the command in this process until `stopWhen` sees the output, then presses Ctrl-C. */
async function runUntil(args: string[], stopWhen: (stdout: string) => boolean, whileRunning: (stdout: string) => Promise<void> = async () => {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const controller = new AbortController();
  const exit = runCli(args, { stdout, stderr, env: {}, cwd: home, signal: controller.signal });
  await expect.poll(() => stopWhen(out), { timeout: 60_000 }).toBe(true);
  await whileRunning(out);
  controller.abort();
  return { code: await exit, stdout: out, stderr: err };
}

describe('slipway registry', () => {
  it('prints the endpoint and a login command reading <data>/password, never the password, and stops on Ctrl-C', async () => {
    const passwordFile = join(home, '.slipway', 'registry', 'password');
    const result = await runUntil(['registry', '--port', '0', '--repository', 'app', '--repository', 'team/api'], (out) => out.includes('login:'), async (out) => {
      const endpoint = /endpoint: (\S+)/.exec(out)![1]!;
      const password = readFileSync(passwordFile, 'utf8');
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(out).not.toContain(password);
      expect(readFileSync(join(home, '.slipway', 'registry', 'endpoint'), 'utf8')).toBe(`${/endpoint: http:\/\/(\S+)/.exec(out)![1]!}\n`);
      const authorization = `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`;
      expect((await send(endpoint, 'GET', '/v2/_catalog', { headers: { Authorization: authorization } })).json()).toEqual({ repositories: ['app', 'team/api'] });
      expect((await send(endpoint, 'GET', '/v2/')).status).toBe(401);
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^endpoint: http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe(`password: in ${passwordFile} (expires ${/expires (\S+)\)/.exec(result.stdout)![1]!})`);
    expect(lines[2]).toMatch(new RegExp(`^login: {4}docker login 127\\.0\\.0\\.1:\\d+ --username AWS --password-stdin < ${passwordFile.replace(/[.]/g, '\\.')}$`));
    expect(lines.slice(3)).toEqual(['']);
    expect(result.stderr).toContain(`registry data in ${join(home, '.slipway', 'registry')}`);
    expect(result.stderr).toContain('registry stopped');
  });

  it('prints one JSON document with --json, and keeps repositories across restarts', async () => {
    const data = join(home, 'data');
    const first = await runUntil(['registry', '--port', '0', '--data', data, '--repository', 'app', '--json'], (out) => out.includes('\n'));
    const startup = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(startup).toEqual({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), registry: startup.registry, dataDir: data, auth: true, username: 'AWS',
      passwordFile: join(data, 'password'), expiresAt: expect.any(String), loginCommand: `docker login ${startup.registry as string} --username AWS --password-stdin < ${join(data, 'password')}`,
    });
    expect(first.stdout).not.toContain(readFileSync(join(data, 'password'), 'utf8'));
    const again = await runUntil(['registry', '--port', '0', '--data', data, '--repository', 'app', '--json', '--no-auth'], (out) => out.includes('\n'), async (out) => {
      const startup = JSON.parse(out) as { endpoint: string };
      expect((await send(startup.endpoint, 'GET', '/v2/_catalog')).json()).toEqual({ repositories: ['app'] });
    });
    expect(JSON.parse(again.stdout)).toEqual({ endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), registry: expect.stringMatching(/^127\.0\.0\.1:\d+$/), dataDir: data, auth: false });
  });

  it('help states the port default once', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await runCli(['registry', '--help'], { stdout, stderr: new PassThrough(), env: {}, cwd: home, signal: new AbortController().signal });
    expect(out.split('\n').find((line) => line.includes('--port'))).toMatch(/^ +--port <n> +port to listen on; 0 picks a free one \(default: "5000"\)$/);
  });

  it('refuses a bad port or repository name with exit code 2', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const ctx = { stdout: new PassThrough(), stderr, env: {}, cwd: home, signal: new AbortController().signal };
    expect(await runCli(['registry', '--port', 'http'], ctx)).toBe(2);
    expect(err).toContain("--port must be an integer from 0 to 65535, got 'http'");
    expect(await runCli(['registry', '--port', '0', '--repository', 'Bad/Name'], ctx)).toBe(2);
    expect(err).toContain("repository name 'Bad/Name' must be");
  });

  it('says the port is in use (exit code 3) instead of crashing', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    try {
      const ctx = { stdout: new PassThrough(), stderr, env: {}, cwd: home, signal: new AbortController().signal };
      expect(await runCli(['registry', '--port', String(port)], ctx)).toBe(3);
      expect(err).toContain(`cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(err).toContain('hint: pick another port with --port');
    } finally {
      blocker.close();
    }
  });
});
