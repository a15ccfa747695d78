// RetryStageExecution on real executions. A retry resumes the failed execution under the same id
// with its own source revision, artifacts and variables (as on AWS: it starts nothing new), so a
// fix committed after the failure is not in it, while a fix outside the source is; FAILED_ACTIONS
// runs again only what did not succeed, ALL_ACTIONS the whole stage; a stage that did not fail,
// a running execution, and one a newer execution overtook in that stage are refused.
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEngine } from '../../../src/local/pipeline/index.js';
import { eventually, type PipelineWorld } from '../support/pipeline-world.js';
import { actionRuns, buildAction, controlEngine, controlWorld, MARKER } from './support/control-world.js';

let world: PipelineWorld;
let engine: PipelineEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await world?.dispose();
  rmSync(MARKER, { force: true });
});

const TEST = `        - Name: Test
          Actions:
${buildAction('TestA', 'a')}${buildAction('TestB', 'b')}${buildAction('Report', 'report', 2)}`;

const start = () => engine!.start('app', { trigger: { triggerType: 'StartPipelineExecution' } }).then((execution) => execution.pipelineExecutionId);
const resolvedIn = (id: string, action: string) => world.account.executions.actions({ pipelineExecutionId: id })
  .find((run) => run.actionName === action)?.output.outputVariables;

describe('RetryStageExecution', () => {
  it('a fix committed after the failure is not in the retry: the retried build builds the execution\'s own commit again, and fails again', async () => {
    world = await controlWorld('', { files: { fail: 'yes' } });
    engine = controlEngine(world);
    const first = world.repo.git('rev-parse', 'HEAD');
    const id = await start();
    expect(await engine.wait(id)).toMatchObject({ status: 'Failed', statusSummary: 'Stage Build failed', stages: { Source: 'Succeeded', Build: 'Failed' } });
    world.repo.git('rm', '-q', 'fail');
    world.repo.commit({}, 'fix the build');
    const retried = engine.retry('app', id, 'Build', 'FAILED_ACTIONS');
    expect([retried.pipelineExecutionId, retried.status]).toEqual([id, 'InProgress']);
    const again = await engine.wait(id);
    expect(again.status).toBe('Failed');
    expect(again.sourceRevisions.map((revision) => revision.revisionId)).toEqual([first]);
    const builds = world.account.executions.actions({ pipelineExecutionId: id }).filter((run) => run.actionName === 'Build').map((run) => run.output.executionResult!.externalExecutionId!);
    expect(builds).toHaveLength(2);
    expect(builds.map((build) => world.account.codebuild.builds.get(build)?.resolvedSourceVersion)).toEqual([first, first]);
    expect(actionRuns(world, id)).toEqual(['Source/Source Succeeded', 'Build/Build Failed', 'Build/Build Failed']);
    expect(world.account.executions.list()).toHaveLength(1);
  }, 90_000);

  it('retrying after the environment is fixed succeeds on the same commit, with the artifacts and variables the execution had', async () => {
    world = await controlWorld('');
    engine = controlEngine(world);
    writeFileSync(MARKER, 'x');
    const commit = world.repo.git('rev-parse', 'HEAD');
    const id = await start();
    expect((await engine.wait(id)).status).toBe('Failed');
    world.repo.commit({ version: '2\n' }, 'a newer commit the retry must not take');
    rmSync(MARKER);
    engine.retry('app', id, 'Build', 'FAILED_ACTIONS');
    const ended = await engine.wait(id);
    expect([ended.status, ended.statusSummary]).toEqual(['Succeeded', undefined]);
    expect(actionRuns(world, id)).toEqual(['Source/Source Succeeded', 'Build/Build Failed', 'Build/Build Succeeded']);
    expect(resolvedIn(id, 'Build')).toEqual({ BUILT: 'built-1' });
    const resumed = world.events.find((event) => event.type === 'execution.resumed' && event.pipelineExecutionId === id);
    expect(resumed).toMatchObject({ stageName: 'Build', retryMode: 'FAILED_ACTIONS' });
    const build = world.account.executions.actions({ pipelineExecutionId: id })[0]!;
    expect(build.input.resolvedConfiguration.EnvironmentVariables).toContain(commit);
  }, 90_000);

  it('FAILED_ACTIONS runs the failed action and the later RunOrder that never started; ALL_ACTIONS runs every action of the stage', async () => {
    world = await controlWorld(TEST, { everyStage: false });
    engine = controlEngine(world);
    writeFileSync(MARKER, 'x');
    const id = await start();
    expect((await engine.wait(id)).statusSummary).toBe('Stage Test failed');
    expect(actionRuns(world, id).slice(2).sort()).toEqual(['Test/TestA Succeeded', 'Test/TestB Failed']);
    engine.retry('app', id, 'Test', 'FAILED_ACTIONS');
    expect((await engine.wait(id)).status).toBe('Failed');
    expect(actionRuns(world, id).slice(4)).toEqual(['Test/TestB Failed']);
    rmSync(MARKER);
    engine.retry('app', id, 'Test', 'ALL_ACTIONS');
    expect((await engine.wait(id)).status).toBe('Succeeded');
    expect(actionRuns(world, id).slice(5, 7).sort()).toEqual(['Test/TestA Succeeded', 'Test/TestB Succeeded']);
    expect(actionRuns(world, id).slice(7)).toEqual(['Test/Report Succeeded']);
  }, 120_000);

  it('refuses a stage that did not fail, a running execution, and an execution a newer one overtook in that stage', async () => {
    world = await controlWorld('', { files: { sleep: '3' } });
    engine = controlEngine(world);
    writeFileSync(MARKER, 'x');
    const failed = await start();
    expect(() => engine!.retry('app', failed, 'Build', 'FAILED_ACTIONS')).toThrow(expect.objectContaining({ code: 'ConflictException' }));
    expect((await engine.wait(failed)).status).toBe('Failed');
    expect(() => engine!.retry('app', failed, 'Source', 'FAILED_ACTIONS')).toThrow(expect.objectContaining({ code: 'StageNotRetryableException', message: expect.stringContaining('the stage is Succeeded') }));
    expect(() => engine!.retry('app', failed, 'Nope', 'FAILED_ACTIONS')).toThrow(expect.objectContaining({ code: 'StageNotFoundException' }));
    rmSync(MARKER);
    const newer = await start();
    await eventually(world.events, (event) => event.type === 'stage.started' && event.pipelineExecutionId === newer && event.stageName === 'Build');
    expect(() => engine!.retry('app', failed, 'Build', 'FAILED_ACTIONS')).toThrow(expect.objectContaining({ code: 'NotLatestPipelineExecutionException' }));
    expect((await engine.wait(newer)).status).toBe('Succeeded');
    expect(() => engine!.retry('app', newer, 'Build', 'ALL_ACTIONS')).toThrow(expect.objectContaining({ code: 'StageNotRetryableException', message: expect.stringContaining('the execution is Succeeded') }));
  }, 90_000);

  it('an execution a killed slipway left in a stage is Failed there once the home is opened again, and that stage can be retried', async () => {
    world = await controlWorld('');
    engine = controlEngine(world);
    writeFileSync(MARKER, 'x');
    const id = await start();
    await engine.wait(id);
    // As a SIGKILL leaves it: in progress in Build, owned by a process that no longer runs.
    const left = { ...world.account.executions.get(id)!, status: 'InProgress' as const, stages: { Source: 'Succeeded' as const, Build: 'InProgress' as const } };
    world.account.executions.save(left);
    world.account.db.prepare('UPDATE codepipeline_executions SET owner = ? WHERE id = ?').run('999999999@1', id);
    const [ended] = world.account.executions.endInterrupted();
    expect(ended).toMatchObject({ pipelineExecutionId: id, status: 'Failed', stages: { Source: 'Succeeded', Build: 'Failed' } });
    rmSync(MARKER);
    engine.retry('app', id, 'Build', 'FAILED_ACTIONS');
    expect((await engine.wait(id)).status).toBe('Succeeded');
  }, 60_000);
});
