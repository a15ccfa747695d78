// SSM parameters and Secrets Manager secrets in the state database: what the SSM and Secrets
// Manager providers write, and what dynamic references and local builds read.
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

/** One Secrets Manager secret (its current version only, AWSCURRENT). */
export interface SecretRecord {
  arn: string;
  name: string;
  secretString: string;
  versionId: string;
  description?: string;
  kmsKeyId?: string;
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

  /** Creates or replaces a secret. */
  putSecret(record: SecretRecord): void {
    const now = new Date().toISOString();
    this.db.prepare('INSERT OR REPLACE INTO secrets VALUES (?, ?, ?, ?, ?, ?, COALESCE((SELECT created_at FROM secrets WHERE arn = ?), ?), ?)').run(
      record.arn, record.name, record.secretString, record.versionId, record.description ?? null, record.kmsKeyId ?? null, record.arn, now, now);
  }

  /** Removes a secret. */
  deleteSecret(arn: string): void {
    this.db.prepare('DELETE FROM secrets WHERE arn = ?').run(arn);
  }
}
