// Keeps a large push from leaving the registry's memory high for good. Node hands an upload's
// body over as one Buffer per socket read (64 KiB, from malloc), and frees it only when V8
// collects the Buffer object; V8 waits for tens of megabytes of such external memory before it
// does. glibc then keeps the freed memory inside the process (the heap is fragmented), so one
// 256 MiB push left `slipway registry` at ~100 MB resident while idle, against ~60 MB before.
// A young-generation collection after every few MiB received frees each chunk soon after it is
// on disk, so the heap never grows that far; it costs well under a millisecond each time.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes received between two collections: small against V8's 64 MiB external-memory trigger. */
const COLLECT_EVERY_BYTES = 2 * 1024 * 1024;

/**
 * V8's gc(): `{ type: 'minor' }` collects the young generation, and only a call without arguments
 * collects the whole heap. Node 20's V8 runs a young collection for `{ type: 'major' }` too
 * (`node --trace-gc` names it a Scavenge), so that option is left out.
 */
type Collect = (options?: { type: 'minor' }) => void;

let collect: Collect | undefined;
let received = 0;

/** Counts `bytes` of upload body received; collects the young generation every COLLECT_EVERY_BYTES. */
export function chunkReceived(bytes: number): void {
  received += bytes;
  if (received < COLLECT_EVERY_BYTES) return;
  received = 0;
  collector()({ type: 'minor' });
}

/** V8's gc(), reached without starting node with --expose-gc: a context made after the flag is set gets it. */
export function collector(): Collect {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as Collect;
  }
  return collect;
}
