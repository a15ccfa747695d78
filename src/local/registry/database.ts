// The registry's metadata in SQLite (registry.db in the data folder): everything that must
// survive a restart except the blob bytes, which live content-addressed on disk (blob-store.ts).
import { closeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openStateDatabase, type Migration, type StateDatabase } from '../state/index.js';
import { createPrivateFile, privateFileMode, refuseLinkAt } from './data-files.js';

export type RegistryDatabase = StateDatabase;

/**
 * The first schema. Its statements say IF NOT EXISTS because files made before migrations had
 * these tables already (recorded as user_version 1). A schema change is a new migration
 * appended to REGISTRY_MIGRATIONS (e.g. ALTER TABLE ... ADD COLUMN), never an edit of this one.
 */
const INITIAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS repositories (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  image_tag_mutability TEXT NOT NULL,
  exclusion_filters TEXT NOT NULL DEFAULT '[]',
  scan_on_push INTEGER NOT NULL DEFAULT 0,
  encryption_type TEXT NOT NULL DEFAULT 'AES256',
  lifecycle_policy TEXT,
  lifecycle_evaluated_at INTEGER
);
-- One row per stored blob file; stored_at restarts the garbage collector's grace period.
CREATE TABLE IF NOT EXISTS blobs (
  digest TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  stored_at INTEGER NOT NULL
);
-- Like ECR, a layer belongs to a repository: pushing it (or mounting it) links it.
CREATE TABLE IF NOT EXISTS repository_blobs (
  repository TEXT NOT NULL REFERENCES repositories(name) ON DELETE CASCADE,
  digest TEXT NOT NULL REFERENCES blobs(digest),
  linked_at INTEGER NOT NULL,
  PRIMARY KEY (repository, digest)
);
CREATE INDEX IF NOT EXISTS repository_blobs_digest ON repository_blobs(digest);
CREATE TABLE IF NOT EXISTS manifests (
  repository TEXT NOT NULL REFERENCES repositories(name) ON DELETE CASCADE,
  digest TEXT NOT NULL,
  media_type TEXT NOT NULL,
  artifact_type TEXT,
  subject TEXT,
  content BLOB NOT NULL,
  image_size INTEGER NOT NULL,
  pushed_at INTEGER NOT NULL,
  PRIMARY KEY (repository, digest)
);
CREATE INDEX IF NOT EXISTS manifests_subject ON manifests(repository, subject);
-- What each manifest points at: blobs (config, layers) and, for indexes, child manifests.
CREATE TABLE IF NOT EXISTS manifest_references (
  repository TEXT NOT NULL,
  manifest TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('blob', 'manifest')),
  digest TEXT NOT NULL,
  PRIMARY KEY (repository, manifest, kind, digest),
  FOREIGN KEY (repository, manifest) REFERENCES manifests(repository, digest) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS manifest_references_target ON manifest_references(repository, kind, digest);
CREATE TABLE IF NOT EXISTS tags (
  repository TEXT NOT NULL,
  tag TEXT NOT NULL,
  digest TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (repository, tag),
  FOREIGN KEY (repository, digest) REFERENCES manifests(repository, digest) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS tags_digest ON tags(repository, digest);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY,
  repository TEXT NOT NULL REFERENCES repositories(name) ON DELETE CASCADE,
  offset INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- Only a hash of each password is kept, so the file never holds a usable credential.
CREATE TABLE IF NOT EXISTS authorization_tokens (
  password_sha256 TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`;

/** The registry's schema changes, applied once each, in order (ids recorded in schema_migrations). */
export const REGISTRY_MIGRATIONS: readonly Migration[] = [{ id: 'registry-0001-schema', sql: INITIAL_SCHEMA }];

/** SQLite's own files beside the database: it creates them with the database file's mode. */
const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'];

/**
 * Opens (creating if needed) the registry database at `file`, in WAL mode with a busy timeout.
 * The file is made here, 0600, before SQLite opens it (SQLite would make it 0644 less the umask),
 * and none of its files may be a link planted in its place (SQLite would write through it).
 */
export function openRegistryDatabase(file: string): RegistryDatabase {
  for (const name of [file, ...COMPANION_SUFFIXES.map((suffix) => file + suffix)]) refuseLinkAt(name);
  try {
    closeSync(createPrivateFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (const name of [file, ...COMPANION_SUFFIXES.map((suffix) => file + suffix)]) privateFileMode(name);
  }
  const db = openStateDatabase(file, REGISTRY_MIGRATIONS);
  // WAL (set by openStateDatabase) lets readers go on while a push commits; NORMAL is durable across process crashes.
  db.pragma('synchronous = NORMAL');
  return db;
}

const statements = new WeakMap<RegistryDatabase, Map<string, Database.Statement>>();

/** The prepared statement for `sql`, compiled once per database (prepare() compiles every time). */
export function statement(db: RegistryDatabase, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
