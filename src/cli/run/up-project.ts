// What `slipway up` does with a project: the stack of slipway.yml (`<name>-<env>`, the name
// `slipway deploy` uses) or of --template, created when missing and updated when it is there,
// when up starts and again each time the template or slipway.yml changes.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE } from '../../config/file-name.js';
import type { SlipwayConfig } from '../../config/index.js';
import type { LocalAccount } from '../../local/account/index.js';
import { isRemote } from '../../local/pipeline/git-repository.js';
import type { UpEvent } from '../../local/up/up-events.js';
import type { CliContext } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { chooseStack, suppliedAttributes } from './stack-input.js';

/** The flags that say which project `up` keeps up to date, and with which values. */
export interface ProjectOptions {
  template?: string;
  stackName?: string;
  parameter: string[];
  resourceAttribute: string[];
  resourceAttributes?: string;
}

/**
 * The files whose changes bring the stack up to date again: the template (--template, else
 * slipway.yml's) and slipway.yml, which also gives local.resourceAttributes; empty when there is
 * no project here.
 */
export function projectFiles(ctx: CliContext, options: ProjectOptions): string[] {
  const config = resolve(ctx.cwd, CONFIG_FILE);
  const files = options.template !== undefined ? [resolve(ctx.cwd, options.template)] : [];
  return existsSync(config) && !files.includes(config) ? [...files, config] : files;
}

/** slipway.yml here, validated, or undefined when there is none. */
async function projectConfig(ctx: CliContext): Promise<SlipwayConfig | undefined> {
  const file = resolve(ctx.cwd, CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const { loadConfig } = await import('../../config/index.js');
  return loadConfig(file, CONFIG_FILE);
}

/** The `local.sources` of slipway.yml, folders resolved against its directory (URLs as they are). */
export async function configuredSources(ctx: CliContext): Promise<Record<string, string>> {
  const config = await projectConfig(ctx);
  if (!config) return {};
  const base = resolve(ctx.cwd);
  return Object.fromEntries(Object.entries(config.local.sources).map(([name, location]) => [name, isRemote(location) ? location : resolve(base, location)]));
}

/** Creates or updates the project's stack once; failures become events, up goes on. */
export async function syncProject(ctx: CliContext, account: LocalAccount, options: ProjectOptions): Promise<void> {
  const report = account.events.reporterFor<UpEvent>('slipway');
  let stackName = options.stackName ?? options.template ?? CONFIG_FILE;
  try {
    const chosen = await chooseStack(ctx, options, 'create');
    stackName = chosen.stackName;
    // Read again on each sync: slipway.yml or the --resource-attributes file may have changed.
    const configured = (await projectConfig(ctx))?.local.resourceAttributes;
    const input = { ...chosen, parameters: keyValuePairs(options.parameter, '--parameter'), resourceAttributes: suppliedAttributes(ctx, options, configured) };
    const exists = account.stacks.listStacks().some((stack) => stack.stackName === chosen.stackName);
    const result = exists ? await account.stacks.update(input) : await account.stacks.create(input);
    report.emit({ type: 'up.project.synced', stackName, status: result.status, reason: result.reason });
  } catch (error) {
    report.emit({ type: 'up.project.failed', stackName, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Syncs again whenever one of `files` changes (editors replace files, so their folders are
 * watched); one queue for all of them, so two changes never sync at once. Returns the stop.
 */
export function watchProject(files: readonly string[], sync: () => Promise<void>): () => void {
  let pending: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers: FSWatcher[] = [];
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    const names = files.filter((file) => dirname(file) === folder).map((file) => basename(file));
    try {
      watchers.push(watch(folder, { persistent: false }, (_event, name) => {
        if (name === null || !names.includes(name)) return;
        clearTimeout(pending);
        pending = setTimeout(() => (running = running.then(sync)), 200);
      }));
    } catch {
      // A folder that cannot be watched: the stack is still synced when up starts.
    }
  }
  return () => {
    clearTimeout(pending);
    for (const watcher of watchers) watcher.close();
  };
}
