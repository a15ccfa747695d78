// The data folder lock between processes: of registries starting at once on one folder exactly
// one wins, and a lock left by a dead process is taken over by exactly one of those racing for it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOCK_MODULE = fileURLToPath(new URL('../../dist/local/registry/data-lock.js', import.meta.url));

let dir: string;
beforeEach(() => {
  if (!existsSync(LOCK_MODULE)) throw new Error('dist/ is missing: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'slipway-data-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `count` processes that all call lockDataDir at `startAt`, hold what they got for a while, and say what happened. */
async function race(count: number): Promise<string[]> {
  const startAt = Date.now() + 500;
  const script = `
    import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)};
    while (Date.now() < ${startAt}) {}
    let outcome;
    try { lockDataDir(${JSON.stringify(dir)}); outcome = 'locked'; } catch (error) { outcome = error.code; }
    console.log(outcome);
    setTimeout(() => {}, 700);
  `;
  const runs = Array.from({ length: count }, () => new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim()));
  }));
  return (await Promise.all(runs)).sort();
}

describe('registry data lock', () => {
  it('lets exactly one of several processes starting at once take a free folder', async () => {
    expect(await race(4)).toEqual(['RegistryDataInUse', 'RegistryDataInUse', 'RegistryDataInUse', 'locked']);
  });

  it('lets exactly one of several processes take over a lock left by a dead process', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'registry.lock'), dead.stdout.trim());
    expect(await race(4)).toEqual(['RegistryDataInUse', 'RegistryDataInUse', 'RegistryDataInUse', 'locked']);
  });
});
