// The local artifact store: what an S3 bucket becomes locally. Buckets are folders under
// `<home>/artifacts`; each key's current object is a file written atomically, with its metadata
// (ETag, size, version id, content type) beside it, so a reader never sees half an object. A
// bucket with versioning keeps older versions and delete markers too (object-versions.ts).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { atomicWrite, isTemporary, keyOfFileName, objectFileName } from './object-files.js';
import { NoncurrentVersions, type StoredVersion } from './object-versions.js';

/** What is known about a stored object, in S3's words. */
export interface ObjectInfo {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the content in double quotes, as S3 returns it for single-part uploads. */
  eTag: string;
  versionId: string;
  lastModified: string;
  /** The Content-Type given when it was stored (PutObject). */
  contentType?: string;
  /** User metadata given when it was stored (PutObject's x-amz-meta-* headers). */
  metadata?: Record<string, string>;
}

/** One version of a key, as ListObjectVersions shows it. */
export interface ObjectVersion extends StoredVersion {
  isLatest: boolean;
}

/** Settings a bucket carries (from AWS::S3::Bucket and AWS::S3::BucketPolicy). */
export interface BucketSettings {
  versioning: boolean;
  policy?: unknown;
  /** ISO 8601, when the bucket was made (ListBuckets' CreationDate). */
  createdAt?: string;
}

/** S3 bucket names: 3-63 characters, lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit (AWS, "Bucket naming rules"). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The problem with a bucket name, or undefined when S3 would accept it. */
export function bucketNameProblem(name: string): string | undefined {
  if (!BUCKET_NAME.test(name)) return `bucket name '${name}' must be 3-63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit`;
  if (name.includes('..')) return `bucket name '${name}' must not contain two adjacent periods`;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return `bucket name '${name}' must not be formatted as an IP address`;
  return undefined;
}

/** Buckets and objects on disk. */
export class ArtifactStore {
  constructor(readonly root: string) {}

  /** Creates a bucket; fails with BucketAlreadyExists when the name is taken. */
  createBucket(name: string, settings: BucketSettings = { versioning: false }): void {
    const problem = bucketNameProblem(name);
    if (problem) throw new SlipwayError('InvalidBucketName', problem);
    if (this.hasBucket(name)) throw new SlipwayError('BucketAlreadyExists', `The requested bucket name '${name}' is not available: a local bucket with that name exists`);
    mkdirSync(join(this.bucketDir(name), 'objects'), { recursive: true });
    mkdirSync(join(this.bucketDir(name), 'meta'), { recursive: true });
    atomicWrite(join(this.bucketDir(name), 'bucket.json'), JSON.stringify({ createdAt: new Date().toISOString(), ...settings }));
  }

  /** When a bucket was made (buckets made before it was recorded: when its folder was). */
  bucketCreationDate(name: string): Date {
    const settings = this.bucketSettings(name);
    return settings.createdAt ? new Date(settings.createdAt) : statSync(this.bucketDir(name)).birthtime;
  }

  /** Whether a bucket exists. */
  hasBucket(name: string): boolean {
    return existsSync(join(this.bucketDir(name), 'bucket.json'));
  }

  /** The names of every bucket. */
  listBuckets(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root).filter((name) => this.hasBucket(name)).sort();
  }

  /** Replaces a bucket's settings. */
  putBucketSettings(name: string, settings: BucketSettings): void {
    this.requireBucket(name);
    atomicWrite(join(this.bucketDir(name), 'bucket.json'), JSON.stringify(settings));
  }

  /** A bucket's settings. */
  bucketSettings(name: string): BucketSettings {
    this.requireBucket(name);
    return JSON.parse(readFileSync(join(this.bucketDir(name), 'bucket.json'), 'utf8')) as BucketSettings;
  }

  /** Deletes an empty bucket; a bucket with objects fails with BucketNotEmpty, as S3 does. */
  deleteBucket(name: string, options: { force?: boolean } = {}): void {
    if (!this.hasBucket(name)) return;
    if (!options.force && (this.listObjects(name).length > 0 || this.versions(name).keys().length > 0)) {
      throw new SlipwayError('BucketNotEmpty', `The bucket you tried to delete is not empty (bucket '${name}')`, { kind: 'failed', hint: 'empty the bucket first, or set DeletionPolicy: Retain on it' });
    }
    rmSync(this.bucketDir(name), { recursive: true, force: true });
  }

  /**
   * Stores an object atomically and returns its metadata. With versioning the current object
   * becomes a noncurrent version; without it, a new object takes the version id `null` and
   * replaces the `null` version (S3 user guide, "Working with objects in a versioning-suspended bucket").
   */
  putObject(bucket: string, key: string, content: Buffer | string, options: { contentType?: string; metadata?: Record<string, string> } = {}): ObjectInfo {
    this.requireBucket(bucket);
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const versioned = this.bucketSettings(bucket).versioning;
    const info: ObjectInfo = {
      bucket,
      key,
      size: body.length,
      eTag: `"${createHash('md5').update(body).digest('hex')}"`,
      versionId: versioned ? randomBytes(16).toString('base64url') : 'null',
      lastModified: new Date().toISOString(),
      ...(options.contentType ? { contentType: options.contentType } : {}),
      ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
    };
    this.retireCurrent(bucket, key, versioned);
    atomicWrite(this.objectPath(bucket, key), body);
    atomicWrite(this.metaPath(bucket, key), JSON.stringify(info));
    return info;
  }

  /** An object's content (the current one, or the version asked for), or undefined if there is none. */
  getObject(bucket: string, key: string, versionId?: string): Buffer | undefined {
    const found = this.headObject(bucket, key, versionId);
    if (!found || found.deleteMarker) return undefined;
    const current = this.headObject(bucket, key);
    return readFileSync(current?.versionId === found.versionId ? this.objectPath(bucket, key) : this.versions(bucket).bodyPath(key, found.versionId));
  }

  /** An object's metadata (the current one, or the version asked for, which may be a delete marker), or undefined. */
  headObject(bucket: string, key: string, versionId?: string): StoredVersion | undefined {
    this.requireBucket(bucket);
    const path = this.metaPath(bucket, key);
    const current = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ObjectInfo) : undefined;
    if (versionId === undefined || current?.versionId === versionId) return current;
    return this.versions(bucket).list(key).find((version) => version.versionId === versionId);
  }

  /** Keys with a current object in a bucket, sorted, optionally under a prefix. */
  listObjects(bucket: string, prefix = ''): string[] {
    this.requireBucket(bucket);
    return readdirSync(join(this.bucketDir(bucket), 'objects'))
      .filter((name) => !isTemporary(name))
      .map((name) => keyOfFileName(name) ?? this.keyInMeta(bucket, name))
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  /** Every version and delete marker of the keys under `prefix`: by key, each key's newest first. */
  listObjectVersions(bucket: string, prefix = ''): ObjectVersion[] {
    const keys = [...new Set([...this.listObjects(bucket, prefix), ...this.versions(bucket).keys().filter((key) => key.startsWith(prefix))])].sort();
    return keys.flatMap((key) => {
      const current = this.headObject(bucket, key);
      const older = this.versions(bucket).list(key);
      return [...(current ? [current] : []), ...older].map((version, index) => ({ ...version, isLatest: index === 0 }));
    });
  }

  /**
   * DeleteObject. Without a version id: removes the object, or, in a bucket that keeps versions,
   * puts a delete marker on top. With one: removes that version for good, and the next newest
   * becomes current. Removing what is not there is not an error (as in S3).
   */
  deleteObject(bucket: string, key: string, versionId?: string): { deleteMarker?: true; versionId?: string } {
    this.requireBucket(bucket);
    if (versionId !== undefined) return this.deleteVersion(bucket, key, versionId);
    const versioned = this.bucketSettings(bucket).versioning;
    const current = this.headObject(bucket, key);
    if (!versioned && (current?.versionId ?? 'null') === 'null' && this.versions(bucket).list(key).length === 0) {
      this.removeCurrent(bucket, key);
      return {};
    }
    this.retireCurrent(bucket, key, versioned);
    this.removeCurrent(bucket, key);
    const marker = versioned ? randomBytes(16).toString('base64url') : 'null';
    this.versions(bucket).push({ bucket, key, size: 0, eTag: '', versionId: marker, lastModified: new Date().toISOString(), deleteMarker: true });
    return { deleteMarker: true, versionId: marker };
  }

  private deleteVersion(bucket: string, key: string, versionId: string): { deleteMarker?: true; versionId: string } {
    const current = this.headObject(bucket, key);
    let removed: StoredVersion | undefined;
    if (current?.versionId === versionId) {
      this.removeCurrent(bucket, key);
      removed = current;
    } else {
      removed = this.versions(bucket).remove(key, versionId);
    }
    if (removed) this.promote(bucket, key);
    return { versionId, ...(removed?.deleteMarker ? { deleteMarker: true as const } : {}) };
  }

  // The current object steps down before a new one (or a delete marker) takes its place: kept as a
  // noncurrent version unless it is the `null` version of a bucket without versioning now.
  private retireCurrent(bucket: string, key: string, versioned: boolean): void {
    const current = this.headObject(bucket, key);
    if (!versioned) this.versions(bucket).remove(key, 'null');
    if (current && (versioned || current.versionId !== 'null')) this.versions(bucket).push(current, this.objectPath(bucket, key));
  }

  // With the current version gone, the newest older version becomes current, unless it is a delete marker.
  private promote(bucket: string, key: string): void {
    const versions = this.versions(bucket);
    const [newest] = versions.list(key);
    if (this.headObject(bucket, key) || !newest || newest.deleteMarker) return;
    renameSync(versions.bodyPath(key, newest.versionId), this.objectPath(bucket, key));
    atomicWrite(this.metaPath(bucket, key), JSON.stringify(newest));
    versions.remove(key, newest.versionId);
  }

  private removeCurrent(bucket: string, key: string): void {
    rmSync(this.objectPath(bucket, key), { force: true });
    rmSync(this.metaPath(bucket, key), { force: true });
  }

  private versions(bucket: string): NoncurrentVersions {
    return new NoncurrentVersions(this.bucketDir(bucket));
  }

  private keyInMeta(bucket: string, fileName: string): string {
    return (JSON.parse(readFileSync(join(this.bucketDir(bucket), 'meta', `${fileName}.json`), 'utf8')) as ObjectInfo).key;
  }

  private requireBucket(name: string): void {
    if (!this.hasBucket(name)) throw new SlipwayError('NoSuchBucket', `The specified bucket does not exist: '${name}'`, { kind: 'failed' });
  }

  private bucketDir(name: string): string {
    return join(this.root, name);
  }

  private objectPath(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), 'objects', objectFileName(key));
  }

  private metaPath(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), 'meta', `${objectFileName(key)}.json`);
  }
}
