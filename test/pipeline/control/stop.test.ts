// StopPipelineExecution on real executions: stop and wait lets the build in progress finish and
// starts nothing after it; stop and abandon stops the build at once (its container is removed),
// its action ends Abandoned; the execution is Stopping, then Stopped with the reason. A Stopping
// execution may still be abandoned, not stopped again; an ended one cannot be stopped.
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEngine } from '../../../src/local/pipeline/index.js';
import { eventually, type PipelineWorld } from '../support/pipeline-world.js';
import { actionRuns, buildAction, buildContainers, buildInContainers, buildOf, buildProcesses, controlEngine, controlWorld } from './support/control-world.js';

let world: PipelineWorld;
let engine: PipelineEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await world?.dispose();
});

const DEPLOY = `        - Name: Deploy
          Actions:
${buildAction('Deploy', 'deploy')}`;

describe('StopPipelineExecution', () => {
  it('stop and wait: the build in progress finishes, the next stage never starts, the execution ends Stopped with the reason', async () => {
    world = await controlWorld(DEPLOY, { files: { sleep: '2' } });
    engine = controlEngine(world);
    const { pipelineExecutionId: id } = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
    await eventually(world.events, (event) => event.type === 'action.started' && event.pipelineExecutionId === id && event.actionName === 'Build');
    const stopping = engine.stop('app', id, { reason: 'a bad commit' });
    expect([stopping.status, world.account.executions.get(id)!.status]).toEqual(['Stopping', 'Stopping']);
    expect(() => engine!.stop('app', id)).toThrow(expect.objectContaining({ code: 'DuplicatedStopRequestException' }));
    const ended = await engine.wait(id);
    expect([ended.status, ended.statusSummary]).toEqual(['Stopped', 'a bad commit']);
    expect(actionRuns(world, id)).toEqual(['Source/Source Succeeded', 'Build/Build Succeeded']);
    expect(ended.stages).toEqual({ Source: 'Succeeded', Build: 'Succeeded' });
    expect(() => engine!.stop('app', id)).toThrow(expect.objectContaining({ code: 'PipelineExecutionNotStoppableException' }));
  }, 60_000);

  it('stop and abandon: the build is stopped and its container removed, the action Abandoned, the execution Stopped', async () => {
    world = await controlWorld(DEPLOY, { files: { sleep: '30' } });
    buildInContainers(world);
    engine = controlEngine(world);
    const { pipelineExecutionId: id } = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
    const buildId = await buildOf(world, id, 'Build');
    for (let tries = 0; tries < 200 && buildContainers(buildId).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(buildContainers(buildId)).toHaveLength(1);
    const started = Date.now();
    engine.stop('app', id, { abandon: true, reason: 'abandoned by the test' });
    const ended = await engine.wait(id);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect([ended.status, ended.statusSummary]).toEqual(['Stopped', 'abandoned by the test']);
    expect(actionRuns(world, id)).toEqual(['Source/Source Succeeded', 'Build/Build Abandoned']);
    expect(world.account.codebuild.builds.get(buildId)?.buildStatus).toBe('STOPPED');
    // The container is removed as the build stops (docker rm -f may take a moment longer than the build's record).
    for (let tries = 0; tries < 100 && buildContainers(buildId).length > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(buildContainers(buildId)).toEqual([]);
    expect(world.events.filter((event) => event.type === 'execution.stopping' && event.pipelineExecutionId === id).map((event) => event.type === 'execution.stopping' && event.abandon)).toEqual([true]);
  }, 90_000);

  it('a Stopping execution can still be abandoned (its host build processes are killed); an execution waiting between stages ends Stopped at once', async () => {
    world = await controlWorld(DEPLOY, { files: { sleep: '30' } });
    engine = controlEngine(world);
    const { pipelineExecutionId: first } = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
    const buildId = await buildOf(world, first, 'Build');
    for (let tries = 0; tries < 200 && buildProcesses(buildId).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(buildProcesses(buildId).length).toBeGreaterThan(0);
    const { pipelineExecutionId: second } = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
    // The second one finished Source and waits for the Build stage the first one holds.
    await eventually(world.events, (event) => event.type === 'stage.finished' && event.pipelineExecutionId === second && event.stageName === 'Source');
    engine.stop('app', second, { reason: 'not this one' });
    expect(await engine.wait(second)).toMatchObject({ status: 'Stopped', statusSummary: 'not this one' });
    expect(actionRuns(world, second)).toEqual(['Source/Source Succeeded']);
    engine.stop('app', first);
    engine.stop('app', first, { abandon: true });
    expect(() => engine!.stop('app', first, { abandon: true })).toThrow(expect.objectContaining({ code: 'DuplicatedStopRequestException' }));
    expect((await engine.wait(first)).status).toBe('Stopped');
    expect(actionRuns(world, first)).toEqual(['Source/Source Succeeded', 'Build/Build Abandoned']);
    for (let tries = 0; tries < 100 && buildProcesses(buildId).length > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(buildProcesses(buildId)).toEqual([]);
  }, 90_000);
});
