// `slipway build`: runs one CodeBuild-compatible build on this machine. The work is done by
// runBuild (src/local/codebuild); this file reads flags, wires the parts and speaks.
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { Build, BuildEvent, EnvironmentVariable } from '../../local/codebuild/index.js';
// Only the defaults load with the CLI; the engine loads when a build runs (start-up time).
import { BUILD_DEFAULTS } from '../../local/codebuild/request.js';
import type { ParameterSource } from '../../local/parameters/index.js';
import { homeOf, type CliContext, type GlobalOptions } from '../context.js';
import { collect, keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';
import type { Runner } from '../program.js';

interface BuildOptions extends GlobalOptions {
  buildspec?: string;
  source: string;
  artifacts?: string;
  env: string[];
  image?: string;
  host?: boolean;
  imageMap: string[];
  projectName: string;
  projectImage: string;
  privileged?: boolean;
  timeout: string;
  parameters?: string;
  network: 'host' | 'none';
  secondarySource: string[];
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator?: string;
  json?: boolean;
}

function envOverrides(values: string[]): EnvironmentVariable[] {
  return Object.entries(keyValuePairs(values, '--env')).map(([name, value]) => {
    if (name.startsWith('CODEBUILD_')) {
      throw new SlipwayError('USAGE', `--env ${name}: names starting with CODEBUILD_ are reserved`, { hint: 'use --source-version to set CODEBUILD_SOURCE_VERSION' });
    }
    return { name, value, type: 'PLAINTEXT' };
  });
}

const IMAGE_MAP_EXPECTED = 'a JSON object mapping CodeBuild images to local images, e.g. {"aws/codebuild/standard:7.0": "my/build-image:1"}';

/** Reads `<home>/codebuild/images.json`; a bad file is an input error naming it (exit 2). */
function imageMapFile(file: string): Record<string, string> {
  const invalid = (got: string, cause?: unknown) =>
    new SlipwayError('IMAGE_MAP_INVALID', `${file}: expected ${IMAGE_MAP_EXPECTED}; ${got}`, {
      cause,
      hint: `fix or remove ${file}, or pass --image-map instead`,
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw invalid(`it is not valid JSON (${(error as Error).message})`, error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(`got ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`);
  for (const [image, local] of Object.entries(parsed)) {
    if (typeof local !== 'string') throw invalid(`the value of "${image}" is ${JSON.stringify(local)}, not an image name`);
  }
  return parsed as Record<string, string>;
}

/** A full Git commit id, as CODEBUILD_RESOLVED_SOURCE_VERSION holds. */
function commitId(text: string | undefined): string | undefined {
  if (text === undefined || /^[0-9a-f]{40}$/i.test(text)) return text;
  throw new SlipwayError('USAGE', `--resolved-source-version expects a full 40-character commit id, got "${text}"`, { hint: 'pass the output of git rev-parse HEAD' });
}

function imageMap(home: string, values: string[]): Record<string, string> {
  const file = join(home, 'codebuild', 'images.json');
  const fromFile = existsSync(file) ? imageMapFile(file) : {};
  return { ...fromFile, ...keyValuePairs(values, '--image-map') };
}

async function parameterSource(cwd: string, home: string, flag: string | undefined): Promise<ParameterSource> {
  const { FileParameterSource, emptyParameterSource } = await import('../../local/parameters/index.js');
  if (flag) return FileParameterSource.load(resolve(cwd, flag));
  const file = join(home, 'parameters.json');
  return existsSync(file) ? FileParameterSource.load(file) : emptyParameterSource;
}

/** Validates the buildspec file before anything runs (exit 2 with every problem). */
async function checkBuildspec(sourceDir: string, file: string): Promise<void> {
  const { readBuildspec } = await import('../../local/codebuild/buildspec-parser.js');
  const path = resolve(sourceDir, file);
  if (!existsSync(path)) {
    throw new SlipwayError('BUILDSPEC_MISSING', `no buildspec at ${path}`, { hint: 'pass --buildspec FILE, or run slipway init to write one' });
  }
  const reading = readBuildspec(readFileSync(path, 'utf8'), file);
  if (!reading.buildspec) {
    throw new SlipwayError('BUILDSPEC_INVALID', `the buildspec ${file} is not valid`, {
      problems: reading.problems,
      hint: 'see https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html',
    });
  }
}

function timeoutMinutes(text: string): number {
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new SlipwayError('USAGE', `--timeout expects minutes (a positive number), got "${text}"`);
  return minutes;
}

function summary(ctx: CliContext, build: Build): void {
  const lines = [`buildStatus: ${build.buildStatus}`, `id: ${build.id}`, `buildNumber: ${build.buildNumber}`];
  if (build.resolvedSourceVersion) lines.push(`resolvedSourceVersion: ${build.resolvedSourceVersion}`);
  if (build.artifacts) lines.push(`artifact: ${build.artifacts.location}`);
  for (const a of build.secondaryArtifacts) lines.push(`artifact ${a.artifactIdentifier}: ${a.location}`);
  for (const v of build.exportedEnvironmentVariables) lines.push(`exported ${v.name}=${v.value}`);
  printData(ctx, lines.join('\n'));
}

async function build(ctx: CliContext, options: BuildOptions): Promise<number> {
  if (options.host && options.image) throw new SlipwayError('USAGE', '--host and --image exclude each other', { hint: 'choose one place to run the build' });
  const home = homeOf(ctx, options);
  const sourceDir = resolve(ctx.cwd, options.source);
  const buildspecFile = options.buildspec ?? BUILD_DEFAULTS.buildspecFile;
  await checkBuildspec(sourceDir, buildspecFile);
  const { DockerRuntime, chooseRunner, formatBuildEvent, runBuild } = await import('../../local/codebuild/index.js');
  const choice = chooseRunner({
    host: options.host,
    image: options.image,
    projectImage: options.projectImage,
    imageMap: imageMap(home, options.imageMap),
    network: options.network,
  });
  const emit = (event: BuildEvent) => {
    if (options.json) printJson(ctx, event);
    else for (const line of formatBuildEvent(event)) say(ctx, line);
  };
  const result = await runBuild(
    {
      buildspec: { file: buildspecFile },
      sourceDir,
      secondarySources: Object.fromEntries(Object.entries(keyValuePairs(options.secondarySource, '--secondary-source')).map(([id, dir]) => [id, resolve(ctx.cwd, dir)])),
      artifactsDir: options.artifacts ? resolve(ctx.cwd, options.artifacts) : undefined,
      project: {
        name: options.projectName,
        image: options.projectImage,
        privilegedMode: options.privileged ?? false,
        timeoutInMinutes: timeoutMinutes(options.timeout),
      },
      environmentOverrides: envOverrides(options.env),
      runner: choice,
      initiator: options.initiator ?? userInfo().username,
      sourceVersion: options.sourceVersion,
      resolvedSourceVersion: commitId(options.resolvedSourceVersion),
    },
    {
      reporter: { emit },
      containerRuntime: new DockerRuntime(ctx.env),
      parameters: await parameterSource(ctx.cwd, home, options.parameters),
      signal: ctx.signal,
      stateDir: home,
      env: ctx.env,
    },
  );
  if (options.json) printJson(ctx, result);
  else summary(ctx, result);
  if (result.buildStatus === 'SUCCEEDED') return EXIT_CODES.success;
  return result.buildStatus === 'STOPPED' ? EXIT_CODES.interrupted : EXIT_CODES.failed;
}

/** Registers `slipway build`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('build')
    .description('run one CodeBuild-compatible build locally: phases, exported variables, artifacts')
    .option('--buildspec <file>', `buildspec path relative to the source folder (default: ${BUILD_DEFAULTS.buildspecFile})`)
    .option('--source <dir>', 'the source folder (CODEBUILD_SRC_DIR)', '.')
    .option('--artifacts <dir>', 'where artifact zips go (default: <home>/codebuild/<project>/artifacts/<build number>)')
    .option('--env <name=value>', 'an environment variable override; repeatable; wins over project and buildspec', collect, [])
    .option('--image <image>', 'run in a container from this local image (default: the local image --image-map gives the project image, else on this machine)')
    .option('--host', 'run on this machine (bash), even when the project image is mapped')
    .option('--image-map <project-image=local-image>', 'map a CodeBuild image to a local one; repeatable (also <home>/codebuild/images.json)', collect, [])
    .option('--project-name <name>', 'the CodeBuild project name', BUILD_DEFAULTS.projectName)
    .option('--project-image <image>', "the project's Environment.Image", BUILD_DEFAULTS.image)
    .option('--privileged', 'privileged mode: the host Docker engine is usable inside the build container')
    .option('--timeout <minutes>', 'the build timeout (TimeoutInMinutes)', String(BUILD_DEFAULTS.timeoutInMinutes))
    .option('--parameters <file>', 'SSM parameters and secrets for parameter-store / secrets-manager (default: <home>/parameters.json)')
    .addOption(new Option('--network <mode>', 'the build container network').choices(['host', 'none']).default(BUILD_DEFAULTS.network))
    .option('--secondary-source <id=dir>', 'a secondary source (CODEBUILD_SRC_DIR_<id>); repeatable', collect, [])
    .option('--source-version <version>', 'CODEBUILD_SOURCE_VERSION (default: the commit id); a full 40-character commit id also sets CODEBUILD_RESOLVED_SOURCE_VERSION when the source folder is not a Git work tree')
    .option('--resolved-source-version <commit>', 'CODEBUILD_RESOLVED_SOURCE_VERSION (default: the source folder\'s Git HEAD)')
    .option('--initiator <name>', 'CODEBUILD_INITIATOR (default: your user name)')
    .option('--json', 'print NDJSON events, then the Build object')
    .action(run<BuildOptions>((options) => build(ctx, options)));
}
