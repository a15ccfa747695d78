// One registry process per data folder: two would each keep upload hash state and collect
// garbage without seeing the other's uploads. A lock file holds the owner's process id; a lock
// left by a killed process is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';

const heldHere = new Set<string>();

/** Takes the data folder's lock; throws RegistryDataInUse when a live registry holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'registry.lock');
  const owner = readOwner(file);
  if (heldHere.has(file) || (owner !== undefined && owner !== process.pid && isAlive(owner))) {
    throw new SlipwayError('RegistryDataInUse', `another registry (process ${owner ?? process.pid}) is using ${dataDir}`, {
      kind: 'environment',
      hint: 'stop it first, or give this one its own folder with --data',
    });
  }
  writeFileSync(file, String(process.pid));
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    if (readOwner(file) === process.pid) rmSync(file, { force: true });
  };
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
