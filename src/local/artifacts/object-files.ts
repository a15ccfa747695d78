// How objects sit on disk inside a bucket folder: each S3 key becomes one flat file name, so that
// `a/../b` can never leave the bucket, and every file is written atomically (temporary file, then
// rename), so a reader never sees half an object. S3 keys may be 1,024 bytes long (S3 user guide,
// "Naming Amazon S3 objects") while a file name holds 255: a long key's file is named by its hash,
// and its metadata file says which key it holds.
import { createHash, randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The longest encoded key kept as the file name itself (with `.json` added, still under 255 bytes). */
const LONGEST_PLAIN_NAME = 200;

/**
 * The file name of a key: the key percent-encoded, or, for a long key, `%~` and its SHA-256.
 * encodeURIComponent never writes `%~`, so the two kinds of name never meet.
 */
export function objectFileName(key: string): string {
  const encoded = encodeURIComponent(key);
  return encoded.length <= LONGEST_PLAIN_NAME ? encoded : `%~${createHash('sha256').update(key).digest('hex')}`;
}

/** The key a file name holds, when the name says it (undefined for a hashed name: read its metadata). */
export function keyOfFileName(name: string): string | undefined {
  return name.startsWith('%~') ? undefined : decodeURIComponent(name);
}

/** Whether a folder entry is a temporary file of a write in progress. */
export function isTemporary(name: string): boolean {
  return name.startsWith('.tmp-');
}

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
export function atomicWrite(path: string, content: Buffer | string): void {
  const temporary = join(path, '..', `.tmp-${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
