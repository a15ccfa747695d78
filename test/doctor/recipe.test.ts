// The recipe's buildspec, byte for byte (fixtures/recipe/README.md), in a repository a user has
// just run `slipway init` in: what init says, what doctor finds and where, what --fix writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBuildspec } from '../../src/local/codebuild/buildspec-parser.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipway } from '../support/run-cli.js';
import { hunks, systemDiff } from './system-diff.js';

const RECIPE = readFileSync(new URL('./fixtures/recipe/buildspec.yml', import.meta.url), 'utf8');
const FIXED = readFileSync(new URL('./fixtures/recipe/buildspec.fixed.yml', import.meta.url), 'utf8');
const env = () => ({ ...process.env, SLIPWAY_HOME: undefined });

/** A repository with the recipe's buildspec and a remote, as a user has it before slipway. */
function recipeRepository(buildspec = RECIPE): GitRepo {
  const repo = makeGitRepo({ 'buildspec.yml': buildspec, Dockerfile: 'FROM scratch\nCOPY hello.txt /\n', 'hello.txt': 'hello\n' });
  repo.git('remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  return repo;
}

async function initialized(buildspec?: string): Promise<GitRepo> {
  const repo = recipeRepository(buildspec);
  expect((await runSlipway(['init'], { cwd: repo.dir, env: env() })).code).toBe(0);
  return repo;
}

interface JsonFinding {
  check: string;
  severity: string;
  location: string | null;
  line: number | null;
  column: number | null;
  message: string;
  fix: string | null;
}

describe('the recipe\'s buildspec', () => {
  it('is kept by init, which warns about each error at its line, points at `slipway doctor --fix`, and exits 0', async () => {
    const repo = recipeRepository();
    const run = await runSlipway(['init'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(0);
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toBe(RECIPE);
    expect(run.stderr).toContain('kept buildspec.yml');
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('warning: buildspec.yml:'));
    expect(warnings.map((line) => line.split(' ')[1])).toEqual(['buildspec.yml:6:7', 'buildspec.yml:11:11', 'buildspec.yml:12:24']);
    expect(run.stderr).toContain('`slipway doctor --fix` rewrites the file');
  });

  it('once fixed, is kept by init without a word about it', async () => {
    const repo = recipeRepository(FIXED);
    const run = await runSlipway(['init'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('kept buildspec.yml');
    expect(run.stderr).not.toContain('warning:');
  });

  it('gives each finding at its exact line and column, in the JSON shape of the issue, and exits 1', async () => {
    const repo = await initialized();
    const run = await runSlipway(['doctor', '--json', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; errors: number };
    const buildspec = report.findings.filter((finding) => finding.check.startsWith('buildspec.'));
    expect(buildspec.map(({ check, severity, location }) => ({ check, severity, location }))).toEqual([
      { check: 'buildspec.runtime-versions', severity: 'error', location: 'buildspec.yml:6:7' },
      { check: 'buildspec.get-login', severity: 'error', location: 'buildspec.yml:11:11' },
      { check: 'buildspec.placeholder', severity: 'error', location: 'buildspec.yml:12:24' },
      { check: 'buildspec.container-name', severity: 'warning', location: 'buildspec.yml:28:27' },
    ]);
    // Each location points at the very token the finding is about.
    const lines = RECIPE.split('\n');
    const at = (finding: JsonFinding) => lines[finding.line! - 1]!.slice(finding.column! - 1);
    const tokens = ['docker: 18', 'aws ecr get-login --region', '<IMAGE_REPO_URI>', 'hello-dude"'];
    buildspec.forEach((finding, index) => expect(at(finding).startsWith(tokens[index]!)).toBe(true));
    expect(buildspec[0]).toMatchObject({ file: 'buildspec.yml', line: 6, column: 7, message: expect.stringContaining("no runtime named 'docker'"), fix: expect.stringContaining('remove it') });
    expect(buildspec[1]!.fix).toBe('aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"');
    expect(buildspec[2]!.fix).toContain('$REPOSITORY_URI');
    expect(report.errors).toBe(3);
    expect(report.findings.filter((finding) => finding.severity === 'error')).toHaveLength(3);
  });

  it('`doctor` alone shows the diff --fix would make, the same as diff -u, and changes nothing', async () => {
    const repo = await initialized();
    const run = await runSlipway(['doctor', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(1);
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toBe(RECIPE);
    expect(run.stdout).toContain('slipway doctor --fix would rewrite buildspec.yml, fixing 3 findings above:');
    const ours = run.stdout.slice(run.stdout.indexOf('--- a/buildspec.yml'));
    expect(hunks(ours).trimEnd()).toBe(hunks(systemDiff(RECIPE, FIXED)).trimEnd());
    expect(run.stderr).toContain('next: `slipway doctor --fix` rewrites buildspec.yml as shown');
  });

  it('--fix writes the fixed buildspec, which the buildspec parser accepts, and exits 0 with only a warning left', async () => {
    const repo = await initialized();
    const run = await runSlipway(['doctor', '--fix', '--json', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(0);
    const after = readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8');
    expect(after).toBe(FIXED);
    const reading = readBuildspec(after, 'buildspec.yml');
    expect(reading.problems).toEqual([]);
    expect(reading.buildspec?.phases.pre_build?.commands[2]).toBe('aws ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"');
    const report = JSON.parse(run.stdout) as { findings: JsonFinding[]; fix: { written: boolean; resolved: JsonFinding[] } };
    expect(report.fix.written).toBe(true);
    expect(report.fix.resolved.map((finding) => finding.check)).toEqual(['buildspec.runtime-versions', 'buildspec.get-login', 'buildspec.placeholder']);
    expect(report.findings.filter((finding) => finding.check.startsWith('buildspec.')).map((finding) => finding.check)).toEqual(['buildspec.container-name']);
    // Fixed once, nothing is left for a second run to do.
    const again = await runSlipway(['doctor', '--fix', '--no-machine'], { cwd: repo.dir, env: env() });
    expect(again.stdout).not.toContain('rewrote');
    expect(again.stderr).toContain('doctor --fix: nothing in the buildspec it can rewrite');
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toBe(FIXED);
  });

  it('--fix keeps comments, blank lines and indentation the user wrote', async () => {
    const commented = RECIPE.replace('phases:\n', '# built by CodeBuild\nphases:\n\n')
      .replace('      - aws --version\n', '      - aws --version   # the CLI version matters\n      # log in to the registry\n')
      .replace('artifacts:\n', '# for the ECS deploy\nartifacts:\n');
    const repo = await initialized(commented);
    expect((await runSlipway(['doctor', '--fix', '--no-machine'], { cwd: repo.dir, env: env() })).code).toBe(0);
    const expected = FIXED.replace('phases:\n', '# built by CodeBuild\nphases:\n\n')
      .replace('      - aws --version\n', '      - aws --version   # the CLI version matters\n      # log in to the registry\n')
      .replace('artifacts:\n', '# for the ECS deploy\nartifacts:\n');
    expect(readFileSync(join(repo.dir, 'buildspec.yml'), 'utf8')).toBe(expected);
  });
});
