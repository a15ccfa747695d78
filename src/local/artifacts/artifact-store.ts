// The local artifact store: what an S3 bucket becomes locally. Buckets are folders under
// `<home>/artifacts`; each object is a file written atomically (temporary file, then rename),
// with its metadata (ETag, size, version id) beside it, so a reader never sees half an object.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';

/** What is known about a stored object, in S3's words. */
export interface ObjectInfo {
  bucket: string;
  key: string;
  size: number;
  /** Hex MD5 of the content in double quotes, as S3 returns it for single-part uploads. */
  eTag: string;
  versionId: string;
  lastModified: string;
}

/** Settings a bucket carries (from AWS::S3::Bucket and AWS::S3::BucketPolicy). */
export interface BucketSettings {
  versioning: boolean;
  policy?: unknown;
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
    atomicWrite(join(this.bucketDir(name), 'bucket.json'), JSON.stringify(settings));
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
    if (!options.force && this.listObjects(name).length > 0) {
      throw new SlipwayError('BucketNotEmpty', `The bucket you tried to delete is not empty (bucket '${name}')`, { kind: 'failed', hint: 'empty the bucket first, or set DeletionPolicy: Retain on it' });
    }
    rmSync(this.bucketDir(name), { recursive: true, force: true });
  }

  /** Stores an object atomically and returns its metadata. */
  putObject(bucket: string, key: string, content: Buffer | string): ObjectInfo {
    this.requireBucket(bucket);
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const info: ObjectInfo = {
      bucket,
      key,
      size: body.length,
      eTag: `"${createHash('md5').update(body).digest('hex')}"`,
      versionId: this.bucketSettings(bucket).versioning ? randomBytes(16).toString('base64url') : 'null',
      lastModified: new Date().toISOString(),
    };
    atomicWrite(this.objectPath(bucket, key), body);
    atomicWrite(this.metaPath(bucket, key), JSON.stringify(info));
    return info;
  }

  /** An object's content, or undefined if there is none under that key. */
  getObject(bucket: string, key: string): Buffer | undefined {
    this.requireBucket(bucket);
    const path = this.objectPath(bucket, key);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  /** An object's metadata, or undefined. */
  headObject(bucket: string, key: string): ObjectInfo | undefined {
    this.requireBucket(bucket);
    const path = this.metaPath(bucket, key);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ObjectInfo) : undefined;
  }

  /** Keys in a bucket, sorted, optionally under a prefix. */
  listObjects(bucket: string, prefix = ''): string[] {
    this.requireBucket(bucket);
    return readdirSync(join(this.bucketDir(bucket), 'objects'))
      .filter((name) => !name.startsWith('.tmp-'))
      .map(decodeURIComponent)
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  /** Removes an object; removing a missing key is not an error (as in S3). */
  deleteObject(bucket: string, key: string): void {
    this.requireBucket(bucket);
    rmSync(this.objectPath(bucket, key), { force: true });
    rmSync(this.metaPath(bucket, key), { force: true });
  }

  private requireBucket(name: string): void {
    if (!this.hasBucket(name)) throw new SlipwayError('NoSuchBucket', `The specified bucket does not exist: '${name}'`, { kind: 'failed' });
  }

  private bucketDir(name: string): string {
    return join(this.root, name);
  }

  // Keys are encoded into one flat file name, so `a/../b` can never leave the bucket folder.
  private objectPath(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), 'objects', encodeURIComponent(key));
  }

  private metaPath(bucket: string, key: string): string {
    return join(this.bucketDir(bucket), 'meta', `${encodeURIComponent(key)}.json`);
  }
}

function atomicWrite(path: string, content: Buffer | string): void {
  const dir = join(path, '..');
  const temporary = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
