// Issue 17, point 2: a build whose `docker push` fails with ECR's NAME_UNKNOWN says, in its log,
// how to create the repository locally. Pushes go to slipway's own registry on 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { startRegistry, type RegistryFixture } from '../registry/registry-fixture.js';
import { missingRepositoryHint } from '../../src/local/codebuild/push-hint.js';
import { cleanUp, runCase } from './build-harness.js';

let fx: RegistryFixture;
let dockerConfig: string;
const tagged: string[] = [];

beforeAll(async () => {
  fx = await startRegistry();
  dockerConfig = mkdtempSync(join(tmpdir(), 'slipway-docker-config-'));
  // The build inherits DOCKER_CONFIG from slipway's environment (a host build).
  process.env.DOCKER_CONFIG = dockerConfig;
  // Asynchronous: the registry answers from this same process.
  await new Promise<void>((resolve, reject) => {
    const login = spawn('docker', ['login', '-u', 'AWS', '--password-stdin', fx.host], { env: process.env, stdio: ['pipe', 'ignore', 'ignore'] });
    login.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker login exited ${code}`))));
    login.stdin.end(fx.password);
  });
});

afterAll(async () => {
  for (const image of tagged) execFileSync('docker', ['rmi', image], { stdio: 'ignore' });
  await fx.stop();
  rmSync(dockerConfig, { recursive: true, force: true });
  cleanUp();
});

function tag(name: string): string {
  const image = `${fx.host}/${name}:1`;
  execFileSync('docker', ['tag', ensureBusyboxImage(), image]);
  tagged.push(image);
  return image;
}

describe('a docker push to a repository that does not exist', () => {
  it('fails the command, and the log says how to create the repository locally', async () => {
    const image = tag('no-such-repo');
    const r = await runCase('host', `version: 0.2\nphases:\n  post_build:\n    commands:\n      - docker push ${image}\n`);
    expect(r.build.buildStatus).toBe('FAILED');
    expect(r.log).toMatch(/name unknown/i);
    expect(r.log).toContain(
      'Warning: docker push failed with NAME_UNKNOWN: the repository no-such-repo does not exist in the registry. Create it locally with `slipway registry --repository no-such-repo`, or with a stack that declares an AWS::ECR::Repository named no-such-repo',
    );
  });

  it('the same push succeeds once the repository exists, with no hint', async () => {
    fx.registry.createRepository({ repositoryName: 'made-first' });
    const image = tag('made-first');
    const r = await runCase('host', `version: 0.2\nphases:\n  post_build:\n    commands:\n      - docker push ${image}\n`);
    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.log).not.toContain('NAME_UNKNOWN');
  });
});

describe('missingRepositoryHint', () => {
  it('says nothing for other failures, or for NAME_UNKNOWN outside a push', () => {
    expect(missingRepositoryHint('docker push x', 'denied: requested access to the resource is denied')).toBeUndefined();
    expect(missingRepositoryHint('docker pull x', 'name unknown: The repository with name \'x\' does not exist')).toBeUndefined();
    expect(missingRepositoryHint('./release.sh', "The push refers to repository [r/x]\nname unknown: The repository with name 'x' does not exist in the registry with id '1'")).toContain('slipway registry --repository x');
  });
});
