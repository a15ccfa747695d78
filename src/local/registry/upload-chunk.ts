// One chunk of a blob upload (a PATCH body, or the body of a single POST or closing PUT),
// streamed onto the end of the upload's temporary file while the upload's sha256 advances. The
// file is opened without following links (data-files.ts) and cut back to the recorded offset
// first, since bytes past it belong to a chunk that never finished.
import type { Hash } from 'node:crypto';
import { closeSync, constants, createWriteStream, ftruncateSync } from 'node:fs';
import { once } from 'node:events';
import { finished, PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chunkReceived } from './chunk-garbage.js';
import { openWithoutFollowing } from './data-files.js';

/** Where a chunk goes: the upload's file, the bytes it holds, and its running hash if known. */
export interface ChunkTarget {
  file: string;
  offset: number;
  hash: Hash | undefined;
}

/**
 * Appends `body` to the target file and resolves with the bytes written. Rejects when `signal`
 * aborts (the upload was closed meanwhile), and in every case only once the file is closed, so
 * whoever closes the upload may read, cut or rename the file with no write still on its way.
 */
export async function receiveChunk(target: ChunkTarget, body: Readable, signal: AbortSignal): Promise<number> {
  const fd = openWithoutFollowing(target.file, constants.O_WRONLY | constants.O_APPEND);
  try {
    ftruncateSync(fd, target.offset);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  // 1 MiB of writes may queue: with less, a disk busy elsewhere stalls the client sooner (docker
  // push measured 0.77 of the reference with 256 KiB, 1.34 with 1 MiB, side by side).
  const out = createWriteStream(target.file, { fd, highWaterMark: 1024 * 1024 });
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      target.hash?.update(chunk);
      chunkReceived(chunk.length);
      done(null, chunk);
    },
  });
  // pipeline() destroys every stream it holds when it stops; the request must stay open so that
  // the handler can still answer it, so a gate stands between the two.
  const gate = new PassThrough();
  const stopWatching = finished(body, (error) => error && gate.destroy(error));
  body.pipe(gate);
  try {
    await pipeline(gate, meter, out, { signal });
    return received;
  } finally {
    stopWatching();
    body.unpipe(gate);
    if (!out.closed) await once(out, 'close');
  }
}
