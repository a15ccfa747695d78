// The buildspec's `cache`, kept between builds of one project in `<home>/codebuild/<project>/cache`.
// Without `cache.key`, one copy per project is restored before INSTALL and replaced after the
// build. With a key, each key has its own copy (cache-keys.ts). Paths inside the source folder
// are copied on the host, and only inside it: a cached folder that a link leads out of the
// source is refused (issue 16), never read or written through. Absolute paths in a container
// are copied in and out of it (the container's own view); on the host they are left alone.
// Copies are made aside and renamed into place, so builds sharing a cache never see half a copy.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { projectStateDir } from './project-state.js';
import { restoreIntoSource, saveFromSource } from './cache-source-copy.js';
import type { BuildMachine } from './runtime.js';
import type { SourceBox } from './source-box.js';
export type { RootMove } from './cache-source-copy.js';
import type { RootMove } from './cache-source-copy.js';

/** The folder a cache glob names: `node_modules/**\/*` → `node_modules`. */
export function cacheRoot(pattern: string): string {
  const parts = pattern.replace(/^\.\//, '').split('/');
  const index = parts.findIndex((part) => /[*?[\]{}]/.test(part));
  const kept = index < 0 ? parts : parts.slice(0, index);
  return kept.join('/') || '.';
}

/** The folders `cache.paths` name, each once, in a stable order. */
export function cacheRoots(paths: string[]): string[] {
  return [...new Set(paths.map(cacheRoot))].sort();
}

export interface CacheContext {
  stateDir: string;
  projectName: string;
  sourceDir: string;
  box: SourceBox;
  machine: BuildMachine;
  onHost: boolean;
}

export type CacheDirection = 'restore' | 'save';

/** The project's cache folder. */
export function projectCacheDir(ctx: CacheContext): string {
  return join(projectStateDir(ctx.stateDir, ctx.projectName), 'cache');
}

/** Where a stored copy of `root` lives inside a folder of stored copies (`.` and `..` are names too). */
export function storedCopy(dir: string, root: string): string {
  return join(dir, encodeURIComponent(root).replace(/^\.\.?$/, (dots) => '%2E'.repeat(dots.length)));
}

/** A name for a copy being made beside `dir`'s copies: `%` then a non-hex letter is never an encoded name. */
export function asideIn(dir: string): string {
  return join(dir, `%saving-${randomUUID()}`);
}

/** Copies one cached folder between its stored copy and its place in the build; says what happened. */
export async function moveRoot(ctx: CacheContext, root: string, stored: string, direction: CacheDirection): Promise<RootMove> {
  // A home inside the source folder (`.slipway/`) is within the build's reach: a link planted
  // on the way to the stored copy would make a save write, or a restore read, outside.
  const planted = await ctx.box.plantedLink(stored);
  if (planted) return { moved: false, refused: true, message: `cache: ${root} is not ${direction === 'save' ? 'saved' : 'restored'}: ${planted}` };
  if (!isAbsolute(root)) return direction === 'restore' ? restoreIntoSource(ctx, root, stored) : saveFromSource(ctx, root, stored);
  if (ctx.onHost) return { moved: false, message: `left ${root} alone (an absolute path on the host is already kept between builds)` };
  if (direction === 'save') await mkdir(dirname(stored), { recursive: true });
  const done = direction === 'restore' ? await ctx.machine.copyIn(stored, root) : await ctx.machine.copyOut(root, stored);
  if (!done) return { moved: false, message: `nothing to ${direction} for ${root}` };
  return { moved: true, message: `${direction === 'restore' ? 'restored' : 'saved'} ${root}` };
}

/** Puts a copy made aside in the place of the stored one; the old one is removed afterwards. */
async function replaceStored(aside: string, stored: string): Promise<void> {
  const old = `${aside}-old`;
  await rename(stored, old).catch(() => undefined);
  // Another build may have put its copy there in between: it is as good as ours.
  await rename(aside, stored).catch(() => undefined);
  await Promise.all([rm(old, { recursive: true, force: true }), rm(aside, { recursive: true, force: true })]);
}

/** What a cache restore or save did: lines to log, and a refusal that fails the build. */
export interface CacheOutcome {
  messages: string[];
  refusal?: string;
}

/** Without a key: copies the project's cached folders into place (before INSTALL) or back (after the build). */
export async function moveCache(ctx: CacheContext, paths: string[], direction: CacheDirection): Promise<CacheOutcome> {
  const outcome: CacheOutcome = { messages: [] };
  const dir = projectCacheDir(ctx);
  for (const root of cacheRoots(paths)) {
    const stored = storedCopy(dir, root);
    const aside = direction === 'save' ? asideIn(dir) : stored;
    const move = await moveRoot(ctx, root, aside, direction);
    if (move.refused) return { messages: outcome.messages, refusal: move.message };
    if (direction === 'save' && move.moved) await replaceStored(aside, stored);
    else if (direction === 'save') await rm(aside, { recursive: true, force: true });
    outcome.messages.push(move.message);
  }
  return outcome;
}
