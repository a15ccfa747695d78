// The three execution modes on real builds: three executions started while the first is in its
// Build stage. SUPERSEDED lets the newest waiting one through and ends the one it replaced;
// QUEUED runs all three, one at a time, first in first out; PARALLEL lets a later one finish
// before an earlier one.
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../src/local/pipeline/index.js';
import { eventually, pipelineTemplate, pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

type Mode = Parameters<typeof pipelineTemplate>[0];

/** Starts execution A (its build sleeps), then B and C on new commits once A is building; returns their ids. */
async function threeExecutions(mode: Mode, sleeps: [string, string, string] = ['2', '0', '0']) {
  world = await pipelineWorld(pipelineTemplate(mode), { sleep: sleeps[0] });
  const engine = world.engine();
  const start = () => engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } }).then((execution) => execution.pipelineExecutionId);
  const a = await start();
  await eventually(world.events, (event) => event.type === 'action.started' && event.pipelineExecutionId === a && event.actionName === 'Build');
  world.repo.commit({ version: '2\n', sleep: sleeps[1] });
  const b = await start();
  // B must be waiting at Build before C arrives, or there is nothing for C to supersede.
  await eventually(world.events, (event) => event.type === 'stage.finished' && event.pipelineExecutionId === b && event.stageName === 'Source');
  world.repo.commit({ version: '3\n', sleep: sleeps[2] });
  const c = await start();
  const ended = await Promise.all([a, b, c].map((id) => engine.wait(id)));
  return { ids: [a, b, c], ended, engine };
}

const builtBy = (id: string) => world.account.executions.actions({ pipelineExecutionId: id }).find((action) => action.actionName === 'Build')?.output.outputVariables.BUILT;
const buildStarts = (events: PipelineEvent[]) => events.filter((event) => event.type === 'action.started' && event.actionName === 'Build').map((event) => event.pipelineExecutionId);

describe('execution modes', () => {
  it('SUPERSEDED: of the executions waiting at a busy stage only the newest goes on; the one it replaced ends Superseded naming it', async () => {
    // A builds long enough for B and C to pass Source even on a busy machine.
    const { ids: [a, b, c], ended } = await threeExecutions('SUPERSEDED', ['5', '0', '0']);
    expect(ended.map((execution) => execution.status)).toEqual(['Succeeded', 'Superseded', 'Succeeded']);
    expect(ended[1]!.statusSummary).toBe(`Superseded by execution ${c}`);
    expect(buildStarts(world.events)).toEqual([a, c]);
    expect([builtBy(a!), builtBy(b!), builtBy(c!)]).toEqual(['built-1', undefined, 'built-3']);
  });

  it('QUEUED: every execution runs the busy stage, one at a time, in the order they arrived', async () => {
    const { ids, ended } = await threeExecutions('QUEUED');
    expect(ended.map((execution) => execution.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(buildStarts(world.events)).toEqual(ids);
    expect(ids.map((id) => builtBy(id))).toEqual(['built-1', 'built-2', 'built-3']);
    // One at a time: each build started after the previous one finished.
    const order = world.events.filter((event) => (event.type === 'action.started' || event.type === 'action.finished') && event.actionName === 'Build').map((event) => `${event.type} ${ids.indexOf(event.pipelineExecutionId)}`);
    expect(order).toEqual(['action.started 0', 'action.finished 0', 'action.started 1', 'action.finished 1', 'action.started 2', 'action.finished 2']);
  });

  it('PARALLEL: executions do not wait for each other, so a later one can finish first', async () => {
    const { ids: [a, b, c], ended } = await threeExecutions('PARALLEL', ['3', '0', '0']);
    expect(ended.map((execution) => execution.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    const finished = world.events.filter((event) => event.type === 'execution.finished').map((event) => event.pipelineExecutionId);
    expect(finished.indexOf(b!)).toBeLessThan(finished.indexOf(a!));
    expect(finished.indexOf(c!)).toBeLessThan(finished.indexOf(a!));
    expect(ended.map((execution) => execution.executionMode)).toEqual(['PARALLEL', 'PARALLEL', 'PARALLEL']);
  });
});
