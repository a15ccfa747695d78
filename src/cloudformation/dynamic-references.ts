// Dynamic references: `{{resolve:ssm:name[:version]}}`, `{{resolve:ssm-secure:name[:version]}}`
// and `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}`
// (AWS docs, "Get values stored in other services using dynamic references").
import { isRecord, ownValue } from './records.js';

/**
 * Which version of which secret, and which JSON key of its value: the part common to dynamic
 * references and to CodeBuild's `env.secrets-manager` (`secret-id:json-key:version-stage:version-id`).
 */
export interface SecretReference {
  secretId: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

/** A parsed dynamic reference. */
export type DynamicReference =
  | { service: 'ssm' | 'ssm-secure'; name: string; version?: string }
  | ({ service: 'secretsmanager'; secretValueField?: string } & SecretReference);

/** Reads the values dynamic references point at; undefined means "not found". */
export interface DynamicReferenceReader {
  ssmParameter(name: string, version?: string): string | undefined;
  /** The secret's value at the version asked for; AWSCURRENT when neither stage nor id is given. */
  secretString(query: { secretId: string; versionStage?: string; versionId?: string }): string | undefined;
}

const PATTERN = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}/g;

/** Splits `secret-id[:rest...]`; a secret id may itself be an ARN, whose own colons belong to it. */
function splitSecretId(text: string): { secretId: string; rest: string[] } {
  const parts = text.split(':');
  // `arn:aws:secretsmanager:region:account:secret:name` is 7 colon-separated parts.
  const idLength = text.startsWith('arn:') ? 7 : 1;
  return { secretId: parts.slice(0, idLength).join(':'), rest: parts.slice(idLength) };
}

/** Parses `secret-id:json-key:version-stage:version-id` (each part after the id optional, empty = absent). */
export function parseSecretReference(text: string): SecretReference {
  const { secretId, rest } = splitSecretId(text);
  return secretReferenceOf(secretId, rest);
}

function secretReferenceOf(secretId: string, [jsonKey, versionStage, versionId]: string[]): SecretReference {
  return { secretId, ...(jsonKey ? { jsonKey } : {}), ...(versionStage ? { versionStage } : {}), ...(versionId ? { versionId } : {}) };
}

/** Parses the body of a dynamic reference (after `{{resolve:service:`). */
export function parseDynamicReference(service: string, body: string): DynamicReference {
  if (service === 'secretsmanager') {
    // `secret-id:SecretString:json-key:version-stage:version-id`.
    const { secretId, rest: [field, ...rest] } = splitSecretId(body);
    return { service, ...(field ? { secretValueField: field } : {}), ...secretReferenceOf(secretId, rest) };
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
  const text = `{{resolve:secretsmanager:${reference.secretId}}}`;
  // AWS: SecretString is the only supported value field; give a version stage or a version id, not both.
  if (reference.secretValueField !== undefined && reference.secretValueField !== 'SecretString') {
    throw new Error(`dynamic reference ${text}: the secret value field must be SecretString, got '${reference.secretValueField}'`);
  }
  if (reference.versionStage !== undefined && reference.versionId !== undefined) {
    throw new Error(`dynamic reference ${text}: give a version stage or a version id, not both (got ${reference.versionStage} and ${reference.versionId})`);
  }
  const secret = reader.secretString({ secretId: reference.secretId, versionStage: reference.versionStage, versionId: reference.versionId });
  if (secret === undefined) {
    const version = reference.versionId ? ` version ${reference.versionId}` : reference.versionStage ? ` version stage ${reference.versionStage}` : '';
    throw new Error(`dynamic reference ${text}: Secrets Manager can't find the specified secret${version} locally`);
  }
  return reference.jsonKey ? jsonField(secret, reference.secretId, reference.jsonKey) : secret;
}

function jsonField(secret: string, secretId: string, jsonKey: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new Error(`dynamic reference to secret '${secretId}' asks for JSON key '${jsonKey}', but the secret value is not JSON`);
  }
  const field = isRecord(parsed) ? ownValue(parsed, jsonKey) : undefined;
  if (field === undefined) throw new Error(`secret '${secretId}' has no JSON key '${jsonKey}'`);
  return typeof field === 'string' ? field : JSON.stringify(field);
}

/** Whether a value contains a dynamic reference anywhere. */
export function hasDynamicReference(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('{{resolve:');
}
