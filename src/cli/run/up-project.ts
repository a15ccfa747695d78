// What `slipway up` does with a project: the stack of slipway.yml (`<name>-<env>`, the name
// `slipway deploy` uses) or of --template, created when missing and updated when it is there,
// when up starts and again each time the file changes.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE } from '../../config/file-name.js';
import type { LocalAccount } from '../../local/account/index.js';
import { isRemote } from '../../local/pipeline/git-repository.js';
import type { UpEvent } from '../../local/up/up-events.js';
import type { CliContext } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { chooseStack } from './stack-input.js';

/** The flags that say which project `up` keeps up to date. */
export interface ProjectOptions {
  template?: string;
  stackName?: string;
  parameter: string[];
}

/** The file whose changes bring the stack up to date again, or undefined when there is no project here. */
export function projectFile(ctx: CliContext, options: ProjectOptions): string | undefined {
  if (options.template !== undefined) return resolve(ctx.cwd, options.template);
  const config = resolve(ctx.cwd, CONFIG_FILE);
  return existsSync(config) ? config : undefined;
}

/** The `local.sources` of slipway.yml, folders resolved against its directory (URLs as they are). */
export async function configuredSources(ctx: CliContext): Promise<Record<string, string>> {
  const file = resolve(ctx.cwd, CONFIG_FILE);
  if (!existsSync(file)) return {};
  const { loadConfig } = await import('../../config/index.js');
  const config = await loadConfig(file, CONFIG_FILE);
  return Object.fromEntries(Object.entries(config.local.sources).map(([name, location]) => [name, isRemote(location) ? location : resolve(dirname(file), location)]));
}

/** Creates or updates the project's stack once; failures become events, up goes on. */
export async function syncProject(ctx: CliContext, account: LocalAccount, options: ProjectOptions): Promise<void> {
  const report = account.events.reporterFor<UpEvent>('slipway');
  let stackName = options.stackName ?? options.template ?? CONFIG_FILE;
  try {
    const chosen = await chooseStack(ctx, options, 'create');
    stackName = chosen.stackName;
    const input = { ...chosen, parameters: keyValuePairs(options.parameter, '--parameter') };
    const exists = account.stacks.listStacks().some((stack) => stack.stackName === chosen.stackName);
    const result = exists ? await account.stacks.update(input) : await account.stacks.create(input);
    report.emit({ type: 'up.project.synced', stackName, status: result.status, reason: result.reason });
  } catch (error) {
    report.emit({ type: 'up.project.failed', stackName, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Syncs again whenever `file` changes (editors replace files, so the folder is watched); returns the stop. */
export function watchProject(file: string, sync: () => Promise<void>): () => void {
  let pending: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
      if (name !== basename(file)) return;
      clearTimeout(pending);
      pending = setTimeout(() => (running = running.then(sync)), 200);
    });
  } catch {
    return () => {};
  }
  return () => {
    clearTimeout(pending);
    watcher?.close();
  };
}
