// The machine checks against the real machine, and against small fixture programs put first on
// PATH where a case cannot be made here otherwise (a docker CLI with buildx, an engine that
// grants or refuses --privileged): each fixture wraps the real docker and changes one answer.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awsFindings } from '../../src/doctor/machine/aws-credentials.js';
import { dockerBuilderFinding, dockerEngineFinding } from '../../src/doctor/machine/docker-engine.js';
import { freePortFindings } from '../../src/doctor/machine/free-ports.js';
import { gitFinding } from '../../src/doctor/machine/git.js';
import { machineFindings } from '../../src/doctor/machine/index.js';
import { nodeVersionFinding } from '../../src/doctor/machine/node-version.js';
import { privilegedFinding } from '../../src/doctor/machine/privileged-probe.js';
import { staticDockerCliFinding } from '../../src/doctor/machine/static-docker-cli.js';
import { ensureBusyboxImage } from '../support/busybox-image.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const REAL_DOCKER = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-doctor-machine-'));
  made.push(dir);
  return dir;
}

/** A PATH whose first folder holds a `docker` script wrapping the real one; `body` runs before it. */
function dockerWrapper(body: string): NodeJS.ProcessEnv {
  const dir = folder();
  writeFileSync(join(dir, 'docker'), `#!/bin/sh\n${body}\nexec ${REAL_DOCKER} "$@"\n`);
  chmodSync(join(dir, 'docker'), 0o755);
  return { ...process.env, PATH: `${dir}:${process.env.PATH}` };
}

function succeeds(program: string, args: string[]): boolean {
  try {
    execFileSync(program, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('machine checks', () => {
  it('Node.js: an error below 20, ok for this process', () => {
    expect(nodeVersionFinding('18.19.1')).toMatchObject({ severity: 'error', message: 'Node.js 18.19.1 is too old: slipway needs 20 or newer' });
    expect(nodeVersionFinding(process.versions.node)).toEqual({ check: 'machine.node', severity: 'info', message: `Node.js ${process.versions.node}` });
  });

  it('git: an error when PATH has none, its version when it has', async () => {
    expect(await gitFinding({ PATH: folder() })).toMatchObject({ severity: 'error', message: expect.stringContaining('git is not on PATH') });
    expect(await gitFinding(process.env)).toMatchObject({ severity: 'info', message: expect.stringMatching(/^git version \d/) });
  });

  it('the Docker engine: an error without a docker CLI or when nothing answers, its version when it answers', async () => {
    expect((await dockerEngineFinding({ PATH: folder() })).finding).toMatchObject({ severity: 'error', message: expect.stringContaining('there is no docker CLI on PATH') });
    const silent = await dockerEngineFinding({ ...process.env, DOCKER_HOST: `unix://${join(folder(), 'nothing.sock')}` });
    expect(silent).toMatchObject({ answers: false, finding: { severity: 'error', message: expect.stringContaining('no Docker engine answers at DOCKER_HOST') } });
    const engine = await dockerEngineFinding(process.env);
    expect(engine).toMatchObject({ answers: true, finding: { severity: 'info', message: expect.stringMatching(/^Docker engine \S+ answers$/) } });
  });

  it('the builder: BuildKit when buildx answers, a warning for the legacy builder, an error when DOCKER_BUILDKIT=1 asks for what is missing', async () => {
    const withBuildx = dockerWrapper('[ "$1" = buildx ] && [ "$2" = version ] && { echo "github.com/docker/buildx v0.17.1 fixture"; exit 0; }');
    expect(await dockerBuilderFinding(withBuildx)).toMatchObject({ severity: 'info', message: 'docker build uses BuildKit (github.com/docker/buildx v0.17.1 fixture)' });
    const withoutBuildx = dockerWrapper('[ "$1" = buildx ] && { echo "docker: unknown command: docker buildx" >&2; exit 1; }');
    expect(await dockerBuilderFinding(withoutBuildx)).toMatchObject({ severity: 'warning', message: expect.stringContaining('falls back to the legacy builder') });
    expect(await dockerBuilderFinding({ ...withoutBuildx, DOCKER_BUILDKIT: '1' })).toMatchObject({ severity: 'error', message: expect.stringContaining('DOCKER_BUILDKIT=1') });
    // On this machine, as the real docker CLI answers.
    const real = await dockerBuilderFinding(process.env);
    expect(real.severity).toBe(succeeds('docker', ['buildx', 'version']) ? 'info' : 'warning');
  });

  it('--privileged: the probe agrees with a real privileged container, and tells an engine that grants it from one that refuses it', async () => {
    const image = ensureBusyboxImage();
    const granted = succeeds('docker', ['run', '--rm', '--network', 'none', '--privileged', image, 'true']);
    expect((await privilegedFinding(process.env)).severity).toBe(granted ? 'info' : 'warning');
    // An engine that grants it: the wrapper drops the flag, so the probe's container starts.
    const grants = dockerWrapper('for arg; do shift; [ "$arg" = --privileged ] || set -- "$@" "$arg"; done');
    expect(await privilegedFinding(grants)).toMatchObject({ severity: 'info', message: "the Docker engine grants --privileged (CodeBuild's PrivilegedMode)" });
    // An engine that refuses it, as one in an unprivileged container answers.
    const refuses = dockerWrapper(
      'case " $* " in *" --privileged "*) echo "docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown" >&2; exit 125;; esac',
    );
    expect(await privilegedFinding(refuses)).toMatchObject({ severity: 'warning', message: expect.stringContaining('refuses --privileged (unable to apply caps: operation not permitted)') });
    // The probe leaves no image behind.
    expect(execFileSync('docker', ['images', '--quiet', 'slipway-doctor-probe'], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('the static docker CLI: ok for a statically linked one, a warning naming the loader of a dynamic one', async () => {
    const statics = folder();
    symlinkSync('/bin/busybox', join(statics, 'docker'));
    expect(await staticDockerCliFinding({ PATH: statics })).toMatchObject({ severity: 'info', message: `${realpathSync('/bin/busybox')} is statically linked: container builds can use it` });
    const dynamic = folder();
    symlinkSync('/bin/ls', join(dynamic, 'docker'));
    const finding = await staticDockerCliFinding({ PATH: dynamic });
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringMatching(/ls needs \/lib.*ld-linux.*cannot run docker/) });
  });

  it('ports: a warning for one another program holds, ok for a free one', async () => {
    const server = await listening();
    const taken = (server.address() as AddressInfo).port;
    const free = (await listening().then(async (other) => closed(other))) as number;
    const findings = await freePortFindings([
      { port: taken, user: 'slipway up', instead: 'stop it' },
      { port: free, user: 'slipway registry', instead: 'stop it' },
    ]);
    await closed(server);
    expect(findings).toEqual([
      { check: 'machine.port', severity: 'warning', message: `127.0.0.1:${taken}, where slipway up listens by default, is not free (in use)`, fix: 'stop it' },
      { check: 'machine.port', severity: 'info', message: `127.0.0.1:${free} is free for slipway registry` },
    ]);
  });

  it('AWS credentials and region: where they were found, never their values', () => {
    const home = folder();
    const none = awsFindings({ HOME: home });
    expect(none.map((finding) => finding.severity)).toEqual(['warning', 'warning']);
    const keys = awsFindings({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY123456', AWS_SECRET_ACCESS_KEY: 'secret/Value+123', AWS_REGION: 'eu-central-1' });
    expect(keys.map((finding) => finding.message)).toEqual(['AWS credentials found: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', 'AWS region found: AWS_REGION']);
    expect(JSON.stringify(keys)).not.toMatch(/AKIAEXAMPLE|secret\/Value|eu-central-1/);
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'config'), '[default]\nregion = ap-south-1\n\n[profile ci]\nsso_session = corp\nregion = us-west-2\n');
    writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAFILEKEY\naws_secret_access_key = fromfile\n');
    expect(awsFindings({ HOME: home }).map((finding) => finding.message)).toEqual([
      `AWS credentials found: profile default in ${join(home, '.aws', 'credentials')}`,
      `AWS region found: profile default in ${join(home, '.aws', 'config')}`,
    ]);
    expect(awsFindings({ HOME: home, AWS_PROFILE: 'ci' })[0]!.message).toBe(`AWS credentials found: profile ci in ${join(home, '.aws', 'config')} (sso_session)`);
    const cliOnly = awsFindings({ HOME: folder(), AWS_DEFAULT_REGION: 'us-east-1' })[1]!;
    expect(cliOnly).toMatchObject({ severity: 'warning', message: expect.stringContaining('AWS_DEFAULT_REGION is set, but the AWS SDK for JavaScript slipway uses does not read it') });
  });

  it('all together, in a fixed order, on this machine', async () => {
    const findings = await machineFindings({ env: { ...process.env, HOME: folder() }, ports: [] });
    expect(findings.map((finding) => finding.check)).toEqual([
      'machine.node',
      'machine.git',
      'machine.docker-engine',
      'machine.docker-builder',
      'machine.docker-privileged',
      'machine.static-docker-cli',
      'machine.aws-credentials',
      'machine.aws-region',
    ]);
  });
});

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function closed(server: Server): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve) => server.close(() => resolve(port)));
}
