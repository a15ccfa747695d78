// DockerRuntime runs every docker command with the environment it was given (DOCKER_HOST,
// DOCKER_CONFIG, PATH), not with slipway's own: proven with a `docker` wrapper on that PATH only.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { DockerRuntime } from '../../src/local/codebuild/index.js';
import { cleanUp, tempDir } from './build-harness.js';

afterAll(cleanUp);

/** A folder holding a `docker` that logs its subcommand, then runs the real one. */
function loggingDocker(): { binDir: string; log: string } {
  const dir = tempDir('slipway-cb-docker-');
  const binDir = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'docker'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(binDir, 'docker'), 0o755);
  writeFileSync(log, '');
  return { binDir, log };
}

describe('DockerRuntime', () => {
  it('passes its configured environment to every docker call: run, exec, cp and rm', async () => {
    const image = ensureBusyboxImage();
    const { binDir, log } = loggingDocker();
    const runtime = new DockerRuntime({ ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` });
    const source = tempDir('slipway-cb-src-');
    writeFileSync(join(source, 'in.txt'), 'copied in');
    const name = `slipway-test-env-${process.pid}-${Date.now()}`;
    const machine = await runtime.start({ image, name, mounts: [], network: 'none', privileged: false, labels: {} });
    try {
      const shell = await machine.startShell({ shell: 'sh', cwd: '/' });
      shell.stdin.end('exit 0\n');
      expect(await shell.exited).toBe(0);
      expect(await machine.copyIn(source, '/work')).toBe(true);
      const out = tempDir('slipway-cb-out-');
      expect(await machine.copyOut('/work/in.txt', join(out, 'in.txt'))).toBe(true);
      expect(readFileSync(join(out, 'in.txt'), 'utf8')).toBe('copied in');
    } finally {
      await machine.dispose();
    }
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(new Set(calls)).toEqual(new Set(['run', 'exec', 'cp', 'rm']));
    expect(calls.filter((c) => c === 'cp')).toHaveLength(2);
    expect(execFileSync('docker', ['ps', '-aq', '--filter', `name=${name}`], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('mounts no docker CLI into a privileged container when none on PATH is statically linked, and says why', async () => {
    const image = ensureBusyboxImage();
    // The only `docker` on this PATH is a script: the runtime's own calls work through it, but
    // it cannot run inside busybox (nor could a dynamically linked binary, without its loader).
    const { binDir } = loggingDocker();
    const runtime = new DockerRuntime({ ...process.env, PATH: binDir });
    const name = `slipway-test-nocli-${process.pid}-${Date.now()}`;
    const machine = await runtime.start({ image, name, mounts: [], network: 'none', privileged: true, labels: {} });
    try {
      expect(machine.extraPath).toEqual([]);
      expect(machine.notes).toContain(
        `the image has no docker CLI and none is mounted: no docker CLI on PATH is statically linked (${join(binDir, 'docker')} is no ELF executable), so none can start inside the build container; the image must bring its own docker CLI (AWS's standard images do)`,
      );
      expect(execFileSync('docker', ['exec', name, 'sh', '-c', 'ls /opt/slipway/bin 2>&1 || true'], { encoding: 'utf8' })).toMatch(/No such file/);
    } finally {
      await machine.dispose();
    }
  });
});
