// SSM parameters and Secrets Manager secrets in the state database: what the SSM and Secrets
// Manager providers write, and what dynamic references and local builds read.
import { randomUUID } from 'node:crypto';
import type { StateDatabase } from '../../state/index.js';

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

/** Which version of a secret to read (Secrets Manager GetSecretValue: SecretId, VersionStage, VersionId). */
export interface SecretVersionQuery {
  secretId: string;
  versionStage?: string;
  versionId?: string;
}

/** SSM parameters in SQLite; every put is a new version, as in SSM PutParameter with overwrite. */
export class ParameterStoreTable {
  constructor(private readonly db: StateDatabase) {}

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
  getSecretVersion(query: SecretVersionQuery): SecretVersion | undefined {
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
