// Stage transitions on real executions: a disabled inbound transition holds executions before the
// stage (with the reason shown), and enabling it lets them in. In SUPERSEDED mode a newer execution
// arriving at the disabled transition replaces the one waiting there; QUEUED ones wait in order;
// PARALLEL ones all wait and all go on. A transition changed by another process, or disabled by
// the template's DisableInboundStageTransitions, holds them too.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalAccount } from '../../../src/local/account/index.js';
import type { PipelineEngine } from '../../../src/local/pipeline/index.js';
import { eventually, pipelineTemplate, pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { controlEngine, controlWorld } from './support/control-world.js';

let world: PipelineWorld;
let engine: PipelineEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await world?.dispose();
});

const ROOT = 'arn:aws:iam::000000000000:root';
const start = () => engine!.start('app', { trigger: { triggerType: 'StartPipelineExecution' } }).then((execution) => execution.pipelineExecutionId);
const heldAtBuild = (id: string) => eventually(world.events, (event) => event.type === 'stage.waiting' && event.pipelineExecutionId === id && event.stageName === 'Build');
const buildStarts = () => world.events.flatMap((event) => (event.type === 'stage.started' && event.stageName === 'Build' ? [event.pipelineExecutionId] : []));

describe('stage transitions', () => {
  it('a disabled transition holds the execution before the stage, with its reason; enabling it lets the execution in', async () => {
    world = await controlWorld('');
    engine = controlEngine(world);
    engine.setTransition('app', 'Build', { enabled: false, reason: 'release freeze', by: ROOT });
    const id = await start();
    expect(await heldAtBuild(id)).toMatchObject({ reason: 'release freeze' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(buildStarts()).toEqual([]);
    const inbound = engine.inbound('app', 'Build');
    expect(inbound).toMatchObject({ waiting: [id], transition: { enabled: false, disabledReason: 'release freeze', lastChangedBy: ROOT } });
    expect(Date.parse(inbound.transition.lastChangedAt!)).toBeGreaterThan(Date.now() - 60_000);
    engine.setTransition('app', 'Build', { enabled: true, by: ROOT });
    expect((await engine.wait(id)).status).toBe('Succeeded');
    expect(engine.inbound('app', 'Build')).toMatchObject({ waiting: [], transition: { enabled: true } });
    expect(() => engine!.setTransition('app', 'Source', { enabled: false, reason: 'x' })).toThrow(expect.objectContaining({ code: 'ValidationException' }));
    expect(() => engine!.setTransition('app', 'Nope', { enabled: false, reason: 'x' })).toThrow(expect.objectContaining({ code: 'StageNotFoundException' }));
  }, 60_000);

  it.each([
    ['SUPERSEDED', ['Superseded', 'Succeeded'], 1],
    ['QUEUED', ['Succeeded', 'Succeeded'], 2],
    ['PARALLEL', ['Succeeded', 'Succeeded'], 2],
  ] as const)('%s: two executions held at a disabled transition end %j once it is enabled', async (mode, statuses, builds) => {
    world = await controlWorld('', { mode });
    engine = controlEngine(world);
    engine.setTransition('app', 'Build', { enabled: false, reason: 'hold', by: ROOT });
    const first = await start();
    await heldAtBuild(first);
    world.repo.commit({ version: '2\n' });
    const second = await start();
    await heldAtBuild(second);
    if (mode === 'SUPERSEDED') expect(await engine.wait(first)).toMatchObject({ status: 'Superseded', statusSummary: `Superseded by execution ${second}` });
    expect(engine.inbound('app', 'Build').waiting).toEqual(mode === 'SUPERSEDED' ? [second] : [first, second]);
    engine.setTransition('app', 'Build', { enabled: true, by: ROOT });
    expect((await Promise.all([first, second].map((id) => engine!.wait(id)))).map((execution) => execution.status)).toEqual(statuses);
    expect(buildStarts()).toHaveLength(builds);
    if (mode === 'QUEUED') expect(buildStarts()).toEqual([first, second]);
  }, 60_000);

  it('a transition enabled by another process releases the held execution; one the template disables holds from the start', async () => {
    const template = pipelineTemplate().replace('      Variables:', "      DisableInboundStageTransitions: [{ StageName: Build, Reason: 'declared in the template' }]\n      Variables:");
    world = await pipelineWorld(template);
    engine = controlEngine(world, { transitionPollMs: 100 });
    const id = await start();
    expect(await heldAtBuild(id)).toMatchObject({ reason: 'declared in the template' });
    expect(engine.inbound('app', 'Build').transition).toEqual({ enabled: false, disabledReason: 'declared in the template' });
    const other = new LocalAccount({ home: world.home });
    try {
      other.executions.transitions.set('app', 'Build', 'Inbound', { enabled: true, by: ROOT });
    } finally {
      other.close();
    }
    expect((await engine.wait(id)).status).toBe('Succeeded');
  }, 60_000);
});
