// `slipway start`, `slipway runs` and `slipway logs <execution>` as a user runs them: the result
// on stdout, the execution's events on stderr (NDJSON events then the result with --json), the
// exit codes of the command-line contract.
import { afterEach, describe, expect, it } from 'vitest';
import { runSlipway } from '../support/run-cli.js';
import { pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const slipway = (...args: string[]) => runSlipway([...args, '--home', world.home], { cwd: world.repo.dir });

describe('slipway start', () => {
  it('runs an execution to its end: the result on stdout, each step on stderr, exit 0', async () => {
    world = await pipelineWorld();
    const run = await slipway('start', 'app', '--variable', 'Stage=prod');
    expect(run.code).toBe(0);
    const [execution] = world.account.executions.list();
    expect(run.stdout).toBe(`app ${execution!.pipelineExecutionId} Succeeded\n`);
    const short = execution!.pipelineExecutionId.slice(0, 8);
    const steps = run.stderr.split('\n').filter((line) => line.includes(`app ${short}`)).map((line) => line.replace(/^\d\d:\d\d:\d\d {2}app \w{8} {2}/, ''));
    expect(steps.filter((line) => !line.startsWith('Source:') && !line.startsWith('Build:'))).toEqual([
      'execution started (StartPipelineExecution: slipway start)',
      'stage Source started', 'Source/Source (AWS/CodeStarSourceConnection) started', 'Source/Source Succeeded: initial commit', 'stage Source Succeeded',
      'stage Build started', 'Build/Build (AWS/CodeBuild) started', 'Build/Build Succeeded: Build succeeded', 'stage Build Succeeded',
      'execution Succeeded',
    ]);
    expect(run.stderr).toContain('stage=prod');
  });

  it('with --json prints the events as NDJSON and ends with the execution', async () => {
    world = await pipelineWorld();
    const run = await slipway('start', 'app', '--json');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ pipelineName: 'app', status: 'Succeeded', variables: [{ name: 'Stage', resolvedValue: 'dev' }] });
    const types = lines.slice(0, -1).filter((line) => line.source === 'codepipeline').map((line) => (line.payload as { type: string }).type);
    expect(types[0]).toBe('execution.started');
    expect(types.at(-1)).toBe('execution.finished');
  });

  it('exits 1 when the execution fails, 2 for a pipeline that does not exist or an undeclared variable', async () => {
    world = await pipelineWorld(undefined, { fail: 'yes' });
    const failed = await slipway('start', 'app');
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^app \S+ Failed \(Stage Build failed\)\n$/);
    const missing = await slipway('start', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error: Account '000000000000' does not have a pipeline with name 'nope'");
    const undeclared = await slipway('start', 'app', '--variable', 'Bad=1');
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toContain("variable 'Bad' is not declared by pipeline app (its variables: Stage)");
    expect(world.account.executions.list()).toHaveLength(1);
  });
});

describe('slipway runs and slipway logs', () => {
  it('lists executions newest first, --limit keeps the newest, and logs shows an execution\'s actions with its build\'s log', async () => {
    world = await pipelineWorld();
    expect((await slipway('start', 'app')).code).toBe(0);
    world.repo.commit({ version: '2\n' }, 'second');
    expect((await slipway('start', 'app')).code).toBe(0);
    const [newest, oldest] = world.account.executions.list();
    const table = (await slipway('runs')).stdout.trim().split('\n');
    expect(table[0]).toMatch(/^EXECUTION ID +PIPELINE +STATUS +TRIGGER +REVISION +STARTED \(UTC\) +DURATION$/);
    expect(table.slice(1).map((line) => line.split(/ +/).slice(0, 5).join(' '))).toEqual([
      `${newest!.pipelineExecutionId} app Succeeded StartPipelineExecution ${newest!.sourceRevisions[0]!.revisionId.slice(0, 7)}`,
      `${oldest!.pipelineExecutionId} app Succeeded StartPipelineExecution ${oldest!.sourceRevisions[0]!.revisionId.slice(0, 7)}`,
    ]);
    const limited = JSON.parse((await slipway('runs', '--pipeline', 'app', '--limit', '1', '--json')).stdout) as { pipelineExecutionSummaries: { pipelineExecutionId: string; sourceRevisions: { revisionSummary: string }[] }[] };
    expect(limited.pipelineExecutionSummaries.map((one) => [one.pipelineExecutionId, one.sourceRevisions[0]!.revisionSummary])).toEqual([[newest!.pipelineExecutionId, 'second']]);
    expect((await slipway('runs', '--limit', '0')).code).toBe(2);

    const log = await slipway('logs', newest!.pipelineExecutionId);
    expect(log.code).toBe(0);
    const headings = log.stdout.split('\n').filter((line) => line.startsWith('== '));
    expect(headings).toEqual(['== Source/Source (AWS/CodeStarSourceConnection) started', '== Source/Source Succeeded: second', '== Build/Build (AWS/CodeBuild) started', '== Build/Build Succeeded: Build succeeded', '== execution Succeeded']);
    expect(log.stdout).toContain('[Container] ');
    expect(log.stdout).toContain('stage=dev');
  });
});
