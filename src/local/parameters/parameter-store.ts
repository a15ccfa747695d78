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
];

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
}

/** One Secrets Manager secret, with its current version (AWSCURRENT). */
export interface SecretRecord {
  arn: string;
  name: string;
  secretString: string;
  versionId: string;
  description?: string;
  kmsKeyId?: string;
}

/** One version of a secret's value and its staging labels (AWSCURRENT, AWSPREVIOUS, or none). */
export interface SecretVersion {
  arn: string;
  versionId: string;
  secretString: string;
  stages: string[];
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
    return Promise.resolve(this.getSecretVersion(query)?.secretString);
  }

  /** A parameter, at its latest version or at `version`. */
  get(name: string, version?: number): SsmParameterRecord | undefined {
    const row = this.db.prepare('SELECT * FROM ssm_parameters WHERE name = ?').get(name) as Record<string, string | number | null> | undefined;
    if (!row) return undefined;
    const latest: SsmParameterRecord = {
      name: String(row.name), type: String(row.type), value: String(row.value), version: Number(row.version), description: (row.description as string | null) ?? undefined,
      allowedPattern: (row.allowed_pattern as string | null) ?? undefined, dataType: String(row.data_type), tier: String(row.tier),
    };
    if (version === undefined || version === latest.version) return latest;
    const history = JSON.parse(String(row.history)) as { version: number; value: string }[];
    const old = history.find((entry) => entry.version === version);
    return old ? { ...latest, value: old.value, version } : undefined;
  }

  /** Creates or overwrites a parameter, keeping earlier values as versions. */
  put(record: SsmParameterRecord): number {
    const existing = this.get(record.name);
    const version = (existing?.version ?? 0) + 1;
    const history = existing ? [...(JSON.parse(String((this.db.prepare('SELECT history FROM ssm_parameters WHERE name = ?').get(record.name) as { history: string }).history)) as unknown[]), { version: existing.version, value: existing.value }] : [];
    this.db.prepare('INSERT OR REPLACE INTO ssm_parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      record.name, record.type, record.value, version, record.description ?? null, record.allowedPattern ?? null, record.dataType, record.tier, new Date().toISOString(), JSON.stringify(history));
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

  /** A secret by name or ARN (a partial ARN without the random suffix also matches, as in Secrets Manager). */
  getSecret(secretId: string): SecretRecord | undefined {
    const row = this.db.prepare('SELECT * FROM secrets WHERE arn = ? OR name = ? OR ? = substr(arn, 1, length(arn) - 7)').get(secretId, secretId, secretId) as Record<string, string | null> | undefined;
    if (!row) return undefined;
    return { arn: row.arn!, name: row.name!, secretString: row.secret_string!, versionId: row.version_id!, description: row.description ?? undefined, kmsKeyId: row.kms_key_id ?? undefined };
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
      this.db.prepare('INSERT INTO secret_versions VALUES (?, ?, ?, \'["AWSCURRENT"]\', ?)').run(record.arn, versionId, record.secretString, now);
    }
    this.db.prepare('INSERT OR REPLACE INTO secrets VALUES (?, ?, ?, ?, ?, ?, COALESCE((SELECT created_at FROM secrets WHERE arn = ?), ?), ?)').run(
      record.arn, record.name, record.secretString, versionId, record.description ?? null, record.kmsKeyId ?? null, record.arn, now, now);
    return versionId;
  }

  /**
   * The version GetSecretValue would return: by VersionId, by VersionStage, or AWSCURRENT; with
   * both, the version must carry that stage. Undefined when the secret or version does not exist.
   */
  getSecretVersion(query: SecretQuery): SecretVersion | undefined {
    const secret = this.getSecret(query.secretId);
    if (!secret) return undefined;
    const rows = this.db.prepare('SELECT * FROM secret_versions WHERE arn = ?').all(secret.arn) as { version_id: string; secret_string: string; stages: string }[];
    const versions = rows.map((row) => ({ arn: secret.arn, versionId: row.version_id, secretString: row.secret_string, stages: JSON.parse(row.stages) as string[] }));
    const stage = query.versionStage ?? (query.versionId === undefined ? 'AWSCURRENT' : undefined);
    return versions.find((version) => (query.versionId === undefined || version.versionId === query.versionId) && (stage === undefined || version.stages.includes(stage)));
  }

  /** Removes a secret. */
  deleteSecret(arn: string): void {
    this.db.prepare('DELETE FROM secrets WHERE arn = ?').run(arn);
    this.db.prepare('DELETE FROM secret_versions WHERE arn = ?').run(arn);
  }
}
