import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { elfLinking } from './elf-linking.js';
import { findStaticDockerCli } from './host-docker-cli.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** busybox-static's binary, wherever PATH has it. */
const busybox = execFileSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).trim();

/** A folder with one executable `docker`: a link to `target`, or a script when target is undefined. */
function dockerIn(target: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-docker-cli-'));
  made.push(dir);
  mkdirSync(join(dir, 'bin'));
  if (target) symlinkSync(target, join(dir, 'bin', 'docker'));
  else {
    writeFileSync(join(dir, 'bin', 'docker'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'bin', 'docker'), 0o755);
  }
  return join(dir, 'bin');
}

describe('how an executable is linked, from its ELF header', () => {
  it('node is dynamically linked: it names its loader, a file on this machine', async () => {
    const linking = await elfLinking(process.execPath);
    expect(linking).toEqual({ kind: 'dynamic', interpreter: expect.stringMatching(/^\/.*ld.*\.so/) });
    expect(existsSync((linking as { interpreter: string }).interpreter)).toBe(true);
  });

  it('busybox-static has no loader', async () => {
    expect(await elfLinking(busybox)).toEqual({ kind: 'static' });
  });

  it('a script is no ELF file', async () => {
    expect(await elfLinking(join(dockerIn(undefined), 'docker'))).toEqual({ kind: 'not-elf' });
  });
});

describe('the docker CLI a privileged build container can have mounted', () => {
  it('is the first statically linked `docker` on PATH, past dynamic ones and scripts', async () => {
    const dynamic = dockerIn(process.execPath);
    const script = dockerIn(undefined);
    const staticOne = dockerIn(busybox);
    expect(await findStaticDockerCli([dynamic, script, staticOne].join(':'))).toEqual({ path: busybox });
  });

  it('is none when no docker on PATH is static, saying why for each', async () => {
    const dynamic = dockerIn(process.execPath);
    const script = dockerIn(undefined);
    const found = await findStaticDockerCli(`${dynamic}:${script}:/nonexistent`);
    expect(found).toEqual({
      reason: `no docker CLI on PATH is statically linked (${process.execPath} needs ${(await elfLinking(process.execPath) as { interpreter: string }).interpreter}; ${join(script, 'docker')} is no ELF executable), so none can start inside the build container`,
    });
    expect(await findStaticDockerCli('/nonexistent')).toEqual({ reason: 'there is no docker CLI on PATH' });
  });
});
