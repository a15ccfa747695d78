// PrivilegedMode (`--privileged`): the build container reaches the host Docker engine through its
// socket, so `docker` works inside (aws-semantics §1: "PrivilegedMode: true is what lets docker
// build run inside CodeBuild"). An engine that itself runs in an unprivileged container refuses
// `docker run --privileged`; the build then goes on without the flag and says so. Which of the two
// this engine does is asked of the engine itself, and the build must match it.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { cleanUp, runCase } from './build-harness.js';

afterAll(cleanUp);

const REFUSED_NOTE = "Warning: the Docker engine refused --privileged here; the build container has the host engine's socket but no extra privileges";

/** Whether this engine starts privileged containers at all. */
function engineAcceptsPrivileged(image: string): boolean {
  return spawnSync('docker', ['run', '--rm', '--privileged', '--network', 'none', image, 'true'], { stdio: 'ignore' }).status === 0;
}

describe('PrivilegedMode', () => {
  it('runs docker inside the build container against the host engine, privileged when the engine allows it, else with a warning', async () => {
    const image = ensureBusyboxImage();
    const accepts = engineAcceptsPrivileged(image);
    const serverVersion = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    const spec = [
      'version: 0.2',
      'phases:',
      '  build:',
      '    commands:',
      '      - test -S /var/run/docker.sock && echo socket mounted',
      "      - docker version --format 'server {{.Server.Version}}'",
      "      - docker images --format '{{.Repository}}:{{.Tag}}' slipway-test/busybox",
      // The build container, as the engine sees it (its hostname is its id).
      "      - docker inspect --format 'privileged {{.HostConfig.Privileged}}' $(cat /etc/hostname)",
    ].join('\n');

    const r = await runCase('container', spec, { project: { privilegedMode: true } });

    expect(r.build.buildStatus).toBe('SUCCEEDED');
    expect(r.build.environment.privilegedMode).toBe(true);
    expect(r.output).toEqual(['socket mounted', `server ${serverVersion}`, 'slipway-test/busybox:latest', `privileged ${accepts}`]);
    // The busybox image has no docker CLI: the host's is mounted and put on PATH.
    expect(r.log).toContain("The image has no docker CLI: the host's docker CLI is mounted at /opt/slipway/bin/docker and put on PATH");
    if (accepts) expect(r.log).not.toContain(REFUSED_NOTE);
    else expect(r.log).toContain(REFUSED_NOTE);
    // One true thing about privileges: "privileged" only when the engine granted --privileged.
    const running = r.log.split('\n').find((line) => line.includes('Running on container'));
    if (accepts) expect(running).toMatch(/, privileged\)$/);
    else expect(running).toMatch(/, privileged mode with the host engine's socket but without --privileged\)$/);
  });

  it('without PrivilegedMode the build container has no engine socket', async () => {
    const r = await runCase('container', 'version: 0.2\nphases:\n  build:\n    commands:\n      - test -S /var/run/docker.sock && echo socket || echo no socket\n');
    expect(r.output).toEqual(['no socket']);
    expect(r.log).not.toContain('refused --privileged');
  });
});
