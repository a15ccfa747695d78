// Blob bytes on disk, addressed by digest: <root>/<algorithm>/<first two hex>/<hex>. A file
// appears under its digest only by an atomic rename of a verified upload, so a reader never
// sees a partial blob. Callers must pass digests that passed isDigest (names.ts).
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { splitDigest } from './names.js';

/** An inclusive byte range of a blob. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where blob files live and how they are moved in, read and removed. */
export class BlobStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  /** The file that holds `digest`. */
  pathOf(digest: string): string {
    const { algorithm, hex } = splitDigest(digest);
    return join(this.root, algorithm, hex.slice(0, 2), hex);
  }

  /** The size of the stored file, or undefined when it is missing. */
  sizeOnDisk(digest: string): number | undefined {
    try {
      return statSync(this.pathOf(digest)).size;
    } catch {
      return undefined;
    }
  }

  /**
   * Moves a verified upload into place. Synchronous on purpose: together with the caller's SQLite
   * write it forms one step that the garbage collector (also synchronous) can never interleave.
   * Two concurrent pushes of one layer both rename identical bytes onto the same name: safe.
   */
  adoptSync(verifiedFile: string, digest: string): void {
    const target = this.pathOf(digest);
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(verifiedFile, target);
  }

  /** Deletes a blob file (synchronous for the same reason as adoptSync). */
  removeSync(digest: string): void {
    rmSync(this.pathOf(digest), { force: true });
  }

  /** Every blob file on disk with its modification time, for the garbage collector's sweep. */
  async *list(): AsyncGenerator<{ digest: string; modifiedAt: number }> {
    for (const algorithm of ['sha256', 'sha512']) {
      const algorithmDir = join(this.root, algorithm);
      for (const prefix of await readdirOrEmpty(algorithmDir)) {
        for (const hex of await readdirOrEmpty(join(algorithmDir, prefix))) {
          const info = await stat(join(algorithmDir, prefix, hex)).catch(() => undefined);
          if (info) yield { digest: `${algorithm}:${hex}`, modifiedAt: info.mtimeMs };
        }
      }
    }
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
