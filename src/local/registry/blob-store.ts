// Blob bytes on disk, addressed by digest: <root>/<algorithm>/<first two hex>/<hex>. A file
// appears under its digest only by an atomic rename of a verified upload, so a reader never
// sees a partial blob. Callers must pass digests that passed isDigest (names.ts). Folders are
// real 0700 folders, never links (data-files.ts), and a blob file that is a link counts as missing.
import { lstatSync, renameSync, rmSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { privateFolder } from './data-files.js';
import { splitDigest } from './names.js';

/** An inclusive byte range of a blob. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where blob files live and how they are moved in, read and removed. */
export class BlobStore {
  constructor(private readonly root: string) {
    privateFolder(root);
  }

  /** The file that holds `digest`. */
  pathOf(digest: string): string {
    const { algorithm, hex } = splitDigest(digest);
    return join(this.root, algorithm, hex.slice(0, 2), hex);
  }

  /** The size of the stored file, or undefined when it is missing (or is not a regular file). */
  sizeOnDisk(digest: string): number | undefined {
    const info = lstatSync(this.pathOf(digest), { throwIfNoEntry: false });
    return info?.isFile() ? info.size : undefined;
  }

  /**
   * Moves a verified upload into place. Synchronous on purpose: together with the caller's SQLite
   * write it forms one step that the garbage collector (also synchronous) can never interleave.
   * Two concurrent pushes of one layer both rename identical bytes onto the same name: safe.
   */
  adoptSync(verifiedFile: string, digest: string): void {
    const target = this.pathOf(digest);
    privateFolder(dirname(dirname(target)));
    privateFolder(dirname(target));
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
          const info = await lstat(join(algorithmDir, prefix, hex)).catch(() => undefined);
          if (info) yield { digest: `${algorithm}:${hex}`, modifiedAt: info.mtimeMs };
        }
      }
    }
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
