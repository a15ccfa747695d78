// The bodies of `slipway build`, `builds` and `logs`, loaded only when one runs. The work is done
// by the account's CodeBuild (src/local/codebuild/service.ts); this file reads flags and speaks.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import { FileParameterSource, type ParameterSource } from '../../local/parameters/index.js';
import type { Build, EnvironmentVariable, StartBuildInput } from '../../local/codebuild/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson } from '../output.js';
import { eventPrinter } from '../render/events.js';
import { checkBuildspecFile, imageMap } from './build-inputs.js';
import { buildOnSource } from './build-source.js';
import { buildTable } from './build-table.js';

/** The flags of `slipway build`. */
export interface BuildOptions extends GlobalOptions {
  projectName?: string;
  adHoc?: boolean;
  buildspec?: string;
  source: string;
  artifacts?: string;
  env: string[];
  image?: string;
  host?: boolean;
  imageMap: string[];
  projectImage?: string;
  privileged?: boolean;
  timeout?: string;
  parameters?: string;
  network: 'host' | 'none';
  secondarySource: string[];
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  initiator?: string;
  inPlace?: boolean;
  json?: boolean;
}

/** The flags of `slipway builds`. */
export interface BuildsOptions extends GlobalOptions {
  projectName?: string;
  limit: string;
  json?: boolean;
}

function envOverrides(values: string[]): EnvironmentVariable[] {
  return Object.entries(keyValuePairs(values, '--env')).map(([name, value]) => {
    if (name.startsWith('CODEBUILD_')) {
      throw new SlipwayError('Usage', `--env ${name}: names starting with CODEBUILD_ are reserved`, { hint: 'use --source-version to set CODEBUILD_SOURCE_VERSION' });
    }
    return { name, value, type: 'PLAINTEXT' };
  });
}

/** A full Git commit id, as CODEBUILD_RESOLVED_SOURCE_VERSION holds. */
function commitId(text: string | undefined): string | undefined {
  if (text === undefined || /^[0-9a-f]{40}$/i.test(text)) return text;
  throw new SlipwayError('Usage', `--resolved-source-version expects a full 40-character commit id, got "${text}"`, { hint: 'pass the output of git rev-parse HEAD' });
}

function timeoutMinutes(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new SlipwayError('Usage', `--timeout expects minutes (a positive number), got "${text}"`);
  return minutes;
}

/** Sources read before the account's store: --parameters, else <home>/parameters.json when present. */
async function parameterFiles(ctx: CliContext, account: LocalAccount, flag: string | undefined): Promise<ParameterSource[]> {
  if (flag) return [await FileParameterSource.load(resolve(ctx.cwd, flag))];
  return existsSync(account.layout.parametersFile) ? [await FileParameterSource.load(account.layout.parametersFile)] : [];
}

function startInput(ctx: CliContext, account: LocalAccount, options: BuildOptions): StartBuildInput {
  const project = options.projectName !== undefined && !options.adHoc ? options.projectName : undefined;
  return {
    projectName: project,
    adHocName: project === undefined ? options.projectName : undefined,
    sourceDir: resolve(ctx.cwd, options.source),
    secondarySources: Object.fromEntries(Object.entries(keyValuePairs(options.secondarySource, '--secondary-source')).map(([id, dir]) => [id, resolve(ctx.cwd, dir)])),
    buildspecOverride: options.buildspec,
    environmentVariablesOverride: envOverrides(options.env),
    imageOverride: options.projectImage,
    privilegedModeOverride: options.privileged,
    timeoutInMinutesOverride: timeoutMinutes(options.timeout),
    runner: { host: options.host, image: options.image, imageMap: imageMap(account.layout.imageMap, options.imageMap), network: options.network },
    artifactsDir: options.artifacts ? resolve(ctx.cwd, options.artifacts) : undefined,
    initiator: options.initiator ?? userInfo().username,
    sourceVersion: options.sourceVersion,
    resolvedSourceVersion: commitId(options.resolvedSourceVersion),
  };
}

function summary(ctx: CliContext, build: Build): void {
  const lines = [`buildStatus: ${build.buildStatus}`, `id: ${build.id}`, `buildNumber: ${build.buildNumber}`];
  if (build.resolvedSourceVersion) lines.push(`resolvedSourceVersion: ${build.resolvedSourceVersion}`);
  if (build.artifacts) lines.push(`artifact: ${build.artifacts.location}`);
  for (const a of build.secondaryArtifacts) lines.push(`artifact ${a.artifactIdentifier}: ${a.location}`);
  for (const v of build.exportedEnvironmentVariables) lines.push(`exported ${v.name}=${v.value}`);
  lines.push(`log: slipway logs ${build.id}`);
  printData(ctx, lines.join('\n'));
}

/** `slipway build`. */
export function runBuildCommand(ctx: CliContext, options: BuildOptions): Promise<number> {
  if (options.host && options.image) throw new SlipwayError('Usage', '--host and --image exclude each other', { hint: 'choose one place to run the build' });
  if (options.adHoc && options.projectName === undefined) throw new SlipwayError('Usage', '--ad-hoc names a build with --project-name', { hint: 'e.g. slipway build --ad-hoc --project-name web' });
  return withAccount(ctx, options, async (account) => {
    const input = startInput(ctx, account, options);
    const project = input.projectName === undefined ? undefined : account.codebuild.projects.require(input.projectName);
    checkBuildspecFile(input.sourceDir, input.buildspecOverride ?? project?.source.buildspec);
    const parameters = await parameterFiles(ctx, account, options.parameters);
    const stop = account.events.subscribe(eventPrinter(ctx, options.json === true));
    const build = await buildOnSource(
      account, input, options.inPlace === true,
      (fresh) => account.codebuild.startBuild(fresh, { signal: ctx.signal, parameters }),
    ).finally(stop);
    if (options.json) printJson(ctx, build);
    else summary(ctx, build);
    if (build.buildStatus === 'SUCCEEDED') return EXIT_CODES.success;
    return build.buildStatus === 'STOPPED' ? EXIT_CODES.interrupted : EXIT_CODES.failed;
  });
}

/** `slipway builds`. */
export function runBuildsCommand(ctx: CliContext, options: BuildsOptions): Promise<number> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SlipwayError('Usage', `--limit expects a whole number of builds, got "${options.limit}"`);
  return withAccount(ctx, options, (account) => {
    const builds = account.codebuild.builds.list({ projectName: options.projectName, limit });
    if (options.json) printJson(ctx, { builds });
    else printData(ctx, buildTable(builds).join('\n'));
    return Promise.resolve(EXIT_CODES.success);
  });
}
