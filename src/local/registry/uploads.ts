// Blob upload sessions (POST, PATCH, PUT on /v2/<name>/blobs/uploads/). Each session streams into
// its own temporary file under <data>/uploads while the digest is computed; only a verified
// upload is moved into the blob store. Sessions are rows in SQLite, so an upload survives a
// registry restart at its last completed chunk. Closing a session (PUT, DELETE) first stops a
// chunk still arriving and waits until its file is closed: that chunk is refused as for an
// upload that is gone (BLOB_UPLOAD_UNKNOWN), and its bytes never reach the stored blob.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { closeSync, constants, createReadStream, ftruncateSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BlobStore } from './blob-store.js';
import type { Clock } from './clock.js';
import { createPrivateFile, openWithoutFollowing, privateFolder } from './data-files.js';
import { statement, type RegistryDatabase } from './database.js';
import { DistributionError } from './errors.js';
import { splitDigest } from './names.js';
import { receiveChunk } from './upload-chunk.js';

/** Where an upload session stands: the bytes received so far. */
export interface UploadStatus {
  id: string;
  repository: string;
  offset: number;
}

/** A `Content-Range: <start>-<end>` of a PATCH request (inclusive end). */
export interface ChunkRange {
  start: number;
  end: number;
}

/** Records a verified blob as stored and linked to a repository (one SQLite transaction). */
export type RecordBlob = (repository: string, digest: string, size: number) => void;

/** A chunk being received: how to stop it, and when it has stopped (its file closed). */
interface Receiving {
  stop: AbortController;
  settled: Promise<unknown>;
}

/** The upload sessions of one registry. */
export class Uploads {
  /** sha256 state of each upload at its recorded offset, so finishing needs no second read. */
  private readonly hashes = new Map<string, { hash: Hash; offset: number }>();
  /** Uploads receiving a chunk now: a second concurrent chunk would interleave bytes. */
  private readonly receiving = new Map<string, Receiving>();
  /** Uploads being completed or cancelled: no chunk may start on them any more. */
  private readonly closing = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly db: RegistryDatabase,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly recordBlob: RecordBlob,
  ) {
    privateFolder(dir);
  }

  /** Starts a session with an empty temporary file. */
  start(repository: string): UploadStatus {
    const id = randomUUID();
    const now = this.clock.now();
    closeSync(createPrivateFile(this.fileOf(id)));
    statement(this.db, 'INSERT INTO uploads (id, repository, offset, started_at, updated_at) VALUES (?, ?, 0, ?, ?)').run(id, repository, now, now);
    return { id, repository, offset: 0 };
  }

  /** The session's status; BLOB_UPLOAD_UNKNOWN when it does not exist in this repository or is closing. */
  status(id: string, repository: string): UploadStatus {
    if (this.closing.has(id)) throw unknownUpload(id, repository);
    return this.row(id, repository);
  }

  /** Appends one chunk (a PATCH body); 416 when it does not start where the upload ends. */
  async append(id: string, repository: string, body: Readable, range?: ChunkRange): Promise<UploadStatus> {
    const row = this.status(id, repository);
    if (this.receiving.has(id)) throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `upload '${id}' is already receiving a chunk`, { offset: row.offset });
    return this.receive(row, body, range);
  }

  /**
   * Closes the session with a PUT (or a single POST): stops a chunk still arriving, appends
   * `body` if there is one, verifies the whole upload against `digest` and moves it into the
   * blob store.
   */
  async complete(id: string, repository: string, digest: string, body?: Readable, range?: ChunkRange): Promise<{ digest: string; size: number }> {
    this.status(id, repository);
    this.closing.add(id);
    try {
      await this.stopReceiving(id);
      const row = body ? await this.receive(this.row(id, repository), body, range) : this.row(id, repository);
      const actual = await this.digestOf(row, splitDigest(digest).algorithm);
      if (actual !== digest) {
        this.forget(id);
        throw new DistributionError(400, 'DIGEST_INVALID', `the uploaded content has digest ${actual}, not ${digest} as the client said`, { expected: digest, actual });
      }
      // One synchronous step: the file appears and is recorded before anything else can run.
      this.blobs.adoptSync(this.fileOf(id), digest);
      this.recordBlob(repository, digest, row.offset);
      statement(this.db, 'DELETE FROM uploads WHERE id = ?').run(id);
      this.hashes.delete(id);
      return { digest, size: row.offset };
    } finally {
      this.closing.delete(id);
    }
  }

  /** Abandons a session (DELETE): stops a chunk still arriving and deletes the temporary file. */
  async cancel(id: string, repository: string): Promise<void> {
    this.status(id, repository);
    this.closing.add(id);
    try {
      await this.stopReceiving(id);
      this.forget(id);
    } finally {
      this.closing.delete(id);
    }
  }

  /** Deletes sessions untouched since `before` (the garbage collector's sweep); returns how many. */
  expire(before: number): number {
    const stale = statement(this.db, 'SELECT id FROM uploads WHERE updated_at < ?').all(before) as { id: string }[];
    for (const { id } of stale) if (!this.receiving.has(id) && !this.closing.has(id)) this.forget(id);
    return stale.length;
  }

  private row(id: string, repository: string): UploadStatus {
    const row = statement(this.db, 'SELECT id, repository, offset FROM uploads WHERE id = ?').get(id) as UploadStatus | undefined;
    if (!row || row.repository !== repository) throw unknownUpload(id, repository);
    return row;
  }

  /** Receives one chunk at the recorded offset and records the new offset. */
  private async receive(row: UploadStatus, body: Readable, range?: ChunkRange): Promise<UploadStatus> {
    if (range && range.start !== row.offset) {
      throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `chunk starts at byte ${range.start}, but the upload has ${row.offset} bytes`, { offset: row.offset });
    }
    const running = this.hashes.get(row.id);
    const hash = running?.offset === row.offset ? running.hash : row.offset === 0 ? createHash('sha256') : undefined;
    this.hashes.delete(row.id);
    const stop = new AbortController();
    const receiving = receiveChunk({ file: this.fileOf(row.id), offset: row.offset, hash }, body, stop.signal);
    this.receiving.set(row.id, { stop, settled: receiving.catch(() => undefined) });
    let received: number;
    try {
      received = await receiving;
    } catch (error) {
      throw stop.signal.aborted ? unknownUpload(row.id, row.repository) : error;
    } finally {
      this.receiving.delete(row.id);
    }
    if (range && range.end - range.start + 1 !== received) {
      throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `Content-Range announced ${range.end - range.start + 1} bytes, the body had ${received}`, { offset: row.offset });
    }
    const offset = row.offset + received;
    statement(this.db, 'UPDATE uploads SET offset = ?, updated_at = ? WHERE id = ?').run(offset, this.clock.now(), row.id);
    if (hash) this.hashes.set(row.id, { hash, offset });
    return { id: row.id, repository: row.repository, offset };
  }

  /** Stops the chunk the upload is receiving, if any, and waits until its file is closed. */
  private async stopReceiving(id: string): Promise<void> {
    const receiving = this.receiving.get(id);
    if (!receiving) return;
    receiving.stop.abort();
    await receiving.settled;
  }

  private forget(id: string): void {
    statement(this.db, 'DELETE FROM uploads WHERE id = ?').run(id);
    this.hashes.delete(id);
    rmSync(this.fileOf(id), { force: true });
  }

  private async digestOf(row: UploadStatus, algorithm: 'sha256' | 'sha512'): Promise<string> {
    const running = this.hashes.get(row.id);
    if (algorithm === 'sha256' && running?.offset === row.offset) {
      this.hashes.delete(row.id);
      return `sha256:${running.hash.digest('hex')}`;
    }
    // After a restart, a stopped chunk (or for sha512) the state is gone: read the file once more,
    // cut back first to the recorded offset (bytes past it belong to a chunk that never finished).
    const hash = createHash(algorithm);
    const fd = openWithoutFollowing(this.fileOf(row.id), constants.O_RDWR);
    try {
      ftruncateSync(fd, row.offset);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    for await (const chunk of createReadStream('', { fd, highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
    return `${algorithm}:${hash.digest('hex')}`;
  }

  /** The temporary file of a session; ids are UUIDs made here, never client text. */
  private fileOf(id: string): string {
    return join(this.dir, id);
  }
}

function unknownUpload(id: string, repository: string): DistributionError {
  return new DistributionError(404, 'BLOB_UPLOAD_UNKNOWN', `upload '${id}' is unknown to repository '${repository}'`);
}
