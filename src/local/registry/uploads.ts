// Blob upload sessions (POST, PATCH, PUT on /v2/<name>/blobs/uploads/). Each session streams into
// its own temporary file under <data>/uploads while the digest is computed; only a verified
// upload is moved into the blob store. Sessions are rows in SQLite, so an upload survives a
// registry restart at its last completed chunk, and a chunk cut off by a killed client or a
// killed registry is cut from the file before the next chunk is appended.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.js';
import type { Clock } from './clock.js';
import { statement, type RegistryDatabase } from './database.js';
import { DistributionError } from './errors.js';
import { splitDigest } from './names.js';

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

interface RunningHash {
  hash: Hash;
  offset: number;
}

interface UploadRow {
  id: string;
  repository: string;
  offset: number;
}

/** The upload sessions of one registry. */
export class Uploads {
  /** sha256 state of each upload at its recorded offset, so finishing needs no second read. */
  private readonly hashes = new Map<string, RunningHash>();
  /** Uploads receiving a chunk now: a second concurrent chunk would interleave bytes. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly db: RegistryDatabase,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly recordBlob: RecordBlob,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Starts a session with an empty temporary file. */
  start(repository: string): UploadStatus {
    const id = randomUUID();
    const now = this.clock.now();
    statement(this.db, 'INSERT INTO uploads (id, repository, offset, started_at, updated_at) VALUES (?, ?, 0, ?, ?)')
      .run(id, repository, now, now);
    writeFileSync(this.fileOf(id), '');
    return { id, repository, offset: 0 };
  }

  /** The session's status; BLOB_UPLOAD_UNKNOWN when it does not exist in this repository. */
  status(id: string, repository: string): UploadStatus {
    const row = statement(this.db, 'SELECT id, repository, offset FROM uploads WHERE id = ?').get(id) as
      | UploadRow
      | undefined;
    if (!row || row.repository !== repository) {
      throw new DistributionError(404, 'BLOB_UPLOAD_UNKNOWN', `upload '${id}' is unknown to repository '${repository}'`);
    }
    return row;
  }

  /** Appends one chunk (a PATCH body, or the body of the closing PUT). */
  async append(id: string, repository: string, body: Readable, range?: ChunkRange): Promise<UploadStatus> {
    const row = this.status(id, repository);
    if (range && range.start !== row.offset) {
      throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `chunk starts at byte ${range.start}, but the upload has ${row.offset} bytes`, {
        offset: row.offset,
      });
    }
    if (this.busy.has(id)) {
      throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `upload '${id}' is already receiving a chunk`, { offset: row.offset });
    }
    this.busy.add(id);
    try {
      return await this.appendExclusive(row, body, range);
    } finally {
      this.busy.delete(id);
    }
  }

  private async appendExclusive(row: UploadRow, body: Readable, range?: ChunkRange): Promise<UploadStatus> {
    const file = this.fileOf(row.id);
    // Bytes past the recorded offset belong to a chunk that never finished: drop them.
    truncateSync(file, row.offset);
    const running = this.hashes.get(row.id);
    const hash = running?.offset === row.offset ? running.hash : row.offset === 0 ? createHash('sha256') : undefined;
    this.hashes.delete(row.id);
    let received = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        hash?.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(body, meter, createWriteStream(file, { flags: 'a', highWaterMark: 1024 * 1024 }));
    if (range && range.end - range.start + 1 !== received) {
      truncateSync(file, row.offset);
      throw new DistributionError(416, 'BLOB_UPLOAD_INVALID', `Content-Range announced ${range.end - range.start + 1} bytes, the body had ${received}`, {
        offset: row.offset,
      });
    }
    const offset = row.offset + received;
    statement(this.db, 'UPDATE uploads SET offset = ?, updated_at = ? WHERE id = ?').run(offset, this.clock.now(), row.id);
    if (hash) this.hashes.set(row.id, { hash, offset });
    return { id: row.id, repository: row.repository, offset };
  }

  /** Verifies the whole upload against `digest` and moves it into the blob store. */
  async complete(id: string, repository: string, digest: string): Promise<{ digest: string; size: number }> {
    const row = this.status(id, repository);
    const actual = await this.digestOf(row, splitDigest(digest).algorithm);
    if (actual !== digest) {
      this.cancel(id, repository);
      throw new DistributionError(400, 'DIGEST_INVALID', `the uploaded content has digest ${actual}, not ${digest} as the client said`, {
        expected: digest,
        actual,
      });
    }
    // One synchronous step: the file appears and is recorded before anything else can run.
    this.blobs.adoptSync(this.fileOf(id), digest);
    this.recordBlob(repository, digest, row.offset);
    statement(this.db, 'DELETE FROM uploads WHERE id = ?').run(id);
    this.hashes.delete(id);
    return { digest, size: row.offset };
  }

  /** Abandons a session and deletes its temporary file. */
  cancel(id: string, repository: string): void {
    this.status(id, repository);
    this.forget(id);
  }

  /** Deletes sessions untouched since `before` (the garbage collector's sweep); returns how many. */
  expire(before: number): number {
    const stale = statement(this.db, 'SELECT id FROM uploads WHERE updated_at < ?').all(before) as { id: string }[];
    for (const { id } of stale) if (!this.busy.has(id)) this.forget(id);
    return stale.length;
  }

  private forget(id: string): void {
    statement(this.db, 'DELETE FROM uploads WHERE id = ?').run(id);
    this.hashes.delete(id);
    rmSync(this.fileOf(id), { force: true });
  }

  private async digestOf(row: UploadRow, algorithm: 'sha256' | 'sha512'): Promise<string> {
    const running = this.hashes.get(row.id);
    if (algorithm === 'sha256' && running?.offset === row.offset) {
      this.hashes.delete(row.id);
      return `sha256:${running.hash.digest('hex')}`;
    }
    // After a restart (or for sha512) the state is gone: read the file once more.
    const hash = createHash(algorithm);
    truncateSync(this.fileOf(row.id), row.offset);
    for await (const chunk of createReadStream(this.fileOf(row.id), { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
    return `${algorithm}:${hash.digest('hex')}`;
  }

  /** The temporary file of a session; ids are UUIDs made here, never client text. */
  private fileOf(id: string): string {
    return join(this.dir, id);
  }
}
