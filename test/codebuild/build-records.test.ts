// Every build is recorded in the home: `slipway builds` lists them newest first (per project with
// --project-name), `slipway logs` prints a build's log, also while it runs in another process
// (--follow), each project keeps only its newest builds (the buildsKept setting, with their logs
// and artifacts), and a build whose slipway process was killed is marked FAULT by the next command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { runSlipway } from '../support/run-cli.js';
import { runSlipwayProcess, startSlipway } from '../support/slipway-process.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-records-'));
  writeFileSync(join(dir, 'buildspec.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo "built by $CODEBUILD_BUILD_ID" > out.txt\nartifacts:\n  files: out.txt\n');
  writeFileSync(join(dir, 'slow.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo first line\n      - sleep 3\n      - echo second line\n');
  // A build that outlives any test: what a killed slipway leaves running.
  writeFileSync(join(dir, 'hang.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo first line\n      - sleep 300\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const home = () => join(dir, 'home');
const slipway = (args: string[]) => runSlipway([...args, '--home', home()], { cwd: dir, env: { ...process.env, SLIPWAY_HOME: undefined } });

interface Listed {
  id: string;
  projectName: string;
  buildNumber: number;
  buildStatus: string;
}

async function builds(...args: string[]): Promise<Listed[]> {
  const run = await slipway(['builds', '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { builds: Listed[] }).builds;
}

async function build(name: string, extra: string[] = []): Promise<string> {
  const run = await slipway(['build', '--host', '--ad-hoc', '--project-name', name, '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { id: string }).id;
}

/** Waits until the build's `sleep 300` runs (the shell is given each command in turn). */
async function sleeping(buildId: string): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    const pids = spawnSync('pgrep', ['-f', '^sleep 300$'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    if (pids.some((pid) => readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`CODEBUILD_BUILD_ID=${buildId}`))) return;
    await sleep(50);
  }
  throw new Error('the build never ran its sleep');
}

/** Waits until the newest recorded build runs, and returns it. */
async function running(): Promise<Listed> {
  for (let tries = 0; tries < 300; tries++) {
    const [newest] = await builds();
    if (newest?.buildStatus === 'IN_PROGRESS') return newest;
    await sleep(50);
  }
  throw new Error('no build started');
}

describe('slipway builds', () => {
  it('lists builds newest first, all projects or one, with --limit', async () => {
    const first = await build('alpha');
    const second = await build('beta');
    const third = await build('alpha');
    expect((await builds()).map((one) => one.id)).toEqual([third, second, first]);
    expect((await builds('--project-name', 'alpha')).map((one) => `${one.projectName} #${one.buildNumber}`)).toEqual(['alpha #2', 'alpha #1']);
    expect((await builds('--limit', '1')).map((one) => one.id)).toEqual([third]);
    const table = (await slipway(['builds'])).stdout.split('\n');
    expect(table[0]).toMatch(/^BUILD ID\s+NUMBER\s+STATUS\s+STARTED \(UTC\)\s+DURATION\s+COMMIT$/);
    expect(table[1]).toMatch(new RegExp(`^${third}\\s+2\\s+SUCCEEDED\\s`));
  });

  it('keeps the newest buildsKept builds of each project, with their logs and artifacts; the others go', async () => {
    expect((await slipway(['account', 'set', 'buildsKept=2'])).code).toBe(0);
    const ids = [await build('kept'), await build('kept'), await build('kept')];
    await build('other');
    expect((await builds('--project-name', 'kept')).map((one) => one.id)).toEqual([ids[2], ids[1]]);
    expect(await builds('--project-name', 'other')).toHaveLength(1);
    const gone = await slipway(['logs', ids[0]!]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`Build not found: ${ids[0]!}`);
    const artifacts = join(home(), 'codebuild', 'kept', 'artifacts');
    expect([1, 2, 3].map((number) => existsSync(join(artifacts, String(number))))).toEqual([false, true, true]);
  });
});

describe('slipway logs', () => {
  it('prints a finished build\'s log in CodeBuild\'s form, or its lines as JSON', async () => {
    const id = await build('shown');
    const log = (await slipway(['logs', id])).stdout.split('\n');
    expect(log[0]).toMatch(new RegExp(`^\\[Container\\] \\d{4}/\\d\\d/\\d\\d [\\d:.]+ Build ${id} \\(build number 1\\) of project shown$`));
    expect(log).toContainEqual(expect.stringMatching(/Running command echo "built by \$CODEBUILD_BUILD_ID" > out\.txt$/));
    const lines = (await slipway(['logs', id, '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { timestamp: number; message: string });
    expect(lines[0]).toEqual({ timestamp: expect.any(Number), message: log[0] });
  });

  it('--follow, from another process, prints lines while the build runs and ends when it ends', async () => {
    const builder = startSlipway(['build', '--host', '--buildspec', 'slow.yml', '--home', home()], { cwd: dir });
    const { id } = await running();
    const follower = startSlipway(['logs', id, '--follow', '--home', home()], { cwd: dir });
    await new Promise<void>((resolve) => follower.child.stdout!.on('data', () => (follower.stdout().includes('first line\n') ? resolve() : undefined)));
    // The follower has the first line while the build still runs.
    expect((await builds())[0]!.buildStatus).toBe('IN_PROGRESS');
    expect(follower.stdout()).not.toContain('second line');
    expect(await follower.exited).toEqual({ code: 0, signal: null });
    expect(await builder.exited).toEqual({ code: 0, signal: null });
    expect(follower.stdout()).toContain('second line\n');
    expect(follower.stdout().trim().split('\n').at(-1)).toMatch(/Build SUCCEEDED$/);
  });
});

describe('a build whose slipway process was killed', () => {
  it('is marked FAULT by the next command, which says so and ends its log with why', async () => {
    const builder = startSlipway(['build', '--host', '--buildspec', 'hang.yml', '--home', home()], { cwd: dir });
    const { id } = await running();
    await sleeping(id);
    builder.child.kill('SIGKILL');
    await builder.exited;
    const next = await runSlipwayProcess(['builds', '--json', '--home', home()], { cwd: dir });
    expect(next.stderr).toContain(`recovered: build ${id} was left running by slipway process ${builder.child.pid!}, which ended; it is marked FAULT`);
    expect((JSON.parse(next.stdout) as { builds: Listed[] }).builds[0]).toMatchObject({ id, buildStatus: 'FAULT' });
    const log = (await slipway(['logs', id])).stdout.trim().split('\n');
    expect(log.at(-1)).toBe(`[slipway] The slipway process that ran this build (pid ${builder.child.pid!}) ended before the build finished; the build is marked FAULT`);
    // What the build left running (its `sleep`) was stopped, and a second command finds nothing left to recover.
    expect(next.stderr).toMatch(/recovered: stopped the processes those builds left: .*\d+ \(sleep 300\)/);
    expect((await slipway(['builds'])).stderr).not.toContain('recovered:');
  });

  it('leaves its fresh source copy behind, and the next build removes it', async () => {
    for (const args of [['init', '-q'], ['add', '.'], ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'builds']]) execFileSync('git', args, { cwd: dir });
    const builder = startSlipway(['build', '--host', '--buildspec', 'hang.yml', '--home', home()], { cwd: dir });
    await sleeping((await running()).id);
    const copy = dirname(/is a fresh copy of .* in (\/\S+);/.exec(builder.stderr())![1]!);
    builder.child.kill('SIGKILL');
    await builder.exited;
    expect(existsSync(join(copy, basename(dir), 'hang.yml'))).toBe(true);
    await build('after-the-kill');
    expect(existsSync(copy)).toBe(false);
  });

  it('in a container has its container removed by the next command', async () => {
    const image = ensureBusyboxImage();
    const builder = startSlipway(['build', '--image', image, '--network', 'none', '--buildspec', 'hang.yml', '--home', home()], { cwd: dir });
    const { id } = await running();
    await builder.stderrMatches(/first line/);
    builder.child.kill('SIGKILL');
    await builder.exited;
    const listed = () => execFileSync('docker', ['ps', '-aq', '--filter', `label=slipway.codebuild.build-id=${id}`], { encoding: 'utf8' }).trim();
    expect(listed()).not.toBe('');
    const next = await runSlipwayProcess(['builds', '--home', home()], { cwd: dir });
    expect(next.stderr).toMatch(/recovered: removed the build containers those builds left: slipway-build-/);
    expect(listed()).toBe('');
  });
});
