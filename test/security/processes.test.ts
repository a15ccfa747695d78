// Issue 16, class 6: processes left behind. SIGHUP and SIGTERM stop a build as Ctrl-C does; a
// stopped host build leaves no shell or child (not even one that left the process group), a
// stopped container build leaves no container; and what a SIGKILLed slipway left behind is
// removed by removeLeftBuilds, which says what it removed. The children sleep for 300 s: a slipway
// that left them would wait for their output to close, past the test's time limit.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { cleanUp, tempDir, writeFiles } from '../codebuild/build-harness.js';
import { removeLeftBuilds } from '../../src/local/codebuild/index.js';

afterAll(cleanUp);

const cli = join(import.meta.dirname, '../../bin/slipway.js');

/** Process ids whose command line holds `text` (the test's own pgrep is left out by the [x] trick). */
function processesWith(text: string): string {
  const pattern = `[${text[0]}]${text.slice(1)}`;
  return execFileSync('sh', ['-c', `pgrep -f '${pattern}' || true`], { encoding: 'utf8' }).trim();
}

function containersOf(buildId: string): string {
  return execFileSync('docker', ['ps', '-aq', '--filter', `label=slipway.codebuild.build-id=${buildId}`], { encoding: 'utf8' }).trim();
}

/** Starts `slipway build --json` and resolves once the marker command runs, with the build id. */
function startBuild(flags: string[], buildspec: string, marker: string): Promise<{
  child: ChildProcess; buildId: string; exited: Promise<{ code: number | null; stdout: string }>
}> {
  const dir = tempDir('slipway-sec-proc-');
  writeFiles(dir, { 'buildspec.yml': buildspec });
  const child = spawn(process.execPath, [cli, 'build', ...flags, '--json'], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });
  let stdout = '';
  const exited = new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const before = stdout.includes(marker);
      stdout += chunk.toString();
      if (!before && stdout.includes(marker)) {
        const buildId = (JSON.parse(stdout.split('\n')[0]!) as { payload: { buildId: string } }).payload.buildId;
        // Give the command a moment to start its children.
        setTimeout(() => resolve({ child, buildId, exited }), 700);
      }
    });
  });
}

const hostSpec = (tag: string) =>
  `version: 0.2\nphases:\n  build:\n    commands:\n      - "sleep ${tag}1 & nohup sleep ${tag}2 >/dev/null 2>&1 & setsid sleep ${tag}3 & echo started; sleep ${tag}4"\n`;

describe.each([['SIGHUP'], ['SIGTERM']] as const)('%s', (signal) => {
  it('stops a host build: exit 130, STOPPED, no shell or child left (nohup, setsid)', async () => {
    const tag = signal === 'SIGHUP' ? '301.1' : '302.1';
    const { child, exited } = await startBuild(['--host'], hostSpec(tag), '"text":"started"');
    child.kill(signal);
    const { code, stdout } = await exited;
    expect(code).toBe(130);
    expect((JSON.parse(stdout.trim().split('\n').pop()!) as { buildStatus: string }).buildStatus).toBe('STOPPED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesWith(`sleep ${tag}`)).toBe('');
  });

  it('stops a container build: exit 130, STOPPED, no container left', async () => {
    const image = ensureBusyboxImage();
    const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo started; sleep 43.5\n';
    const { child, buildId, exited } = await startBuild(['--image', image, '--network', 'none'], spec, '"text":"started"');
    child.kill(signal);
    const { code } = await exited;
    expect(code).toBe(130);
    expect(containersOf(buildId)).toBe('');
  });
});

describe('removeLeftBuilds, after slipway was killed with SIGKILL', () => {
  it('labels the build container with its build id and owner, then removes it and the host processes, saying what it removed', async () => {
    const image = ensureBusyboxImage();
    const inContainer = await startBuild(['--image', image, '--network', 'none'], 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo started; sleep 44.5\n', '"text":"started"');
    const onHost = await startBuild(['--host'], hostSpec('305.1'), '"text":"started"');
    const labels = JSON.parse(execFileSync('docker', ['inspect', '--format', '{{json .Config.Labels}}', containersOf(inContainer.buildId)], { encoding: 'utf8' })) as Record<string, string>;
    expect(labels['slipway.codebuild.build-id']).toBe(inContainer.buildId);
    expect(labels['slipway.codebuild.owner-pid']).toBe(String(inContainer.child.pid));
    for (const run of [inContainer, onHost]) {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    expect(containersOf(inContainer.buildId)).not.toBe('');
    expect(processesWith('sleep 305.1')).not.toBe('');

    const removed = await removeLeftBuilds([inContainer.buildId, onHost.buildId]);

    expect(containersOf(inContainer.buildId)).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesWith('sleep 305.1')).toBe('');
    expect(removed.containers).toEqual([expect.stringContaining('slipway-build-')]);
    expect(removed.processes.length).toBeGreaterThanOrEqual(4);
    expect(removed.processes.every((p) => p.buildId === onHost.buildId)).toBe(true);
    expect(await removeLeftBuilds([inContainer.buildId, onHost.buildId])).toEqual({ containers: [], processes: [] });
  });
});
