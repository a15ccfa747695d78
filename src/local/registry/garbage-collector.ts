// Garbage collection: removes blobs that no image uses, and abandoned uploads. A blob is kept
// while it is linked to a repository; a link no manifest uses is dropped once it is older than
// the grace period, so a layer pushed just before its manifest is never collected. Each removal
// (SQLite row, then file) runs synchronously, as does each upload's commit (rename, then row):
// on Node's single thread the two can never interleave.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import type { Clock } from './clock.js';
import { statement, type RegistryDatabase } from './database.js';
import type { Uploads } from './uploads.js';

/** How long an unused layer stays collectable-proof after its push, mount or last check. */
export const DEFAULT_GC_GRACE_PERIOD_MS = 60 * 60 * 1000;
/** How long an untouched upload session lives (the reference registry keeps them a week). */
export const DEFAULT_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

export interface GarbageCollectionOptions {
  /** Default DEFAULT_GC_GRACE_PERIOD_MS (1 hour). */
  gracePeriodMs?: number;
  /** Default DEFAULT_UPLOAD_TTL_MS (24 hours). */
  uploadTtlMs?: number;
}

export interface GarbageCollectionResult {
  deletedBlobs: string[];
  freedBytes: number;
  expiredUploads: number;
}

interface Parts {
  db: RegistryDatabase;
  blobs: BlobStore;
  uploads: Uploads;
  uploadsDir: string;
  clock: Clock;
}

/** Runs one collection. */
export async function collectGarbage(parts: Parts, options: GarbageCollectionOptions = {}): Promise<GarbageCollectionResult> {
  const cutoff = parts.clock.now() - (options.gracePeriodMs ?? DEFAULT_GC_GRACE_PERIOD_MS);
  const expiredUploads = parts.uploads.expire(parts.clock.now() - (options.uploadTtlMs ?? DEFAULT_UPLOAD_TTL_MS));
  const result = { ...sweepUnusedBlobs(parts, cutoff), expiredUploads };
  for await (const file of parts.blobs.list()) {
    // A file without a row is left from a crash between rename and record: remove it once old.
    if (file.modifiedAt < cutoff && !statement(parts.db, 'SELECT 1 FROM blobs WHERE digest = ?').get(file.digest)) parts.blobs.removeSync(file.digest);
  }
  sweepOrphanUploadFiles(parts, cutoff);
  return result;
}

/** Unlinks unused old links, then deletes blobs linked nowhere — in one synchronous step. */
function sweepUnusedBlobs({ db, blobs }: Parts, cutoff: number): Omit<GarbageCollectionResult, 'expiredUploads'> {
  statement(db, 
    `DELETE FROM repository_blobs WHERE linked_at < ? AND NOT EXISTS (
       SELECT 1 FROM manifest_references r
       WHERE r.repository = repository_blobs.repository AND r.kind = 'blob' AND r.digest = repository_blobs.digest)`,
  ).run(cutoff);
  const unused = statement(db, 'SELECT digest, size FROM blobs b WHERE stored_at < ? AND NOT EXISTS (SELECT 1 FROM repository_blobs l WHERE l.digest = b.digest)')
    .all(cutoff) as { digest: string; size: number }[];
  const remove = statement(db, 'DELETE FROM blobs WHERE digest = ?');
  for (const blob of unused) {
    remove.run(blob.digest);
    blobs.removeSync(blob.digest);
  }
  return { deletedBlobs: unused.map((blob) => blob.digest), freedBytes: unused.reduce((sum, blob) => sum + blob.size, 0) };
}

/** Upload files whose session row is gone (a crash between the two) are removed once old. */
function sweepOrphanUploadFiles({ db, uploadsDir }: Parts, cutoff: number): void {
  for (const name of readdirSync(uploadsDir)) {
    const file = join(uploadsDir, name);
    if (statement(db, 'SELECT 1 FROM uploads WHERE id = ?').get(name)) continue;
    if ((lstatSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < cutoff) rmSync(file, { force: true });
  }
}
