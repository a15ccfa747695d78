// `slipway doctor` as a user runs it: exit codes, findings on stdout and the summary on stderr,
// the machine section, and nothing secret printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipway } from '../support/run-cli.js';

const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, SLIPWAY_HOME: undefined, ...extra });

/** A repository slipway init has set up, with its own buildspec. */
async function goodRepository(): Promise<GitRepo> {
  const repo = makeGitRepo({ Dockerfile: 'FROM scratch\n' });
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  expect((await runSlipway(['init'], { cwd: repo.dir, env: env() })).code).toBe(0);
  return repo;
}

describe('slipway doctor', () => {
  it('exits 0 on a good repository, with nothing to fix', async () => {
    const repo = await goodRepository();
    const run = await runSlipway(['doctor', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'repository',
        '  ok       slipway.yml is valid',
        '  ok       Dockerfile found at Dockerfile',
        '  ok       the template has nothing synth or deploy would warn about (V2 pipeline, no polling, no KMS key)',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('doctor: 0 errors, 0 warnings\n');
  });

  it('exits 0 when there are only warnings, 1 when there is an error', async () => {
    const repo = await goodRepository();
    const buildspec = readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8');
    repo.commit({ 'buildspec.yml': buildspec.replace('- aws ecr get-login-password', '- docker login -u AWS -p "$(aws ecr get-login-password)" "${REPOSITORY_URI%%/*}" || aws ecr get-login-password') });
    const warned = await runSlipway(['doctor', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/ {2}warning {2}buildspec\.yml:14:9 {2}`docker login` takes the password on the command line/);
    expect(warned.stdout).toMatch(/\n {11}fix: pipe it in with --password-stdin/);
    expect(warned.stderr).toBe('doctor: 0 errors, 1 warning\n');
    repo.commit({ 'buildspec.yml': buildspec.replace('version: 0.2', 'version: 0.2\nphase: {}') });
    const failed = await runSlipway(['doctor', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("buildspec.yml:2:1  unknown key 'phase'; did you mean 'phases'?");
  });

  it('checks the machine too, with no location, and never prints a credential or the region', async () => {
    const repo = await goodRepository();
    const secrets = { AWS_ACCESS_KEY_ID: 'AKIADOCTORTEST00001', AWS_SECRET_ACCESS_KEY: 'doctor/Secret+Key', AWS_REGION: 'sa-east-1', HOME: repo.dir };
    const run = await runSlipway(['doctor', '--json'], { cwd: repo.dir, env: env(secrets) });
    const report = JSON.parse(run.stdout) as { findings: { check: string; location: string | null; file: string | null }[]; fix: unknown };
    const machine = report.findings.filter((finding) => finding.check.startsWith('machine.'));
    expect(machine.map((finding) => finding.check)).toEqual([
      'machine.node',
      'machine.git',
      'machine.docker-engine',
      'machine.docker-builder',
      'machine.docker-privileged',
      'machine.static-docker-cli',
      'machine.port',
      'machine.port',
      'machine.aws-credentials',
      'machine.aws-region',
    ]);
    expect(machine.every((finding) => finding.location === null && finding.file === null)).toBe(true);
    expect(report.fix).toBeNull();
    for (const secret of Object.values(secrets).slice(0, 3)) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.code).toBe(report.findings.some((finding) => (finding as { severity?: string }).severity === 'error') ? 1 : 0);
  });
});
