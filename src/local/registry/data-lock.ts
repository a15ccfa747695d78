// One registry process per data folder: two would each keep upload hash state and collect
// garbage without seeing the other's uploads. A lock file holds the owner's process id. It is
// created with O_EXCL (openSync 'wx'), so of two processes starting at once exactly one wins; a
// lock left by a killed process is taken over by renaming it away first, which only one
// process can do.
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';

const heldHere = new Set<string>();

/** How long a lock file may stay empty (its creator between open and write) before it counts as stale. */
const EMPTY_LOCK_PATIENCE_MS = 2000;

/** Takes the data folder's lock; throws RegistryDataInUse when a live registry holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'registry.lock');
  if (heldHere.has(file)) throw dataInUse(dataDir, process.pid);
  const deadline = Date.now() + EMPTY_LOCK_PATIENCE_MS;
  for (;;) {
    if (tryCreate(file)) break;
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw dataInUse(dataDir, owner);
    if (owner === undefined && Date.now() < deadline) {
      sleep(10);
      continue;
    }
    takeOverStale(file, dataDir);
  }
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    if (readOwner(file) === process.pid) rmSync(file, { force: true });
  };
}

/** Creates the lock file holding this process id; false when it exists already. */
function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock out of the way. rename() is atomic, so of several processes seeing the
 * same stale lock one moves it and the others get ENOENT; all then race again on tryCreate.
 * If what was moved is a live owner's new lock (it replaced the stale one meanwhile), it is put
 * back (link fails if the name is taken again) and that owner is reported.
 */
function takeOverStale(file: string, dataDir: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  if (moved !== undefined && moved !== process.pid && isAlive(moved)) {
    try {
      linkSync(aside, file);
    } finally {
      rmSync(aside, { force: true });
    }
    throw dataInUse(dataDir, moved);
  }
  rmSync(aside, { force: true });
}

function dataInUse(dataDir: string, owner: number): SlipwayError {
  return new SlipwayError('RegistryDataInUse', `another registry (process ${owner}) is using ${dataDir}`, {
    kind: 'environment',
    hint: 'stop it first, or give this one its own folder with --data',
  });
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

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
