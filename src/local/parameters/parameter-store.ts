// The account's SSM Parameter Store and Secrets Manager: one versioned store in the state
// database. It owns its tables; the CloudFormation providers, dynamic references, builds' `env:
// parameter-store / secrets-manager` and (later) the AWS API are its clients.
import { randomUUID } from 'node:crypto';
import type { Migration, StateDatabase } from '../state/index.js';
import type { ParameterSource, SecretQuery } from './store.js';

/**
 * The store's tables. `IF NOT EXISTS`: homes made before the store had its own migrations have
 * the same tables from the stack engine's first migration.
 */
export const PARAMETER_MIGRATIONS: Migration[] = [
  {
    id: 'parameters-0001-ssm-and-secrets',
    sql: `
      CREATE TABLE IF NOT EXISTS ssm_parameters (
        name TEXT PRIMARY KEY, type TEXT NOT NULL, value TEXT NOT NULL, version INTEGER NOT NULL, description TEXT,
        allowed_pattern TEXT, data_type TEXT NOT NULL, tier TEXT NOT NULL, last_modified TEXT NOT NULL, history TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS secrets (
        arn TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, secret_string TEXT NOT NULL, version_id TEXT NOT NULL,
        description TEXT, kms_key_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS secret_versions (
        arn TEXT NOT NULL, version_id TEXT NOT NULL, secret_string TEXT NOT NULL, stages TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (arn, version_id));`,
  },
  {
    // What the Secrets Manager API shows and does beyond what templates need: a deletion scheduled
    // for later (DeleteSecret's recovery window), tags, and binary values (SecretBinary).
    id: 'parameters-0002-secret-api',
    sql: `
      ALTER TABLE secrets ADD COLUMN deleted_date TEXT;
      ALTER TABLE secrets ADD COLUMN deletion_date TEXT;
      ALTER TABLE secrets ADD COLUMN tags TEXT;
      ALTER TABLE secret_versions ADD COLUMN secret_binary BLOB;`,
  },
];

/** SSM keeps the latest 100 versions of a parameter and drops the oldest (SSM quotas, "Parameter versions"). */
const SSM_VERSIONS_KEPT = 100;

/** One SSM parameter. */
export interface SsmParameterRecord {
  name: string;
  type: string;
  value: string;
  version?: number;
  description?: string;
  allowedPattern?: string;
  dataType: string;
  tier: string;
  /** ISO 8601; when this version was written (filled in by the store). */
  lastModifiedDate?: string;
}

/** One Secrets Manager secret, with its current version (AWSCURRENT). */
export interface SecretRecord {
  arn: string;
  name: string;
  secretString: string;
  versionId: string;
  description?: string;
  kmsKeyId?: string;
  /** ISO 8601 dates, filled in by the store. */
  createdDate?: string;
  lastChangedDate?: string;
  /** When a deletion was asked for with a recovery window; the secret goes at `deletionDate`. */
  deletedDate?: string;
  deletionDate?: string;
  tags?: { Key: string; Value: string }[];
}

/** One version of a secret's value and its staging labels (AWSCURRENT, AWSPREVIOUS, or none). */
export interface SecretVersion {
  arn: string;
  versionId: string;
  secretString: string;
  /** A binary value (SecretBinary) instead of a string; `secretString` is then ''. */
  secretBinary?: Buffer;
  stages: string[];
  createdDate?: string;
}

/** SSM parameters and secrets in SQLite; every put is a new version, as in SSM PutParameter with overwrite. */
export class ParameterStore implements ParameterSource {
  constructor(private readonly db: StateDatabase) {}

  /** The latest value of an SSM parameter (ParameterSource, for builds). */
  getParameter(name: string): Promise<string | undefined> {
    return Promise.resolve(this.get(name)?.value);
  }

  /** A secret's value at the version asked for, AWSCURRENT by default (ParameterSource, for builds). */
  getSecretString(query: SecretQuery): Promise<string | undefined> {
    return Promise.resolve(this.readableSecretString(query));
  }

  /** A parameter, at its latest version or at `version`. */
  get(name: string, version?: number): SsmParameterRecord | undefined {
    const row = this.db.prepare('SELECT * FROM ssm_parameters WHERE name = ?').get(name) as Record<string, string | number | null> | undefined;
    if (!row) return undefined;
    const latest: SsmParameterRecord = {
      name: String(row.name), type: String(row.type), value: String(row.value), version: Number(row.version),
      description: (row.description as string | null) ?? undefined,
      allowedPattern: (row.allowed_pattern as string | null) ?? undefined, dataType: String(row.data_type),
      tier: String(row.tier), lastModifiedDate: String(row.last_modified),
    };
    if (version === undefined || version === latest.version) return latest;
    const history = JSON.parse(String(row.history)) as { version: number; value: string; lastModified?: string }[];
    const old = history.find((entry) => entry.version === version);
    return old ? { ...latest, value: old.value, version, lastModifiedDate: old.lastModified } : undefined;
  }

  /** Creates or overwrites a parameter, keeping earlier values as versions (the latest 100 in all). */
  put(record: SsmParameterRecord): number {
    const existing = this.get(record.name);
    const version = (existing?.version ?? 0) + 1;
    const earlier = existing ? (JSON.parse((this.db.prepare('SELECT history FROM ssm_parameters WHERE name = ?').get(record.name) as { history: string }).history) as unknown[]) : [];
    const history = existing ? [
      ...earlier, { version: existing.version, value: existing.value, lastModified: existing.lastModifiedDate },
    ].slice(-(SSM_VERSIONS_KEPT - 1)) : [];
    this.db.prepare('INSERT OR REPLACE INTO ssm_parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      record.name, record.type, record.value, version, record.description ?? null, record.allowedPattern ?? null, record.dataType, record.tier, new Date()
        .toISOString(), JSON.stringify(history));
    return version;
  }

  /** Every parameter's name, sorted (DescribeParameters). */
  listParameters(): string[] {
    return (this.db.prepare('SELECT name FROM ssm_parameters ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  /** Every secret's name, sorted (ListSecrets). */
  listSecrets(): string[] {
    return (this.db.prepare('SELECT name FROM secrets ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  /** Removes a parameter. */
  delete(name: string): void {
    this.db.prepare('DELETE FROM ssm_parameters WHERE name = ?').run(name);
  }

  /**
   * A secret by name or ARN (a partial ARN without the random suffix also matches, as in Secrets
   * Manager). A secret whose scheduled deletion date has passed is removed now, and is not found.
   */
  getSecret(secretId: string): SecretRecord | undefined {
    const row = this.db.prepare('SELECT * FROM secrets WHERE arn = ? OR name = ? OR ? = substr(arn, 1, length(arn) - 7)').get(secretId, secretId, secretId) as Record<string, string | null> | undefined;
    if (!row) return undefined;
    const deletionDate = row.deletion_date ?? undefined;
    if (deletionDate !== undefined && Date.parse(deletionDate) <= Date.now()) {
      this.deleteSecret(row.arn!);
      return undefined;
    }
    return {
      arn: row.arn!, name: row.name!, secretString: row.secret_string!, versionId: row.version_id!,
      description: row.description ?? undefined, kmsKeyId: row.kms_key_id ?? undefined,
      createdDate: row.created_at!, lastChangedDate: row.updated_at!, deletedDate: row.deleted_date ?? undefined, deletionDate, tags: row.tags ? (JSON.parse(row.tags) as SecretRecord['tags']) : undefined,
    };
  }

  /**
   * Creates a secret or changes its metadata; a new value becomes a new version labelled
   * AWSCURRENT, the old current one becomes AWSPREVIOUS and the older AWSPREVIOUS loses its label
   * (Secrets Manager, "Secret versions"). An unchanged value keeps its version. Returns the current version id.
   */
  putSecret(record: Omit<SecretRecord, 'versionId'>): string {
    const now = new Date().toISOString();
    const existing = this.db.prepare('SELECT version_id, secret_string FROM secrets WHERE arn = ?').get(record.arn) as { version_id: string; secret_string: string } | undefined;
    const versionId = existing && existing.secret_string === record.secretString ? existing.version_id : randomUUID();
    if (versionId !== existing?.version_id) {
      this.db.prepare('UPDATE secret_versions SET stages = \'[]\' WHERE arn = ? AND stages = \'["AWSPREVIOUS"]\'').run(record.arn);
      this.db.prepare('UPDATE secret_versions SET stages = \'["AWSPREVIOUS"]\' WHERE arn = ? AND version_id = ?').run(record.arn, existing?.version_id ?? null);
      this.db.prepare('INSERT INTO secret_versions (arn, version_id, secret_string, stages, created_at) VALUES (?, ?, ?, \'["AWSCURRENT"]\', ?)').run(record.arn, versionId, record.secretString, now);
    }
    this.db.prepare(`INSERT INTO secrets (arn, name, secret_string, version_id, description, kms_key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (arn) DO UPDATE SET name = excluded.name, secret_string = excluded.secret_string, version_id = excluded.version_id,
      description = excluded.description, kms_key_id = excluded.kms_key_id, updated_at = excluded.updated_at`).run(
      record.arn, record.name, record.secretString, versionId, record.description ?? null, record.kmsKeyId ?? null, now, now);
    return versionId;
  }

  /**
   * The version GetSecretValue would return: by VersionId, by VersionStage, or AWSCURRENT; with
   * both, the version must carry that stage. Undefined when the secret or version does not exist.
   */
  getSecretVersion(query: SecretQuery): SecretVersion | undefined {
    const secret = this.getSecret(query.secretId);
    if (!secret) return undefined;
    const stage = query.versionStage ?? (query.versionId === undefined ? 'AWSCURRENT' : undefined);
    return this.secretVersions(secret.arn)
      .find((version) => (query.versionId === undefined || version.versionId === query.versionId) && (stage === undefined || version.stages.includes(stage)));
  }

  /** Every version of a secret, newest first. */
  secretVersions(arn: string): SecretVersion[] {
    const rows = this.db.prepare('SELECT * FROM secret_versions WHERE arn = ? ORDER BY created_at DESC, rowid DESC').all(arn) as { version_id: string; secret_string: string; secret_binary: Buffer | null; stages: string; created_at: string }[];
    return rows.map((row) => ({
      arn, versionId: row.version_id, secretString: row.secret_string,
      ...(row.secret_binary ? { secretBinary: row.secret_binary } : {}), stages: JSON.parse(row.stages) as string[],
      createdDate: row.created_at,
    }));
  }

  /** CreateSecret: a secret with no value yet; false when a secret of that name exists. */
  createSecret(secret: Pick<SecretRecord, 'arn' | 'name' | 'description' | 'kmsKeyId' | 'tags'>): boolean {
    const now = new Date().toISOString();
    return this.db.prepare(`INSERT INTO secrets (arn, name, secret_string, version_id, description, kms_key_id, created_at, updated_at, tags)
      SELECT ?, ?, '', '', ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM secrets WHERE name = ?)`).run(
      secret.arn, secret.name, secret.description ?? null, secret.kmsKeyId ?? null, now, now,
      secret.tags ? JSON.stringify(secret.tags) : null, secret.name).changes === 1;
  }

  /**
   * PutSecretValue: a new version carrying `stages` (default AWSCURRENT). Each stage moves from the
   * version that had it; when AWSCURRENT moves, the version that had it becomes AWSPREVIOUS
   * (Secrets Manager, "Secret versions").
   */
  addSecretVersion(arn: string, version: { versionId: string; secretString?: string; secretBinary?: Buffer; stages?: string[] }): string[] {
    const stages = version.stages ?? ['AWSCURRENT'];
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const current = this.secretVersions(arn).find((one) => one.stages.includes('AWSCURRENT'));
      const moving = stages.includes('AWSCURRENT') && current ? [...stages, 'AWSPREVIOUS'] : stages;
      for (const other of this.secretVersions(arn)) {
        const kept = other.stages.filter((stage) => !moving.includes(stage));
        const next = stages.includes('AWSCURRENT') && other.versionId === current?.versionId ? [...kept, 'AWSPREVIOUS'] : kept;
        this.db.prepare('UPDATE secret_versions SET stages = ? WHERE arn = ? AND version_id = ?').run(JSON.stringify(next), arn, other.versionId);
      }
      this.db.prepare('INSERT INTO secret_versions (arn, version_id, secret_string, secret_binary, stages, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(arn, version.versionId, version.secretString ?? '', version.secretBinary ?? null, JSON.stringify(stages), now);
      const set = stages.includes('AWSCURRENT') ? 'secret_string = @value, version_id = @versionId, updated_at = @now' : 'updated_at = @now';
      this.db.prepare(`UPDATE secrets SET ${set} WHERE arn = @arn`).run({ value: version.secretString ?? '', versionId: version.versionId, now, arn });
    })();
    return stages;
  }

  /** DeleteSecret with a recovery window: marked now, removed at `deletionDate` (GetSecret removes it once the date has passed). */
  scheduleSecretDeletion(arn: string, deletionDate: Date): void {
    this.db.prepare('UPDATE secrets SET deleted_date = ?, deletion_date = ? WHERE arn = ?').run(new Date().toISOString(), deletionDate.toISOString(), arn);
  }

  /** A secret's value for builds and dynamic references: none while its deletion is scheduled (Secrets Manager refuses to read it). */
  private readableSecretString(query: SecretQuery): string | undefined {
    const secret = this.getSecret(query.secretId);
    return secret?.deletedDate === undefined ? this.getSecretVersion(query)?.secretString : undefined;
  }

  /** Removes a secret. */
  deleteSecret(arn: string): void {
    this.db.prepare('DELETE FROM secrets WHERE arn = ?').run(arn);
    this.db.prepare('DELETE FROM secret_versions WHERE arn = ?').run(arn);
  }
}
