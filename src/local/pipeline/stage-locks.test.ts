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
