// One registry process per data folder: two would each keep upload hash state and collect
// garbage without seeing the other's uploads. A lock file holds the owner's process id. It is
// written aside and hard-linked into place (link fails when the name exists), so of two
// processes starting at once exactly one wins, and a lock is never seen without its owner. A
// lock left by a killed process is removed by one process at a time, which checks again, in its
// turn, that the lock is still stale.
import { closeSync, linkSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { createPrivateFile } from './data-files.js';

const heldHere = new Set<string>();

/** Takes the data folder's lock; throws RegistryDataInUse when a live registry holds it. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'registry.lock');
  if (heldHere.has(file)) throw dataInUse(dataDir, process.pid);
  for (;;) {
    if (tryCreate(file)) break;
    const owner = readOwner(file);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) throw dataInUse(dataDir, owner);
    takeOverStale(file);
  }
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    if (readOwner(file) === process.pid) rmSync(file, { force: true });
  };
}

/** Creates `file` holding this process id, complete from the first moment; false when it exists already. */
function tryCreate(file: string): boolean {
  const aside = `${file}.new-${process.pid}`;
  // A name left by a killed process that had this id, or a link planted there: removed, never written through.
  rmSync(aside, { force: true });
  const fd = createPrivateFile(aside);
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Removes a stale lock. Removers take turns through a second lock file, and each checks again
 * in its turn that the lock is stale: one that was stale when read may since have been removed
 * by another and replaced by a live owner's. A live lock cannot be replaced while it exists, so
 * what is checked is what is removed.
 */
function takeOverStale(file: string): void {
  const turn = `${file}.takeover`;
  if (!tryCreate(turn)) {
    const holder = readOwner(turn);
    // A remover killed during its turn (a few system calls) leaves the turn file behind.
    if (holder !== undefined && !isAlive(holder)) rmSync(turn, { force: true });
    else sleep(10);
    return;
  }
  try {
    if (isStale(file)) rmSync(file, { force: true });
  } finally {
    rmSync(turn, { force: true });
  }
}

/** True when `file` exists and names no live process other than this one. */
function isStale(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const owner = ownerIn(text);
  return owner === undefined || owner === process.pid || !isAlive(owner);
}

function dataInUse(dataDir: string, owner: number): SlipwayError {
  return new SlipwayError('RegistryDataInUse', `another registry (process ${owner}) is using ${dataDir}`, {
    kind: 'environment',
    hint: 'stop it first, or give this one its own folder with --data',
  });
}

function readOwner(file: string): number | undefined {
  try {
    return ownerIn(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function ownerIn(text: string): number | undefined {
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
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
