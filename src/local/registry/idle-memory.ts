// Gives memory back once the registry goes quiet. After a push or pull V8 keeps its young
// generation at the size the traffic grew it to (up to 16 MiB per semi-space on 64-bit Node 20),
// the blob sender keeps its buffers for the next download, and Buffers that reached the old
// generation wait for a full collection: an idle `slipway registry` stayed 20–25 MB above its
// size at start. V8 shrinks the young generation in a collection that finds the recent allocation
// rate low, judged over its last few collections, so a few young collections spaced out over half
// a second come first; then one full collection frees what the old generation still holds, and
// starts V8's memory reducer, which about 8 s later releases the pages V8 keeps pooled; a last
// young collection lets go of the dead Buffers' memory. Last, glibc is asked to hand back the
// free pages in the middle of its heap. This runs once per busy spell (and once after starting),
// QUIET_MS after its last request, and stops as soon as a request arrives: V8 then sizes the heap
// for the traffic again.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { releaseSendBuffers } from './blob-sender.js';
import { collector } from './chunk-garbage.js';

/** How long no request is open before memory is given back. */
const QUIET_MS = 1000;
/** Young collections while idle: enough samples for V8's allocation-rate average to fall. */
const SPACED_COLLECTIONS = 10;
const SPACING_MS = 50;

let open = 0;
/** Starting up allocates too: the first quiet spell gives that back as well. */
let usedSinceTrim = true;
let quietTimer: NodeJS.Timeout | undefined;

/** Counts `res` as an open request until it closes; the last one to close starts the quiet wait. */
export function watchRequest(res: ServerResponse): void {
  open++;
  usedSinceTrim = true;
  clearTimeout(quietTimer);
  res.once('close', () => {
    open--;
    if (open === 0) waitForQuiet();
  });
}

/** Gives memory back QUIET_MS from now, unless a request comes first. */
export function waitForQuiet(): void {
  clearTimeout(quietTimer);
  quietTimer = setTimeout(() => void giveMemoryBack(), QUIET_MS);
  quietTimer.unref();
}

async function giveMemoryBack(): Promise<void> {
  if (!usedSinceTrim || open > 0) return;
  usedSinceTrim = false;
  releaseSendBuffers();
  for (let i = 0; i < SPACED_COLLECTIONS; i++) {
    await sleep(SPACING_MS, undefined, { ref: false });
    if (open > 0) return;
    collector()({ type: 'minor' });
  }
  collector()();
  // V8 sweeps the ArrayBuffers a full collection found dead on a worker thread, and frees their
  // memory only when the next collection starts; in an idle process none would. A young one does.
  collector()({ type: 'minor' });
  trimMallocHeap();
}

/**
 * glibc keeps memory freed between blocks still in use resident until malloc_trim() hands those
 * pages back (after the whole registry benchmark, 4.5 MB of them), and Node.js cannot call it.
 * SQLite's extension loader calls a C function found by name in a shared library: loading libc
 * with malloc_trim as the entry point calls it, with the database handle as its `pad` argument,
 * which only limits trimming at the heap's top. SQLite then reports an initialization error
 * whenever malloc_trim returns 1 (memory released), so errors are expected; without glibc the
 * library or the function is missing and nothing happens. A fresh in-memory database each time
 * lets SQLite close the library again.
 */
function trimMallocHeap(): void {
  const db = new Database(':memory:');
  try {
    // The typings know only the path; better-sqlite3 takes the entry point too (its API docs).
    (db as unknown as { loadExtension(path: string, entryPoint: string): void }).loadExtension('libc.so.6', 'malloc_trim');
  } catch {
    // Expected: see above.
  } finally {
    db.close();
  }
}
