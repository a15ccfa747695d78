// The data folder lock between processes: of registries starting at once on one folder exactly
// one wins, and a lock left by a dead process is taken over by exactly one of those racing for it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_BARRIER, passBarrier, startRacers } from '../support/child-barrier.js';

const LOCK_MODULE = fileURLToPath(new URL('../../dist/local/registry/data-lock.js', import.meta.url));

/** Races on fresh folders: the interleavings that break a lock are rare, so one race proves little. */
const ROUNDS = 10;
const ONE_WINNER = ['RegistryDataInUse', 'RegistryDataInUse', 'RegistryDataInUse', 'locked'];

let dir: string;
beforeEach(() => {
  if (!existsSync(LOCK_MODULE)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'slipway-data-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Makes one folder per round, each prepared by `prepare`. */
function roundFolders(prepare: (folder: string) => void = () => {}): string[] {
  return Array.from({ length: ROUNDS }, (_, round) => {
    const folder = join(dir, `round-${round}`);
    mkdirSync(folder);
    prepare(folder);
    return folder;
  });
}

/**
 * Four processes call lockDataDir on each folder in turn, all at one moment (a barrier, not a
 * start time on the clock); resolves with what each got, per folder. Every process keeps what
 * it won until all have answered for every folder, so a winner is alive while the others look
 * at its lock.
 */
async function race(folders: string[]): Promise<string[][]> {
  const script = `
    import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)};
    ${CHILD_BARRIER}
    for (const folder of ${JSON.stringify(folders)}) {
      await barrier();
      let outcome;
      try { lockDataDir(folder); outcome = 'locked'; } catch (error) { outcome = error.code; }
      console.log(outcome);
    }
    await untilStdinEnds();
  `;
  const children = startRacers(4, script);
  try {
    const outcomes: string[][] = [];
    for (const _ of folders) {
      await passBarrier(children);
      outcomes.push((await Promise.all(children.map((child) => child.nextLine()))).sort());
    }
    for (const child of children) child.close();
    const exits = await Promise.all(children.map((child) => child.exited));
    expect(exits, children.map((child) => child.stderr()).join('')).toEqual([0, 0, 0, 0]);
    return outcomes;
  } finally {
    for (const child of children) child.close();
  }
}

describe('registry data lock', () => {
  it('lets exactly one of several processes starting at once take a free folder', async () => {
    expect(await race(roundFolders())).toEqual(Array.from({ length: ROUNDS }, () => ONE_WINNER));
  });

  it('lets exactly one of several processes take over a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const folders = roundFolders((folder) => writeFileSync(join(folder, 'registry.lock'), dead.stdout.trim()));
    expect(await race(folders)).toEqual(Array.from({ length: ROUNDS }, () => ONE_WINNER));
  });
});
