// Images in repositories: manifests, tags and the blobs linked to each repository. The /v2/ API
// and the ECR image calls (PutImage, DescribeImages, ListImages, BatchGetImage,
// BatchDeleteImage) both go through here, so a push by docker and a PutImage obey the same rules.
import type { Clock } from './clock.js';
import { statement, type RegistryDatabase } from './database.js';
import { DistributionError, ecrError, tagAlreadyExists } from './errors.js';
import { digestOf, parseManifest, type ParsedManifest } from './manifest.js';
import { isDigest, isTag, splitDigest } from './names.js';
import type { RepositoryRecord, Repositories } from './repositories.js';
import { isTagImmutable } from './tag-mutability.js';

/** A stored manifest, as served by GET /v2/<name>/manifests/<reference>. */
export interface StoredManifest {
  digest: string;
  mediaType: string;
  content: Buffer;
}

/** One image as the registry keeps it (the facts DescribeImages reports). */
export interface ImageRecord {
  digest: string;
  mediaType: string;
  artifactType: string | null;
  subject: string | null;
  imageSize: number;
  pushedAt: number;
  tags: string[];
}

interface ManifestRow {
  digest: string;
  media_type: string;
  artifact_type: string | null;
  subject: string | null;
  image_size: number;
  pushed_at: number;
  content_length: number;
}

/** The manifests, tags and blob links of every repository. */
export class Images {
  constructor(
    private readonly db: RegistryDatabase,
    private readonly repositories: Repositories,
    private readonly clock: Clock,
    /** Links older than this are refreshed when a client checks them, restarting GC's grace. */
    private readonly linkRefreshMs: number,
  ) {}

  /** The size of a blob linked to the repository, or undefined (BLOB_UNKNOWN on /v2/). */
  linkedBlob(repository: string, digest: string): { size: number } | undefined {
    const row = statement(this.db, 'SELECT b.size AS size, l.linked_at AS linkedAt FROM repository_blobs l JOIN blobs b ON b.digest = l.digest WHERE l.repository = ? AND l.digest = ?')
      .get(repository, digest) as { size: number; linkedAt: number } | undefined;
    if (row && row.linkedAt < this.clock.now() - this.linkRefreshMs) {
      // A client that found the layer will reference it soon: keep the collector off it.
      statement(this.db, 'UPDATE repository_blobs SET linked_at = ? WHERE repository = ? AND digest = ?').run(this.clock.now(), repository, digest);
    }
    return row && { size: row.size };
  }

  /** Records a verified blob file and links it to the repository. */
  recordBlob(repository: string, digest: string, size: number): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      statement(this.db, 'INSERT INTO blobs (digest, size, stored_at) VALUES (?, ?, ?) ON CONFLICT(digest) DO UPDATE SET stored_at = excluded.stored_at').run(digest, size, now);
      this.link(repository, digest, now);
    })();
  }

  /** Cross-repository mount: links a blob of `from` to `repository`; false when `from` lacks it. */
  mountBlob(repository: string, from: string, digest: string): { size: number } | undefined {
    if (!this.repositories.find(from)) return undefined;
    const blob = this.linkedBlob(from, digest);
    if (blob) this.link(repository, digest, this.clock.now());
    return blob;
  }

  /** DELETE /v2/<name>/blobs/<digest>: unlinks a layer no manifest of the repository uses. */
  unlinkBlob(repository: string, digest: string): void {
    if (!this.linkedBlob(repository, digest)) throw new DistributionError(404, 'BLOB_UNKNOWN', `blob ${digest} is not in repository '${repository}'`);
    const user = statement(this.db, "SELECT manifest FROM manifest_references WHERE repository = ? AND kind = 'blob' AND digest = ? LIMIT 1").get(repository, digest) as { manifest: string } | undefined;
    if (user) {
      throw new DistributionError(405, 'UNSUPPORTED', `blob ${digest} is used by image ${user.manifest}; delete the image first (its layers are then collected)`);
    }
    statement(this.db, 'DELETE FROM repository_blobs WHERE repository = ? AND digest = ?').run(repository, digest);
  }

  private link(repository: string, digest: string, now: number): void {
    statement(this.db, 'INSERT INTO repository_blobs (repository, digest, linked_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET linked_at = excluded.linked_at')
      .run(repository, digest, now);
  }

  /** Stores a manifest under a tag or its digest, enforcing ECR's rules; returns its digest. */
  putManifest(input: { repository: string; reference: string; content: Buffer; contentType: string | undefined }): ParsedManifest {
    const record = this.repositories.require(input.repository);
    const manifest = parseManifest(input.content, input.contentType);
    const tag = referenceTag(input.reference, input.content);
    this.db.transaction(() => {
      this.checkReferences(record.name, manifest);
      if (tag !== undefined) this.checkTagMayMove(record, tag);
      this.insertManifest(record.name, manifest, input.content);
      if (tag !== undefined) {
        statement(this.db, 'INSERT INTO tags (repository, tag, digest, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at').run(record.name, tag, manifest.digest, this.clock.now());
      }
    })();
    return manifest;
  }

  /** ECR refuses to move an existing tag in an immutable repository, even to the same digest. */
  private checkTagMayMove(record: RepositoryRecord, tag: string): void {
    const existing = statement(this.db, 'SELECT digest FROM tags WHERE repository = ? AND tag = ?').get(record.name, tag);
    if (existing && isTagImmutable(record.imageTagMutability, record.exclusionFilters, tag)) throw tagAlreadyExists(tag, record.name);
  }

  /** Every blob must be linked to the repository with the size the manifest states; every child manifest present. */
  private checkReferences(repository: string, manifest: ParsedManifest): void {
    for (const blob of manifest.blobs) {
      const stored = this.linkedBlob(repository, blob.digest);
      if (!stored) throw new DistributionError(400, 'MANIFEST_BLOB_UNKNOWN', `blob ${blob.digest} referenced by the manifest is not in repository '${repository}'; push it first`, { digest: blob.digest });
      if (stored.size !== blob.size) throw new DistributionError(400, 'MANIFEST_INVALID', `blob ${blob.digest} is ${stored.size} bytes but the manifest says ${blob.size}`, { digest: blob.digest });
    }
    for (const child of manifest.manifests) {
      if (!this.manifestRow(repository, child.digest)) {
        throw new DistributionError(400, 'MANIFEST_BLOB_UNKNOWN', `manifest ${child.digest} listed by the index is not in repository '${repository}'; push it first`, { digest: child.digest });
      }
    }
  }

  private insertManifest(repository: string, manifest: ParsedManifest, content: Buffer): void {
    const childBytes = manifest.manifests.reduce((sum, child) => sum + (this.manifestRow(repository, child.digest)?.image_size ?? 0), 0);
    const inserted = statement(this.db, 'INSERT INTO manifests (repository, digest, media_type, artifact_type, subject, content, image_size, pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(
        repository, manifest.digest, manifest.mediaType, manifest.artifactType ?? null, manifest.subject ?? null, content,
        manifest.layerBytes + childBytes, this.clock.now(),
      );
    if (inserted.changes === 0) return;
    const reference = statement(this.db, 'INSERT OR IGNORE INTO manifest_references (repository, manifest, kind, digest) VALUES (?, ?, ?, ?)');
    for (const blob of manifest.blobs) reference.run(repository, manifest.digest, 'blob', blob.digest);
    for (const child of manifest.manifests) reference.run(repository, manifest.digest, 'manifest', child.digest);
  }

  /** A manifest by tag or digest, or undefined. */
  getManifest(repository: string, reference: string): StoredManifest | undefined {
    this.repositories.require(repository);
    const digest = this.resolve(repository, reference);
    if (!digest) return undefined;
    const row = statement(this.db, 'SELECT digest, media_type AS mediaType, content FROM manifests WHERE repository = ? AND digest = ?').get(repository, digest) as StoredManifest | undefined;
    return row;
  }

  /** The digest a tag or digest reference names in the repository, or undefined. */
  resolve(repository: string, reference: string): string | undefined {
    if (isDigest(reference)) return this.manifestRow(repository, reference) ? reference : undefined;
    const row = statement(this.db, 'SELECT digest FROM tags WHERE repository = ? AND tag = ?').get(repository, reference) as { digest: string } | undefined;
    return row?.digest;
  }

  /** Every image of a repository with its tags, newest push first. */
  list(repository: string): ImageRecord[] {
    this.repositories.require(repository);
    const rows = statement(this.db, 'SELECT digest, media_type, artifact_type, subject, image_size, pushed_at FROM manifests WHERE repository = ? ORDER BY pushed_at DESC, digest').all(repository) as ManifestRow[];
    const tags = new Map<string, string[]>();
    for (const { tag, digest } of statement(this.db, 'SELECT tag, digest FROM tags WHERE repository = ? ORDER BY tag').all(repository) as { tag: string; digest: string }[]) {
      tags.set(digest, [...(tags.get(digest) ?? []), tag]);
    }
    return rows.map((row) => ({
      digest: row.digest,
      mediaType: row.media_type,
      artifactType: row.artifact_type,
      subject: row.subject,
      imageSize: row.image_size,
      pushedAt: row.pushed_at,
      tags: tags.get(row.digest) ?? [],
    }));
  }

  /** Tags of a repository in lexical order, after `last`, at most `n` (the /v2/ tags list). */
  tags(repository: string, n: number | undefined, last: string | undefined): string[] {
    this.repositories.require(repository);
    const rows = statement(this.db, 'SELECT tag FROM tags WHERE repository = ? AND tag > ? ORDER BY tag LIMIT ?').all(repository, last ?? '', n ?? -1) as { tag: string }[];
    return rows.map((row) => row.tag);
  }

  /** Manifests of the repository whose `subject` is `digest` (the referrers API). */
  referrers(repository: string, digest: string): { digest: string; mediaType: string; artifactType: string | null; size: number; content: Buffer }[] {
    this.repositories.require(repository);
    return statement(this.db, 'SELECT digest, media_type AS mediaType, artifact_type AS artifactType, length(content) AS size, content FROM manifests WHERE repository = ? AND subject = ? ORDER BY digest').all(repository, digest) as {
      digest: string; mediaType: string; artifactType: string | null; size: number; content: Buffer;
    }[];
  }

  /** The indexes of the repository that list `digest` (ECR won't delete an image an index uses). */
  parentsOf(repository: string, digest: string): string[] {
    const rows = statement(this.db, "SELECT manifest FROM manifest_references WHERE repository = ? AND kind = 'manifest' AND digest = ?").all(repository, digest) as { manifest: string }[];
    return rows.map((row) => row.manifest);
  }

  /** Deletes a manifest with its tags and references (its blobs are left to the collector). */
  deleteManifest(repository: string, digest: string): void {
    statement(this.db, 'DELETE FROM manifests WHERE repository = ? AND digest = ?').run(repository, digest);
  }

  /** Removes one tag; when it was the image's last tag and no index uses the image, deletes the image (ECR BatchDeleteImage). */
  deleteTag(repository: string, tag: string, digest: string): void {
    this.db.transaction(() => {
      statement(this.db, 'DELETE FROM tags WHERE repository = ? AND tag = ?').run(repository, tag);
      const remaining = statement(this.db, 'SELECT COUNT(*) AS count FROM tags WHERE repository = ? AND digest = ?').get(repository, digest) as { count: number };
      if (remaining.count === 0 && this.parentsOf(repository, digest).length === 0) this.deleteManifest(repository, digest);
    })();
  }

  private manifestRow(repository: string, digest: string): ManifestRow | undefined {
    return statement(this.db, 'SELECT digest, image_size FROM manifests WHERE repository = ? AND digest = ?').get(repository, digest) as ManifestRow | undefined;
  }
}

/** The tag a PUT names, or undefined for a push by digest (which must match the content). */
function referenceTag(reference: string, content: Buffer): string | undefined {
  if (isDigest(reference)) {
    const actual = digestOf(content, splitDigest(reference).algorithm);
    if (actual !== reference) throw new DistributionError(400, 'DIGEST_INVALID', `manifest content has digest ${actual}, not ${reference}`, { expected: reference, actual });
    return undefined;
  }
  if (!isTag(reference)) {
    throw ecrError('InvalidTagParameterException', `Invalid tag '${reference}': a tag is 1-128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'`);
  }
  return reference;
}
