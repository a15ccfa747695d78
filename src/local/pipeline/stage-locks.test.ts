import { describe, expect, it } from 'vitest';
import { StageLocks, Superseded } from './stage-locks.js';

/** The order in which executions got into the stage, and who was superseded by whom. */
function watch(locks: StageLocks, stage: string, ids: string[]) {
  const log: string[] = [];
  const done = ids.map((id) => locks.enter(stage, id).then(() => log.push(`${id} entered`), (error: unknown) => log.push(`${id} superseded by ${(error as Superseded).by}`)));
  return { log, done };
}

describe('stage locks', () => {
  it('SUPERSEDED: one execution in the stage; a newer one waiting replaces an older one waiting', async () => {
    const locks = new StageLocks('SUPERSEDED');
    const { log, done } = watch(locks, 'Build', ['A', 'B', 'C']);
    await Promise.resolve();
    expect(log).toEqual(['A entered', 'B superseded by C']);
    expect(locks.state('Build')).toEqual({ holder: 'A', waiting: ['C'] });
    locks.leave('Build', 'A');
    await Promise.all(done);
    expect(log).toEqual(['A entered', 'B superseded by C', 'C entered']);
  });

  it('QUEUED: executions wait first in, first out, and none is superseded', async () => {
    const locks = new StageLocks('QUEUED');
    const { log, done } = watch(locks, 'Build', ['A', 'B', 'C']);
    locks.leave('Build', 'A');
    await new Promise((resolve) => setImmediate(resolve));
    locks.leave('Build', 'B');
    await Promise.all(done);
    expect(log).toEqual(['A entered', 'B entered', 'C entered']);
  });

  it('PARALLEL: nobody waits', async () => {
    const { log, done } = watch(new StageLocks('PARALLEL'), 'Build', ['A', 'B', 'C']);
    await Promise.all(done);
    expect(log).toEqual(['A entered', 'B entered', 'C entered']);
  });

  it('locks each stage on its own: a stage freed lets the next one in while another stays held', async () => {
    const locks = new StageLocks('SUPERSEDED');
    await locks.enter('Source', 'A');
    await locks.enter('Build', 'Z');
    locks.leave('Source', 'A');
    await locks.enter('Source', 'B');
    expect(locks.state('Source')).toEqual({ holder: 'B', waiting: [] });
    expect(locks.state('Build')).toEqual({ holder: 'Z', waiting: [] });
  });
});

describe('stage gates (transitions)', () => {
  it('a closed gate holds every mode\'s executions; SUPERSEDED keeps only the newest waiting; opening lets them in', async () => {
    const locks = new StageLocks('SUPERSEDED');
    locks.setOpen('Build', false);
    const { log, done } = watch(locks, 'Build', ['A', 'B']);
    await Promise.resolve();
    expect(log).toEqual(['A superseded by B']);
    expect(locks.state('Build')).toEqual({ holder: undefined, waiting: ['B'] });
    expect(locks.holdsAtClosedGate()).toBe(true);
    locks.setOpen('Build', true);
    await Promise.all(done);
    expect(log).toEqual(['A superseded by B', 'B entered']);
  });

  it('PARALLEL executions wait at a closed gate too, and all enter when it opens', async () => {
    const locks = new StageLocks('PARALLEL');
    locks.setOpen('Build', false);
    const { log, done } = watch(locks, 'Build', ['A', 'B']);
    await Promise.resolve();
    expect(log).toEqual([]);
    locks.setOpen('Build', true);
    await Promise.all(done);
    expect(log).toEqual(['A entered', 'B entered']);
  });

  it('a retried execution re-enters ahead of those waiting, past a closed gate, and is never superseded', async () => {
    const locks = new StageLocks('SUPERSEDED');
    await locks.enter('Build', 'A');
    locks.setOpen('Build', false);
    const log: string[] = [];
    const retried = locks.reenter('Build', 'R').then(() => log.push('R entered'));
    const newer = locks.enter('Build', 'N').then(() => log.push('N entered'), () => log.push('N superseded'));
    expect(locks.state('Build').waiting).toEqual(['R', 'N']);
    locks.leave('Build', 'A');
    await retried;
    expect(log).toEqual(['R entered']);
    locks.setOpen('Build', true);
    locks.leave('Build', 'R');
    await newer;
    expect(log).toEqual(['R entered', 'N entered']);
  });

  it('withdraw rejects a waiting execution with the error it is given', async () => {
    const locks = new StageLocks('QUEUED');
    await locks.enter('Build', 'A');
    const waiting = locks.enter('Build', 'B');
    locks.withdraw('B', new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    expect(locks.state('Build').waiting).toEqual([]);
  });
});
