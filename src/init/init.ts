// `slipway init`: plan a slipway.yml from what the repository shows, then write it (and the
// generated buildspec when the repository has none), never overwriting without `force`.
import { execFile } from 'node:child_process';
import { access, appendFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONFIG_FILE, parseConfig, type SlipwayConfig, type SlipwayConfigInput } from '../config/index.js';
import { SlipwayError } from '../errors.js';
import { DEFAULT_HOME_DIRNAME } from '../home.js';
import { renderBuildspec } from './buildspec.js';
import { inferRepository, type GitReader, type RepositoryFacts } from './infer.js';
import { keptBuildspecWarnings } from './kept-buildspec.js';
import { renderConfig } from './render-config.js';

/** What the user said on the command line; each one wins over what is inferred. */
export interface InitOptions {
  dir: string;
  name?: string;
  owner?: string;
  repository?: string;
  branch?: string;
  provider?: 'connection' | 'github' | 'codecommit';
  dockerfile?: string;
  /** Overwrite slipway.yml and buildspec.yml when they exist. Default: false. */
  force?: boolean;
}

/** What init did: files written and kept, the config, and what the user should know. */
export interface InitResult {
  written: string[];
  kept: string[];
  /** Ignore files that init added slipway's state folder to. */
  ignoring: string[];
  config: SlipwayConfig;
  facts: RepositoryFacts;
  warnings: string[];
}

/** Infers, validates and writes slipway.yml (and buildspec.yml if absent) in `options.dir`. */
export async function initRepository(options: InitOptions, git: GitReader = gitIn(options.dir)): Promise<InitResult> {
  const facts = await inferRepository(options.dir, git);
  const input = planConfig(options, facts);
  const configText = renderConfig(input);
  const config = parseConfig(configText, CONFIG_FILE);
  const buildspecPath = config.build.buildspec;
  const plannedFiles: [string, string][] = [
    [CONFIG_FILE, configText],
    [buildspecPath, renderBuildspec(config)],
  ];

  const configExists = await exists(join(options.dir, CONFIG_FILE));
  if (configExists && !options.force) {
    throw new SlipwayError('InitConfigExists', `${CONFIG_FILE} already exists in ${options.dir}; not overwriting it`, {
      hint: 'pass --force to replace it (and the buildspec), or edit it by hand',
    });
  }
  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of plannedFiles) {
    if (path === buildspecPath && !options.force && (await exists(join(options.dir, path)))) {
      kept.push(path);
      continue;
    }
    await writeFile(join(options.dir, path), text);
    written.push(path);
  }
  const ignoring = await ignoreStateFolder(options.dir, config.build.context);
  const buildspecWarnings = kept.includes(buildspecPath) && !config.build.inlineBuildspec
    ? await keptBuildspecWarnings(options.dir, buildspecPath, config) : [];
  return { written, kept, ignoring, config, facts, warnings: [...warningsFor(facts, options), ...buildspecWarnings] };
}

/** The line that keeps slipway's default state folder out of Git and out of the image. */
const STATE_IGNORE_LINE = `${DEFAULT_HOME_DIRNAME}/`;

/**
 * Adds `.slipway/` to .gitignore, and to .dockerignore when the build context is the repository
 * root: the folder holds local secrets, registry data and build output, none of which belongs in
 * a commit or an image. Returns the files it changed.
 */
async function ignoreStateFolder(dir: string, context: string): Promise<string[]> {
  const files = context === '.' ? ['.gitignore', '.dockerignore'] : ['.gitignore'];
  const changed: string[] = [];
  for (const file of files) {
    const text = await readFile(join(dir, file), 'utf8').catch(() => '');
    const lines = text.split(/\r?\n/).map((line) => line.trim().replace(/^\//, '').replace(/\/$/, ''));
    if (lines.includes(DEFAULT_HOME_DIRNAME)) continue;
    await appendFile(join(dir, file), `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}${STATE_IGNORE_LINE}\n`);
    changed.push(file);
  }
  return changed;
}

/** Chooses every value of the new slipway.yml: flags first, then what the repository shows. */
export function planConfig(options: InitOptions, facts: RepositoryFacts): SlipwayConfigInput {
  const provider = options.provider ?? (facts.remote?.provider === 'codecommit' ? 'codecommit' : 'connection');
  const repository = options.repository ?? facts.remote?.repository ?? facts.dirName;
  const owner = provider === 'codecommit' ? undefined : (options.owner ?? facts.remote?.owner);
  if (provider !== 'codecommit' && !owner) {
    throw new SlipwayError('InitOwnerUnknown', `cannot tell who owns the repository in ${options.dir}: it has no Git remote naming one`, {
      hint: 'pass --owner OWNER (the GitHub user or organization), or add a remote: git remote add origin https://github.com/OWNER/REPO.git',
    });
  }
  const name = toResourceName(options.name ?? repository);
  const dockerfile = options.dockerfile ?? facts.dockerfile ?? 'Dockerfile';
  return {
    name,
    env: 'dev',
    source: { provider, owner, repository, branch: options.branch ?? facts.branch ?? 'main' },
    image: { repository: toRepositoryName(repository), containerName: name, port: facts.port },
    build: { buildspec: 'buildspec.yml', dockerfile, context: dirname(dockerfile) },
  };
}

/** Lowercases and trims a name into slipway.yml's `name` rule (1–30 of a-z, 0-9, -; a letter first). */
export function toResourceName(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 30).replace(/-+$/, '');
  return cleaned || 'app';
}

function toRepositoryName(text: string): string {
  const cleaned = text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '');
  return cleaned.length >= 2 ? cleaned : `${cleaned}-image`;
}

function warningsFor(facts: RepositoryFacts, options: InitOptions): string[] {
  const warnings: string[] = [];
  if (!facts.dockerfile && !options.dockerfile) warnings.push('no Dockerfile found (searched three levels down); the build needs one at build.dockerfile');
  if (facts.remote?.provider === 'other') warnings.push(`the remote ${facts.remoteUrl} is not on GitHub; a connection source may need connectionProvider set`);
  return warnings;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A GitReader that runs the real git in `dir`. */
export function gitIn(dir: string): GitReader {
  return (args) =>
    new Promise((resolve) => {
      execFile('git', args, { cwd: dir }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
    });
}
