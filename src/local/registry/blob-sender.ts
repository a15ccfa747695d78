// Sends a blob file (or a range of it) as an HTTP response body. A plain fs.ReadStream piped to
// the response reads a fresh buffer per chunk and stops reading until the socket drains, so
// disk reads and socket writes take turns. Here a few buffers are reused in rotation: the next
// read fills one while the socket still sends the others, and no new memory is touched per
// chunk. Memory per download stays at BUFFER_COUNT × BUFFER_BYTES whatever the blob size, and
// the buffers go back to a pool for the next download: memory freed and allocated again per
// download would stay in the process after use (malloc keeps it), so an idle registry would
// look as large as a busy one. Blob files are opened without following links (data-files.ts).
import { closeSync, constants, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { ByteRange } from './blob-store.js';
import { openWithoutFollowing } from './data-files.js';

const BUFFER_BYTES = 512 * 1024;
const BUFFER_COUNT = 4;
/** Up to this size a blob is read in one synchronous call: cheaper than three thread-pool trips. */
const SMALL_BLOB_BYTES = 256 * 1024;

/** Buffers of finished downloads, kept for the next ones (at most one download's worth). */
const pool: Buffer[] = [];

function giveBack(buffer: Buffer): void {
  if (pool.length < BUFFER_COUNT) pool.push(buffer);
}

/** Lets the kept buffers go (the registry is idle): the next download allocates its own. */
export function releaseSendBuffers(): void {
  pool.length = 0;
}

/** Writes bytes `range.start`..`range.end` (inclusive) of `file` to `res`, then ends it. */
export async function sendBlobFile(res: ServerResponse, file: string, range: ByteRange): Promise<void> {
  if (range.end - range.start + 1 <= SMALL_BLOB_BYTES) return sendSmallBlob(res, file, range);
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  const free = Array.from(
    { length: Math.min(BUFFER_COUNT, Math.ceil((range.end - range.start + 1) / BUFFER_BYTES)) },
    () => pool.pop() ?? Buffer.allocUnsafeSlow(BUFFER_BYTES),
  );
  let wake: (() => void) | undefined;
  let clientGone = false;
  let done = false;
  const onClose = () => {
    clientGone = !res.writableFinished;
    wake?.();
  };
  res.once('close', onClose);
  // A buffer is reused only once its write has called back: the socket no longer needs its bytes.
  const release = (buffer: Buffer) => () => {
    if (done) return giveBack(buffer);
    free.push(buffer);
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  try {
    for (let position = range.start; position <= range.end; ) {
      while (free.length === 0 && !clientGone) await new Promise<void>((resolve) => (wake = resolve));
      if (clientGone) return;
      const buffer = free.pop()!;
      const { bytesRead } = await handle.read(buffer, 0, Math.min(BUFFER_BYTES, range.end - position + 1), position);
      if (bytesRead === 0) throw new Error(`${file} ended at byte ${position}, before its recorded size`);
      position += bytesRead;
      res.write(buffer.subarray(0, bytesRead), release(buffer));
    }
    res.end();
  } finally {
    done = true;
    free.splice(0).forEach(giveBack);
    res.off('close', onClose);
    await handle.close();
  }
}

/** Small blobs (configs, most layers of a many-layer image) in one read from the page cache. */
function sendSmallBlob(res: ServerResponse, file: string, range: ByteRange): void {
  const buffer = Buffer.allocUnsafe(range.end - range.start + 1);
  const fd = openWithoutFollowing(file, constants.O_RDONLY);
  try {
    const bytesRead = readSync(fd, buffer, 0, buffer.length, range.start);
    if (bytesRead !== buffer.length) throw new Error(`${file} holds fewer bytes than its recorded size`);
  } finally {
    closeSync(fd);
  }
  res.end(buffer);
}
