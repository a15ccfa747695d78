// The real docker client against the registry: login, push, pull, run, and ECR's refusals as
// docker prints them. Needs a Docker engine (CI starts one); it fails loudly without it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { startRegistry, type RegistryFixture } from './registry-fixture.js';

let fx: RegistryFixture;
let dockerConfig: string;
const tagged: string[] = [];

/**
 * Runs the docker CLI with a private config folder; returns exit status and all output.
 * Asynchronous on purpose: the registry answers from this same process.
 */
function docker(args: string[], input?: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env: { ...process.env, DOCKER_CONFIG: dockerConfig } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, output }));
    child.stdin.end(input);
  });
}

function tag(name: string): string {
  const image = `${fx.host}/${name}`;
  execFileSync('docker', ['tag', ensureBusyboxImage(), image]);
  tagged.push(image);
  return image;
}

beforeAll(async () => {
  ensureBusyboxImage();
  dockerConfig = mkdtempSync(join(tmpdir(), 'slipway-docker-config-'));
  fx = await startRegistry();
  fx.registry.createRepository({ repositoryName: 'app' });
  fx.registry.createRepository({ repositoryName: 'mirror' });
  fx.registry.createRepository({ repositoryName: 'locked', imageTagMutability: 'IMMUTABLE' });
});

afterAll(async () => {
  if (tagged.length > 0) spawnSync('docker', ['rmi', '--force', ...new Set(tagged)], { stdio: 'ignore' });
  await fx.stop();
  rmSync(dockerConfig, { recursive: true, force: true });
});

describe('docker', () => {
  it('refuses to log in with a wrong password', async () => {
    const login = await docker(['login', '--username', 'AWS', '--password-stdin', fx.host], 'not-the-password');
    expect(login.status).not.toBe(0);
    expect(login.output).toMatch(/unauthorized|401/i);
  });

  it('logs in with user AWS and the GetAuthorizationToken password', async () => {
    const login = await docker(['login', '--username', 'AWS', '--password-stdin', fx.host], fx.password);
    expect(login.output).toContain('Login Succeeded');
  });

  it('pushes, pulls back and runs an image', async () => {
    const image = tag('app:v1');
    const push = await docker(['push', image]);
    expect(push.status, push.output).toBe(0);
    expect(push.output).toMatch(/v1: digest: sha256:[0-9a-f]{64}/);
    expect(fx.registry.describeImages({ repositoryName: 'app' }).imageDetails[0]!.imageTags).toEqual(['v1']);
    await docker(['rmi', image]);
    const pull = await docker(['pull', image]);
    expect(pull.status, pull.output).toBe(0);
    expect((await docker(['run', '--rm', '--network', 'none', image, 'echo', 'pulled and running'])).output).toContain('pulled and running');
  });

  it('mounts layers from another repository instead of uploading them again', async () => {
    const push = await docker(['push', tag('mirror:v1')]);
    expect(push.status, push.output).toBe(0);
    expect(push.output).toContain('Mounted from app');
  });

  it("shows ECR's NAME_UNKNOWN message when the repository does not exist", async () => {
    const push = await docker(['push', tag('ghost:v1')]);
    expect(push.status).not.toBe(0);
    expect(push.output).toContain("name unknown: The repository with name 'ghost' does not exist in the registry with id '000000000000'");
    expect(fx.registry.describeRepositories().repositories.map((r) => r.repositoryName)).not.toContain('ghost');
  });

  it("shows ECR's TAG_INVALID message when an immutable tag is pushed again, even unchanged", async () => {
    const image = tag('locked:v1');
    expect((await docker(['push', image])).status).toBe(0);
    const again = await docker(['push', image]);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain("tag invalid: The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the repository is immutable.");
  });
});
