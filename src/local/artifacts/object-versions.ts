// What a bucket keeps of a key besides its current object: noncurrent versions and delete
// markers, newest first, as S3 keeps them once versioning has been enabled (S3 user guide,
// "Retaining multiple versions of objects with S3 Versioning"). They live in
// `<bucket>/versions/<file name>/`: `index.json` lists them, and each version's body is a file
// named by its version id.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectInfo } from './artifact-store.js';
import { atomicWrite, isTemporary, objectFileName } from './object-files.js';

/** A version kept by a versioned bucket: an object's content, or a delete marker (no content). */
export interface StoredVersion extends ObjectInfo {
  deleteMarker?: boolean;
}

/** The noncurrent versions and delete markers of one bucket's keys. */
export class NoncurrentVersions {
  constructor(private readonly bucketDir: string) {}

  /** A key's noncurrent versions and delete markers, newest first. */
  list(key: string): StoredVersion[] {
    const index = join(this.folder(key), 'index.json');
    return existsSync(index) ? (JSON.parse(readFileSync(index, 'utf8')) as StoredVersion[]) : [];
  }

  /** Every key that has noncurrent versions or delete markers. */
  keys(): string[] {
    const root = join(this.bucketDir, 'versions');
    if (!existsSync(root)) return [];
    return readdirSync(root).filter((name) => !isTemporary(name)).flatMap((name) => this.keyIn(join(root, name)));
  }

  /** Keeps a version as the key's newest noncurrent one; its body file (if any) is moved in. */
  push(version: StoredVersion, body?: string): void {
    const folder = this.folder(version.key);
    mkdirSync(folder, { recursive: true });
    if (body !== undefined && existsSync(body)) renameSync(body, this.bodyPath(version.key, version.versionId));
    this.write(version.key, [version, ...this.list(version.key).filter((other) => other.versionId !== version.versionId)]);
  }

  /** Forgets one version (and its body); returns it, or undefined when the key has no such version. */
  remove(key: string, versionId: string): StoredVersion | undefined {
    const versions = this.list(key);
    const found = versions.find((version) => version.versionId === versionId);
    if (!found) return undefined;
    if (!found.deleteMarker) rmSync(this.bodyPath(key, versionId), { force: true });
    this.write(key, versions.filter((version) => version !== found));
    return found;
  }

  /** Where a noncurrent version's content is. */
  bodyPath(key: string, versionId: string): string {
    return join(this.folder(key), encodeURIComponent(versionId));
  }

  private write(key: string, versions: StoredVersion[]): void {
    if (versions.length === 0) rmSync(this.folder(key), { recursive: true, force: true });
    else atomicWrite(join(this.folder(key), 'index.json'), JSON.stringify(versions));
  }

  private keyIn(folder: string): string[] {
    const index = join(folder, 'index.json');
    return existsSync(index) ? [(JSON.parse(readFileSync(index, 'utf8')) as StoredVersion[])[0]!.key] : [];
  }

  private folder(key: string): string {
    return join(this.bucketDir, 'versions', objectFileName(key));
  }
}
