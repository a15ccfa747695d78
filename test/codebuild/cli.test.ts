// `slipway build` as a user runs it: exit codes, the CodeBuild-style log on stderr, NDJSON
// events and the Build object with --json, and Ctrl-C ending a build as STOPPED.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { runSlipway } from '../support/run-cli.js';
import { cleanUp, tempDir, writeFiles } from './build-harness.js';

afterAll(cleanUp);

function project(buildspec: string, files: Record<string, string> = {}): string {
  const dir = tempDir('slipway-cb-cli-');
  writeFiles(dir, { 'buildspec.yml': buildspec, ...files });
  return dir;
}

const env = () => ({ ...process.env, SLIPWAY_HOME: undefined });

describe('slipway build', () => {
  it('exits 0 for a successful build, logs in CodeBuild style on stderr and prints the result on stdout', async () => {
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - echo "hello $GREETING"\n');
    const run = await runSlipway(['build', '--host', '--env', 'GREETING=world'], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} Running command echo "hello \$GREETING"\nhello world\n/);
    expect(run.stderr).toContain('Running on the host because --host was given');
    expect(run.stderr).toContain('Phase complete: BUILD State: SUCCEEDED');
    expect(run.stdout).toMatch(/^buildStatus: SUCCEEDED\nid: local-build:/);
  });

  it('exits 1 when the build fails', async () => {
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - exit 9\n');
    const run = await runSlipway(['build', '--host'], { cwd: dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: exit 9. Reason: exit status 9');
  });

  it('exits 2 for an invalid buildspec, before anything runs, with file:line:column and key path', async () => {
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - touch ran\n      - echo Result: done\n');
    const run = await runSlipway(['build', '--host'], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('buildspec.yml:6:9 phases.build.commands[1]: expected a string but found a mapping');
    expect(run.stderr).not.toContain('Running command');
  });

  it('with --json prints NDJSON event envelopes (time, source, type, payload), then the Build object', async () => {
    const dir = project(
      'version: 0.2\nenv:\n  parameter-store:\n    TOKEN: /ci/token\n  exported-variables: [TAG]\nphases:\n  build:\n    commands:\n      - echo "token=$TOKEN"\n      - TAG=v$CODEBUILD_BUILD_NUMBER\nartifacts:\n  files: [out.txt]\n',
      { 'out.txt': 'x', 'params.yml': 'parameters:\n  /ci/token: tok-123456\n' },
    );
    const run = await runSlipway(['build', '--host', '--json', '--parameters', 'params.yml', '--ad-hoc', '--project-name', 'web', '--artifacts', 'dist'], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), source: 'codebuild', type: 'build.started', payload: { type: 'build.started', projectName: 'web', buildNumber: 1 } });
    for (const event of lines.slice(0, -1)) expect(Object.keys(event)).toEqual(['time', 'source', 'type', 'payload']);
    expect(lines).toContainEqual(expect.objectContaining({ type: 'command.output', payload: expect.objectContaining({ text: 'token=***' }) }));
    expect(run.stdout).not.toContain('tok-123456');
    const build = lines[lines.length - 1]!;
    expect(build).toMatchObject({
      buildStatus: 'SUCCEEDED',
      currentPhase: 'COMPLETED',
      buildNumber: 1,
      projectName: 'web',
      exportedEnvironmentVariables: [{ name: 'TAG', value: 'v1' }],
      artifacts: { location: join(dir, 'dist', 'web.zip') },
    });
    expect(build.id).toMatch(/^web:/);
    const zip = readFileSync(join(dir, 'dist', 'web.zip'));
    expect(build.artifacts).toMatchObject({ sha256sum: createHash('sha256').update(zip).digest('hex'), md5sum: createHash('md5').update(zip).digest('hex') });
    expect(build.arn).toBe(`arn:aws:codebuild:us-east-1:000000000000:build/${build.id as string}`);
    expect((build.phases as { phaseType: string; durationInSeconds?: number; contexts?: unknown[] }[]).find((p) => p.phaseType === 'BUILD')).toMatchObject({
      phaseStatus: 'SUCCEEDED',
      durationInSeconds: expect.any(Number),
      contexts: [{ statusCode: '', message: '' }],
    });
  });

  it('exits 3 when a container build needs Docker and no engine answers', async () => {
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n');
    const run = await runSlipway(['build', '--image', 'slipway-test/busybox:latest'], { cwd: dir, env: { ...env(), DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no Docker engine answers');
    expect(run.stderr).toContain('--host');
  });

  it('maps the project image to a local image, or falls back to the host and says why', async () => {
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n');
    const fallback = await runSlipway(['build'], { cwd: dir, env: env() });
    expect(fallback.stderr).toContain('Running on the host because the project image aws/codebuild/standard:7.0 is not available offline');
    const image = ensureBusyboxImage();
    const mapped = await runSlipway(['build', '--image-map', `aws/codebuild/standard:7.0=${image}`, '--network', 'none'], { cwd: dir, env: env() });
    expect(mapped.code).toBe(0);
    expect(mapped.stderr).toContain(`Starting a build container from ${image} because the project image aws/codebuild/standard:7.0 is mapped to ${image}`);
    expect(mapped.stderr).toMatch(/Running on container slipway-build-\S+ \(image slipway-test\/busybox:latest, network none\)/);
  });
});

/** Starts the real CLI process and sends Ctrl-C once the long command runs. */
function interruptDuring(args: string[], cwd: string, marker: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '../../bin/slipway.js'), ...args], { cwd, env: env() });
    let stdout = '';
    let sent = false;
    // With --json the events, including `command.started`, are on stdout.
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.includes(marker)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('slipway build, inputs around the buildspec', () => {
  const spec = 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "resolved=[$CODEBUILD_RESOLVED_SOURCE_VERSION]"\n';

  it.each([
    ['not JSON', '{"aws/codebuild/standard:7.0": ', 'is not valid JSON'],
    ['not an object', '["my/image:1"]', 'got an array'],
    ['a value that is not an image name', '{"aws/codebuild/standard:7.0": 7}', 'the value of "aws/codebuild/standard:7.0" is 7'],
  ])('exits 2 naming <home>/codebuild/images.json when it is %s', async (_what, content, detail) => {
    const dir = project(spec);
    writeFiles(dir, { '.slipway/codebuild/images.json': content });
    const run = await runSlipway(['build'], { cwd: dir, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(join(dir, '.slipway', 'codebuild', 'images.json'));
    expect(run.stderr).toContain('expected a JSON object mapping CodeBuild images to local images');
    expect(run.stderr).toContain(detail);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('--resolved-source-version sets CODEBUILD_RESOLVED_SOURCE_VERSION for a folder that is not a Git work tree', async () => {
    const dir = project(spec);
    const commit = 'a'.repeat(40);
    const run = await runSlipway(['build', '--host', '--resolved-source-version', commit], { cwd: dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`resolved=[${commit}]`);
    expect(run.stdout).toContain(`resolvedSourceVersion: ${commit}`);
  });

  it('--resolved-source-version must be a full commit id (exit 2)', async () => {
    const run = await runSlipway(['build', '--host', '--resolved-source-version', 'main'], { cwd: project(spec), env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expects a full 40-character commit id, got "main"');
  });
});

describe('Ctrl-C', () => {
  it.each([
    ['the host', ['--host']],
    ['a container', ['--image', 'slipway-test/busybox:latest']],
  ])('stops a build on %s: exit 130, STOPPED, its processes and container gone', async (_where, flags) => {
    ensureBusyboxImage();
    const dir = project('version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 31.25\n');
    writeFileSync(join(dir, '.keep'), '');
    const { code, stdout } = await interruptDuring(['build', ...flags, '--json'], dir, '"command":"sleep 31.25"');
    expect(code).toBe(130);
    const build = JSON.parse(stdout.trim().split('\n').pop()!) as { buildStatus: string; id: string };
    expect(build.buildStatus).toBe('STOPPED');
    expect(execFileSync('sh', ['-c', 'pgrep -f "slee[p] 31.25" || true'], { encoding: 'utf8' }).trim()).toBe('');
    expect(execFileSync('docker', ['ps', '-aq', '--filter', `label=slipway.codebuild.build-id=${build.id}`], { encoding: 'utf8' }).trim()).toBe('');
  });
});
