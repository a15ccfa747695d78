// The build's environment variables: built-ins, buildspec `env`, project variables and
// overrides, with CodeBuild's precedence (overrides > project > buildspec).
import { arn } from '../../cloudformation/aws-location.js';
// The same `secret-id:json-key:version-stage:version-id` grammar as CloudFormation's dynamic references.
import { parseSecretReference } from '../../cloudformation/dynamic-references.js';
import { SlipwayError, type Problem } from '../../errors.js';
import type { ParameterSource } from '../parameters/store.js';
import type { Buildspec } from './buildspec.js';
import type { EnvironmentVariable } from './request.js';

/** CodeBuild reserves this prefix for its own variables ("Environment variables in build environments"). */
export const RESERVED_PREFIX = 'CODEBUILD_';

/**
 * Rejects project variables and start-build overrides whose names start with CODEBUILD_, as
 * StartBuild does (InvalidInputException), naming the layer each one came from. The buildspec's
 * own maps are checked by the buildspec reader, with their line and column.
 */
export function checkReservedNames(layers: { where: string; variables: readonly EnvironmentVariable[] }[]): void {
  const problems: Problem[] = [];
  const named: string[] = [];
  for (const { where, variables } of layers) {
    variables.forEach((v, index) => {
      if (!v.name.startsWith(RESERVED_PREFIX)) return;
      problems.push({ path: `${where}[${index}].name`, message: `"${v.name}" starts with ${RESERVED_PREFIX}, which is reserved for CodeBuild's own variables` });
      named.push(`${v.name} (in ${where})`);
    });
  }
  if (problems.length === 0) return;
  throw new SlipwayError('ReservedVariableName', `environment variable names starting with ${RESERVED_PREFIX} are reserved, got ${named.join(', ')}`, {
    problems,
    hint: `rename the variable; the built-in ${RESERVED_PREFIX}* values cannot be replaced`,
  });
}

/** Values known when the build starts, from which the built-in variables are made. */
export interface BuiltinFacts {
  region: string;
  accountId: string;
  projectName: string;
  uuid: string;
  buildNumber: number;
  image: string;
  initiator: string;
  sourceDir: string;
  secondarySources: Record<string, string>;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  sourceRepoUrl?: string;
  startTime: number;
  webhook?: { event?: string; headRef?: string; trigger?: string; prevCommit?: string };
}

/** A build's ARN, `arn:<partition>:codebuild:<region>:<account>:build/<project>:<uuid>` (CODEBUILD_BUILD_ARN, Build.arn). */
export function buildArn(region: string, accountId: string, buildId: string): string {
  return arn({ service: 'codebuild', region, accountId, resource: `build/${buildId}` });
}

/** CodeBuild's built-in variables (docs: "Environment variables in build environments"). */
export function builtinVariables(f: BuiltinFacts): Record<string, string> {
  const id = `${f.projectName}:${f.uuid}`;
  const vars: Record<string, string> = {
    AWS_DEFAULT_REGION: f.region,
    AWS_REGION: f.region,
    CODEBUILD_BUILD_ARN: buildArn(f.region, f.accountId, id),
    CODEBUILD_BUILD_ID: id,
    CODEBUILD_BUILD_IMAGE: f.image,
    CODEBUILD_BUILD_NUMBER: String(f.buildNumber),
    CODEBUILD_BUILD_SUCCEEDING: '1',
    CODEBUILD_INITIATOR: f.initiator,
    CODEBUILD_KMS_KEY_ID: arn({ service: 'kms', region: f.region, accountId: f.accountId, resource: 'alias/aws/s3' }),
    CODEBUILD_LOG_PATH: f.uuid,
    CODEBUILD_PROJECT_ARN: arn({ service: 'codebuild', region: f.region, accountId: f.accountId, resource: `project/${f.projectName}` }),
    CODEBUILD_RESOLVED_SOURCE_VERSION: f.resolvedSourceVersion ?? '',
    CODEBUILD_SOURCE_REPO_URL: f.sourceRepoUrl ?? '',
    CODEBUILD_SOURCE_VERSION: f.sourceVersion ?? f.resolvedSourceVersion ?? '',
    CODEBUILD_SRC_DIR: f.sourceDir,
    CODEBUILD_START_TIME: String(f.startTime),
  };
  for (const [identifier, dir] of Object.entries(f.secondarySources)) vars[`CODEBUILD_SRC_DIR_${identifier}`] = dir;
  const hook = f.webhook ?? {};
  if (hook.event !== undefined) vars.CODEBUILD_WEBHOOK_EVENT = hook.event;
  if (hook.headRef !== undefined) vars.CODEBUILD_WEBHOOK_HEAD_REF = hook.headRef;
  if (hook.trigger !== undefined) vars.CODEBUILD_WEBHOOK_TRIGGER = hook.trigger;
  if (hook.prevCommit !== undefined) vars.CODEBUILD_WEBHOOK_PREV_COMMIT = hook.prevCommit;
  return vars;
}

/**
 * The build's environment: the machine's, the built-ins, then the resolved variables, then the
 * CODEBUILD_* built-ins again so that nothing replaces them (the prefix is reserved). Only
 * AWS_REGION and AWS_DEFAULT_REGION stay overridable: a buildspec may target another region.
 */
export function buildEnvironment(base: Record<string, string>, builtins: Record<string, string>, resolved: Record<string, string>): Record<string, string> {
  const reserved = Object.fromEntries(Object.entries(builtins).filter(([name]) => name.startsWith(RESERVED_PREFIX)));
  return { ...base, ...builtins, ...resolved, ...reserved };
}

/** The resolved variables and the secret values to mask, or the first entry that is missing. */
export type ResolvedEnvironment =
  | { ok: true; variables: Record<string, string>; secrets: string[] }
  | { ok: false; statusCode: string; message: string };

async function resolveSecret(source: ParameterSource, text: string): Promise<string | { error: string }> {
  const ref = parseSecretReference(text);
  const secret = await source.getSecretString({ secretId: ref.secretId, versionStage: ref.versionStage, versionId: ref.versionId });
  if (secret === undefined) return { error: `Secrets Manager can't find the specified secret: ${ref.secretId}` };
  if (ref.jsonKey === undefined) return secret;
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    return { error: `secret ${ref.secretId} is not JSON, so it has no key "${ref.jsonKey}"` };
  }
  const value = (parsed as Record<string, unknown> | null)?.[ref.jsonKey];
  if (value === undefined) return { error: `secret ${ref.secretId} has no JSON key "${ref.jsonKey}"` };
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Layer = { name: string; value: string; type: NonNullable<EnvironmentVariable['type']> }[];

function buildspecLayer(spec: Buildspec): Layer {
  return [
    ...Object.entries(spec.env.variables).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' as const })),
    ...Object.entries(spec.env.parameterStore).map(([name, value]) => ({ name, value, type: 'PARAMETER_STORE' as const })),
    ...Object.entries(spec.env.secretsManager).map(([name, value]) => ({ name, value, type: 'SECRETS_MANAGER' as const })),
  ];
}

/**
 * Merges buildspec, project and override variables (later layers win) and resolves
 * PARAMETER_STORE and SECRETS_MANAGER values from the local store. A missing entry fails the
 * build, as a missing parameter does on CodeBuild.
 */
export async function resolveEnvironment(
  spec: Buildspec,
  project: EnvironmentVariable[],
  overrides: EnvironmentVariable[],
  source: ParameterSource,
): Promise<ResolvedEnvironment> {
  const merged = new Map<string, Layer[number]>();
  const withType = (list: EnvironmentVariable[]): Layer => list.map((v) => ({ name: v.name, value: v.value, type: v.type ?? 'PLAINTEXT' }));
  for (const layer of [buildspecLayer(spec), withType(project), withType(overrides)]) for (const v of layer) merged.set(v.name, v);
  const variables: Record<string, string> = {};
  const secrets: string[] = [];
  for (const v of merged.values()) {
    if (v.type === 'PLAINTEXT') {
      variables[v.name] = v.value;
      continue;
    }
    if (v.type === 'PARAMETER_STORE') {
      const value = await source.getParameter(v.value);
      if (value === undefined) {
        return { ok: false, statusCode: 'DECRYPTED_VARIABLES_ERROR', message: `parameter does not exist: ${v.value} (for the variable ${v.name})` };
      }
      variables[v.name] = value;
      secrets.push(value);
      continue;
    }
    const value = await resolveSecret(source, v.value);
    if (typeof value !== 'string') return { ok: false, statusCode: 'DECRYPTED_VARIABLES_ERROR', message: `${value.error} (for the variable ${v.name})` };
    variables[v.name] = value;
    secrets.push(value);
  }
  return { ok: true, variables, secrets };
}
