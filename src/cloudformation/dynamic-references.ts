// Dynamic references: `{{resolve:ssm:name[:version]}}`, `{{resolve:ssm-secure:name[:version]}}`
// and `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}`
// (AWS docs, "Get values stored in other services using dynamic references").

/** A parsed dynamic reference. */
export type DynamicReference =
  | { service: 'ssm' | 'ssm-secure'; name: string; version?: string }
  | { service: 'secretsmanager'; secretId: string; jsonKey?: string; versionStage?: string; versionId?: string };

/** Reads the values dynamic references point at; undefined means "not found". */
export interface DynamicReferenceReader {
  ssmParameter(name: string, version?: string): string | undefined;
  secretString(secretId: string, versionStage?: string, versionId?: string): string | undefined;
}

const PATTERN = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}/g;

/** Parses the body of a dynamic reference (after `{{resolve:service:`). */
export function parseDynamicReference(service: string, body: string): DynamicReference {
  if (service === 'secretsmanager') {
    // A secret id may itself be an ARN, which contains colons: `arn:aws:secretsmanager:r:a:secret:name`.
    const parts = body.split(':');
    const arnLength = body.startsWith('arn:') ? 7 : 1;
    const secretId = parts.slice(0, arnLength).join(':');
    const [, jsonKey, versionStage, versionId] = parts.slice(arnLength);
    return { service, secretId, jsonKey: jsonKey || undefined, versionStage: versionStage || undefined, versionId: versionId || undefined };
  }
  const separator = body.lastIndexOf(':');
  const hasVersion = separator > 0 && /^\d+$/.test(body.slice(separator + 1));
  return { service: service as 'ssm' | 'ssm-secure', name: hasVersion ? body.slice(0, separator) : body, version: hasVersion ? body.slice(separator + 1) : undefined };
}

/** Replaces every dynamic reference in the strings of `value`; throws on one that names nothing. */
export function resolveDynamicReferences(value: unknown, reader: DynamicReferenceReader): unknown {
  if (typeof value === 'string') return value.includes('{{resolve:') ? value.replace(PATTERN, (_match, service: string, body: string) => resolveOne(parseDynamicReference(service, body), reader)) : value;
  if (Array.isArray(value)) return value.map((item) => resolveDynamicReferences(item, reader));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDynamicReferences(item, reader)]));
  }
  return value;
}

function resolveOne(reference: DynamicReference, reader: DynamicReferenceReader): string {
  if (reference.service !== 'secretsmanager') {
    const value = reader.ssmParameter(reference.name, reference.version);
    if (value === undefined) throw new Error(`dynamic reference {{resolve:${reference.service}:${reference.name}}}: the SSM parameter '${reference.name}'${reference.version ? ` (version ${reference.version})` : ''} does not exist locally`);
    return value;
  }
  const secret = reader.secretString(reference.secretId, reference.versionStage, reference.versionId);
  if (secret === undefined) throw new Error(`dynamic reference {{resolve:secretsmanager:${reference.secretId}}}: Secrets Manager can't find the specified secret locally`);
  if (!reference.jsonKey) return secret;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new Error(`dynamic reference to secret '${reference.secretId}' asks for JSON key '${reference.jsonKey}', but the secret value is not JSON`);
  }
  const field = (parsed as Record<string, unknown>)[reference.jsonKey];
  if (field === undefined) throw new Error(`secret '${reference.secretId}' has no JSON key '${reference.jsonKey}'`);
  return typeof field === 'string' ? field : JSON.stringify(field);
}

/** Whether a value contains a dynamic reference anywhere. */
export function hasDynamicReference(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('{{resolve:');
}
