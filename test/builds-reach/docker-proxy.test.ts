// slipway's Docker proxy between the real docker CLI and the real engine, with the local registry
// listening: the local account's ECR names work for login, build -t, tag, push, pull and run, the
// engine's answers show them again, other names pass untouched, and the connections docker
// upgrades (run -i, exec -i) carry stdin and output byte for byte, a closed stdin included.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EcrNames, ecrHostOf, engineAliasOf, startDockerProxy, type DockerProxy } from '../../src/local/docker-proxy/index.js';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { startRegistry, type RegistryFixture } from '../registry/registry-fixture.js';

const ACCOUNT = '000000000000';
const ECR = ecrHostOf(ACCOUNT, 'us-east-1');
let fx: RegistryFixture;
let proxy: DockerProxy;
let dir: string;
let alias: string;
const made: string[] = [];

/** Runs the docker CLI through the proxy (or straight to the engine) with a private config folder. */
function docker(args: string[], options: { input?: Buffer | string; straight?: boolean } = {}): Promise<{ status: number; output: string; stdout: Buffer }> {
  const env = { ...process.env, DOCKER_CONFIG: join(dir, 'docker-config'), ...(options.straight ? {} : { DOCKER_HOST: `unix://${proxy.socketPath}` }) };
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env });
    const out: Buffer[] = [];
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, output, stdout: Buffer.concat(out) }));
    child.stdin.end(options.input);
  });
}

beforeAll(async () => {
  ensureBusyboxImage();
  dir = mkdtempSync(join(tmpdir(), 'slipway-proxy-'));
  fx = await startRegistry({ accountId: ACCOUNT, region: 'us-east-1' });
  fx.registry.createRepository({ repositoryName: 'proxy-app' });
  alias = engineAliasOf(fx.host);
  proxy = await startDockerProxy({ socketPath: join(dir, 'docker.sock'), engine: { socketPath: '/var/run/docker.sock' }, names: new EcrNames(ECR, alias) });
});

afterAll(async () => {
  for (const image of made) execFileSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
  await proxy?.close();
  await fx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the local account's ECR names through the proxy", () => {
  it('logs in, tags, pushes, lists, pulls and runs with the ECR name; the engine itself holds the alias', async () => {
    made.push(`${alias}/proxy-app:v1`);
    const login = await docker(['login', '-u', 'AWS', '--password-stdin', ECR], { input: fx.password });
    expect(login.output).toContain('Login Succeeded');
    expect((await docker(['tag', ensureBusyboxImage(), `${ECR}/proxy-app:v1`])).status).toBe(0);

    const push = await docker(['push', `${ECR}/proxy-app:v1`]);
    expect(push.status, push.output).toBe(0);
    expect(push.output).toContain(`The push refers to repository [${ECR}/proxy-app]`);
    expect(push.output).not.toContain(alias);
    expect(fx.registry.describeImages({ repositoryName: 'proxy-app' }).imageDetails.flatMap((image) => image.imageTags ?? [])).toEqual(['v1']);

    const listed = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `${ECR}/proxy-app`]);
    expect(listed.output.trim()).toBe(`${ECR}/proxy-app:v1`);
    const engineSees = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `${alias}/proxy-app`], { straight: true });
    expect(engineSees.output.trim()).toBe(`${alias}/proxy-app:v1`);

    expect((await docker(['rmi', `${ECR}/proxy-app:v1`])).status).toBe(0);
    const pull = await docker(['pull', `${ECR}/proxy-app:v1`]);
    expect(pull.status, pull.output).toBe(0);
    expect(pull.output).toContain(`Downloaded newer image for ${ECR}/proxy-app:v1`);
    // The image is busybox's own, so it carries that name too.
    const inspect = await docker(['inspect', '--format', '{{json .RepoTags}}', `${ECR}/proxy-app:v1`]);
    expect(JSON.parse(inspect.output)).toEqual(expect.arrayContaining([`${ECR}/proxy-app:v1`]));
    expect(inspect.output).not.toContain(alias);
    const run = await docker(['run', '--rm', '--network', 'none', `${ECR}/proxy-app:v1`, 'echo', 'ran from the ECR name']);
    expect(run.output.trim()).toBe('ran from the ECR name');
  });

  it('builds with -t the ECR name and says so in the build output', async () => {
    made.push(`${alias}/proxy-app:built`);
    const context = join(dir, 'context');
    execFileSync('mkdir', ['-p', context]);
    writeFileSync(join(context, 'Dockerfile'), `FROM ${ensureBusyboxImage()}\nRUN echo built > /built\n`);
    const build = await docker(['build', '-t', `${ECR}/proxy-app:built`, context]);
    expect(build.status, build.output).toBe(0);
    expect(build.output).toContain(`Successfully tagged ${ECR}/proxy-app:built`);
    const engineSees = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `${alias}/proxy-app:built`], { straight: true });
    expect(engineSees.output.trim()).toBe(`${alias}/proxy-app:built`);
  });

  it('leaves other names alone, another account\'s ECR host included', async () => {
    const other = '111111111111.dkr.ecr.us-east-1.amazonaws.com/elsewhere:v1';
    made.push(other, 'registry.example:5000/lib/app:v1');
    expect((await docker(['tag', ensureBusyboxImage(), other])).status).toBe(0);
    expect((await docker(['tag', ensureBusyboxImage(), 'registry.example:5000/lib/app:v1'])).status).toBe(0);
    const engineSees = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'], { straight: true });
    expect(engineSees.output.split('\n')).toEqual(expect.arrayContaining([other, 'registry.example:5000/lib/app:v1']));
  });

  it('refuses a push with no login, as ECR does', async () => {
    const config = join(dir, 'empty-config');
    execFileSync('mkdir', ['-p', config]);
    made.push(`${alias}/proxy-app:anonymous`);
    await docker(['tag', ensureBusyboxImage(), `${ECR}/proxy-app:anonymous`]);
    const push = await new Promise<string>((resolve) => {
      const child = spawn('docker', ['push', `${ECR}/proxy-app:anonymous`], { env: { ...process.env, DOCKER_CONFIG: config, DOCKER_HOST: `unix://${proxy.socketPath}` } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', () => resolve(output));
    });
    expect(push).toMatch(/no basic auth credentials|unauthorized/);
  });
});

describe('upgraded connections', () => {
  const input = Buffer.alloc(3 * 1024 * 1024, 'slipway proxy stdin\n');

  it('docker run -i carries 3 MiB of stdin and its echo byte for byte, and the end of stdin', async () => {
    const run = await docker(['run', '-i', '--rm', '--network', 'none', ensureBusyboxImage(), 'sh', '-c', 'cat; echo stdin ended'], { input });
    expect(run.status, run.output.slice(-500)).toBe(0);
    expect(run.stdout.subarray(0, input.length).equals(input)).toBe(true);
    expect(run.stdout.subarray(input.length).toString()).toBe('stdin ended\n');
  });

  it('docker exec -i in a running container does the same', async () => {
    const name = `slipway-proxy-exec-${process.pid}`;
    const started = await docker(['run', '-d', '--name', name, '--network', 'none', ensureBusyboxImage(), 'sleep', '60']);
    expect(started.status, started.output).toBe(0);
    try {
      const exec = await docker(['exec', '-i', name, 'sh', '-c', 'wc -c; echo done'], { input });
      expect(exec.output.trim().split(/\s+/)).toEqual([String(input.length), 'done']);
    } finally {
      execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    }
  });
});
