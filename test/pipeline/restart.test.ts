// A killed slipway and the next one: `slipway start` is killed (SIGKILL) while its build runs; the
// next command on the home ends that execution Failed, its build FAULT, and stops the build's
// processes. The commit pushed while slipway was down is built once when the sources are checked
// again, and checking again starts nothing more.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceWatch } from '../../src/local/pipeline/index.js';
import { runSlipwayProcess, startSlipway } from '../support/slipway-process.js';
import { pipelineTemplate, pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** True while the process runs (a killed one whose parent has not reaped it yet is a zombie: state Z). */
const processAlive = (pid: number) => {
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return stat !== '' && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
};

describe('a slipway killed during an execution', () => {
  it('leaves an execution the next command ends Failed, and the commit pushed meanwhile is built exactly once', async () => {
    world = await pipelineWorld(pipelineTemplate('SUPERSEDED', '', true), { sleep: '60' });
    const first = world.repo.git('rev-parse', 'HEAD');
    const started = startSlipway(['start', 'app', '--home', world.home], { cwd: world.repo.dir });
    const buildId = await until(() => {
      const [execution] = world.account.executions.list();
      const build = execution && world.account.executions.actions({ pipelineExecutionId: execution.pipelineExecutionId }).find((action) => action.actionName === 'Build');
      return build?.output.executionResult?.externalExecutionId;
    }, 'the build to start');
    // The line before `sleep 60`: the build's shell is about to sleep on the host.
    await until(() => (world.account.codebuild.builds.logEvents(buildId).some((line) => line.message === 'no .git in the source') ? true : undefined), 'the build to reach its sleep');
    await new Promise((resolve) => setTimeout(resolve, 300));
    started.child.kill('SIGKILL');
    expect((await started.exited).signal).toBe('SIGKILL');
    const [killed] = world.account.executions.list();
    expect(killed!.status).toBe('InProgress');

    const second = world.repo.commit({ version: '2\n', sleep: '0' }, 'while slipway was down');
    const runs = await runSlipwayProcess(['runs', '--home', world.home, '--json'], { cwd: world.repo.dir });
    expect(runs.code).toBe(0);
    expect(runs.stderr).toContain(`recovered: pipeline app execution ${killed!.pipelineExecutionId} was left running by a slipway process that ended; it is marked Failed`);
    expect(runs.stderr).toContain(`recovered: build ${buildId} was left running`);
    expect(runs.stderr).toMatch(/recovered: stopped the processes those builds left: \d+/);
    const leftPids = [...runs.stderr.matchAll(/(\d+) \(/g)].map((match) => Number(match[1]));
    expect(leftPids.length).toBeGreaterThan(0);
    for (const pid of leftPids) expect(processAlive(pid)).toBe(false);
    const summaries = (JSON.parse(runs.stdout) as { pipelineExecutionSummaries: {
      pipelineExecutionId: string; status: string; statusSummary: string
    }[] }).pipelineExecutionSummaries;
    expect(summaries).toEqual([expect.objectContaining({ pipelineExecutionId: killed!.pipelineExecutionId, status: 'Failed', statusSummary: 'The slipway process that ran this execution ended before it finished' })]);
    const [build] = world.account.executions.actions({ pipelineExecutionId: killed!.pipelineExecutionId }).filter((action) => action.actionName === 'Build');
    expect(build).toMatchObject({ status: 'Failed', output: { executionResult: { externalExecutionId: buildId, errorDetails: { code: 'JobFailed' } } } });
    expect(world.account.codebuild.builds.get(buildId)?.buildStatus).toBe('FAULT');

    // The killed execution had taken the first commit: only the second is new.
    expect(world.account.executions.position('app', 'Source')).toBe(first);
    const engine = world.engine();
    const watch = new SourceWatch(engine, world.account, { local: 3_600_000, remote: 3_600_000 });
    await watch.refresh();
    await watch.refresh();
    watch.close();
    const executions = world.account.executions.list();
    expect(executions).toHaveLength(2);
    const rebuilt = await engine.wait(executions[0]!.pipelineExecutionId);
    expect(rebuilt).toMatchObject({ status: 'Succeeded', trigger: { triggerType: 'Webhook', triggerDetail: `Source@${second}` } });
    expect(rebuilt.sourceRevisions[0]).toMatchObject({ revisionId: second, revisionSummary: 'while slipway was down' });
  });
});
