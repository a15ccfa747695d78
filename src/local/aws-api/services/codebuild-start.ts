// What StartBuild starts locally: the project's build with StartBuild's overrides
// (buildspecOverride, environmentVariablesOverride, imageOverride, privilegedModeOverride,
// timeoutInMinutesOverride, sourceVersion), its source from a local folder (sourceLocationOverride,
// or the project's Location when it is one; an empty folder for NO_SOURCE), run where the
// account's image map says (`<home>/codebuild/images.json`: in a mapped local image, else on this
// machine), reading parameters from `<home>/parameters.json` first when it exists, as `slipway build` does.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlipwayError } from '../../../errors.js';
import type { EnvironmentVariable, StartBuildInput } from '../../codebuild/index.js';
import { FileParameterSource, type ParameterSource } from '../../parameters/index.js';
import type { ApiContext } from '../handler.js';
import type { OperationInput } from './operation-input.js';
import { roleSessions } from './sts.js';

/** What a StartBuild call asks to run, and what to remove once it has run. */
export interface StartRequest {
  input: StartBuildInput;
  parameters: ParameterSource[];
  cleanup: () => void;
}

/** StartBuild's timeoutInMinutesOverride: 5 to 2160 minutes (CodeBuild quotas). */
const TIMEOUT = { min: 5, max: 2160 };
/** Overrides that would change what a local build does, which it cannot honour: refused rather than ignored. */
const UNSUPPORTED = ['artifactsOverride', 'secondaryArtifactsOverride', 'secondarySourcesVersionOverride', 'cacheOverride', 'debugSessionEnabled'];

/** The build a StartBuild call asks for. */
export async function startRequest(reader: OperationInput, ctx: ApiContext): Promise<StartRequest> {
  const project = ctx.account.codebuild.projects.require(reader.string('projectName'));
  for (const member of UNSUPPORTED) if (reader.input[member] !== undefined && reader.input[member] !== false) throw reader.fail(`${member} is not supported by the local CodeBuild (project ${project.name})`);
  const source = sourceFolder(reader, project.name, project.source);
  const imageOverride = reader.optionalString('imageOverride');
  const input: StartBuildInput = {
    projectName: project.name,
    sourceDir: source.folder,
    secondarySources: secondarySources(reader),
    buildspecOverride: reader.optionalString('buildspecOverride'),
    environmentVariablesOverride: variables(reader),
    imageOverride,
    privilegedModeOverride: reader.optionalBoolean('privilegedModeOverride'),
    timeoutInMinutesOverride: reader.optionalInteger('timeoutInMinutesOverride', TIMEOUT.min, TIMEOUT.max),
    runner: { imageMap: imageMap(ctx.account.layout.imageMap), network: 'host' },
    initiator: initiatorOf(ctx),
    sourceVersion: reader.optionalString('sourceVersion'),
  };
  const file = ctx.account.layout.parametersFile;
  return { input, parameters: existsSync(file) ? [await FileParameterSource.load(file)] : [], cleanup: source.cleanup };
}

/** The source folder: sourceLocationOverride, the project's Location when it is a folder, or an empty one for NO_SOURCE. */
function sourceFolder(reader: OperationInput, projectName: string, source: { type: string; location?: string }): { folder: string; cleanup: () => void } {
  const override = reader.optionalString('sourceLocationOverride');
  const type = reader.optionalString('sourceTypeOverride') ?? source.type;
  const location = override ?? (type === 'NO_SOURCE' ? undefined : source.location);
  const folder = location === undefined ? undefined : localFolder(location);
  if (folder) return { folder, cleanup: () => undefined };
  if (override !== undefined) throw reader.fail(`sourceLocationOverride must name a folder on this machine (the local CodeBuild reads sources from folders), got ${override}`);
  if (type !== 'NO_SOURCE') {
    throw reader.fail(`project ${projectName}'s source (${type}${source.location ? ` ${source.location}` : ''}) is not a folder on this machine: give sourceLocationOverride with a local folder`);
  }
  const empty = mkdtempSync(join(tmpdir(), 'slipway-no-source-'));
  return { folder: empty, cleanup: () => rmSync(empty, { recursive: true, force: true }) };
}

function localFolder(location: string): string | undefined {
  const path = location.startsWith('file:') ? fileURLToPath(location) : location;
  return isAbsolute(path) && existsSync(path) && statSync(path).isDirectory() ? path : undefined;
}

// secondarySourcesOverride: each source's identifier and a local folder as its location.
function secondarySources(reader: OperationInput): Record<string, string> | undefined {
  const list = reader.optionalList('secondarySourcesOverride', 12) as { sourceIdentifier?: string; location?: string }[] | undefined;
  if (!list) return undefined;
  return Object.fromEntries(list.map((source) => {
    const folder = source.location ? localFolder(source.location) : undefined;
    if (!source.sourceIdentifier || !folder) throw reader.fail(`secondarySourcesOverride needs a sourceIdentifier and a folder on this machine as location, got ${JSON.stringify(source)}`);
    return [source.sourceIdentifier, folder];
  }));
}

function variables(reader: OperationInput): EnvironmentVariable[] | undefined {
  const list = reader.optionalList('environmentVariablesOverride') as { name?: string; value?: string; type?: string }[] | undefined;
  return list?.map((variable) => {
    if (typeof variable.name !== 'string' || typeof variable.value !== 'string') throw reader.fail(`environmentVariablesOverride entries need a name and a value, got ${JSON.stringify(variable)}`);
    if (variable.type !== undefined && !['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'].includes(variable.type)) throw reader.fail(`environment variable ${variable.name} has type ${variable.type}; expected PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER`);
    return { name: variable.name, value: variable.value, type: (variable.type ?? 'PLAINTEXT') as EnvironmentVariable['type'] };
  });
}

/** The account's image map; a broken file is an input error naming it. */
function imageMap(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((value) => typeof value === 'string')) return parsed as Record<string, string>;
  } catch {
    // reported below
  }
  throw new SlipwayError('InvalidInputException', `${file}: expected a JSON object mapping CodeBuild images to local images, e.g. {"aws/codebuild/standard:7.0": "my/build-image:1"}`);
}

/** CODEBUILD_INITIATOR for a caller: the account's root user, or `<role>/<session>` of an assumed role. */
function initiatorOf(ctx: ApiContext): string {
  const session = ctx.account.secretOf(ctx.accessKeyId) !== undefined ? undefined : roleSessions(ctx.account).find(ctx.accessKeyId);
  return session ? session.arn.split('/').slice(-2).join('/') : 'root';
}
