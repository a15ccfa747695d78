// Checks a handler's output against what the AWS SDK for JavaScript v3 says the operation returns:
// the client packages carry each operation's schema (`DescribeRepositories$`), with every member's
// name and type. Every member of the output must be one the SDK knows, of the type it expects
// (timestamps as Date, blobs as Buffer, numbers as numbers), at every depth.
import * as cloudformation from '@aws-sdk/client-cloudformation';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as codebuild from '@aws-sdk/client-codebuild';
import * as codepipeline from '@aws-sdk/client-codepipeline';
import * as connections from '@aws-sdk/client-codestar-connections';
import * as ecr from '@aws-sdk/client-ecr';
import * as s3 from '@aws-sdk/client-s3';
import * as secretsmanager from '@aws-sdk/client-secrets-manager';
import * as ssm from '@aws-sdk/client-ssm';
import * as sts from '@aws-sdk/client-sts';
import { NormalizedSchema } from '@smithy/core/schema';

// CodeConnections is CodeStar Connections renamed, with the same shapes; its own client is not on this registry.
const CLIENTS: Record<string, Record<string, unknown>> = {
  ecr, sts, ssm, secretsmanager, s3, logs, codebuild, cloudformation, codepipeline, 'codestar-connections': connections, codeconnections: connections,
};

/** Every way `output` differs from the SDK's output shape of `service`'s `operation` (empty when it matches). */
export function outputShapeProblems(service: string, operation: string, output: unknown): string[] {
  const schema = CLIENTS[service]?.[`${operation}$`] as unknown[] | undefined;
  if (!schema) return [`the SDK v3 client of ${service} has no operation ${operation}`];
  const problems: string[] = [];
  check(NormalizedSchema.of(schema[5] as never), output, operation, problems);
  return problems;
}

function check(schema: NormalizedSchema, value: unknown, path: string, problems: string[]): void {
  if (value === undefined) return;
  const fail = (expected: string) => problems.push(`${path}: expected ${expected}, got ${describe(value)}`);
  if (schema.isStructSchema()) {
    if (!isPlainObject(value)) return void fail('a structure');
    const members = new Map(schema.structIterator());
    for (const [key, member] of Object.entries(value)) {
      const memberSchema = members.get(key);
      if (!memberSchema) problems.push(`${path}.${key}: not a member of ${schema.getName()} (members: ${[...members.keys()].join(', ')})`);
      else check(memberSchema, member, `${path}.${key}`, problems);
    }
  } else if (schema.isListSchema()) {
    if (!Array.isArray(value)) return void fail('a list');
    value.forEach((item, index) => check(schema.getValueSchema(), item, `${path}[${index}]`, problems));
  } else if (schema.isMapSchema()) {
    if (!isPlainObject(value)) return void fail('a map');
    for (const [key, item] of Object.entries(value)) check(schema.getValueSchema(), item, `${path}[${key}]`, problems);
  } else if (schema.isTimestampSchema()) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) fail('a Date');
  } else if (schema.isBlobSchema()) {
    if (!Buffer.isBuffer(value)) fail('a Buffer');
  } else if (schema.isBooleanSchema()) {
    if (typeof value !== 'boolean') fail('a boolean');
  } else if (schema.isNumericSchema() || schema.isBigIntegerSchema()) {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail('a number');
  } else if (schema.isStringSchema()) {
    if (typeof value !== 'string') fail('a string');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}
