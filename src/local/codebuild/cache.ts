// The buildspec's `cache`, kept between builds of one project in `<home>/codebuild/<project>/cache`.
// Without `cache.key`, one copy per project is restored before INSTALL and replaced after the
// build. With a key, each key has its own copy (cache-keys.ts). Paths inside the source folder
// are copied on the host, and only inside it: a cached folder that a link leads out of the
// source is refused (issue 16), never read or written through. Absolute paths in a container
// are copied in and out of it (the container's own view); on the host they are left alone.
// Copies are made aside and renamed into place, so builds sharing a cache never see half a copy.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { projectStateDir } from './build-number.js';
import { copyFolder } from './folder-copy.js';
import type { BuildMachine } from './runtime.js';
import type { SourceBox } from './source-box.js';

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

/** What copying one cached folder did: whether anything was copied, the line to log, and a refusal. */
export interface RootMove {
  moved: boolean;
  message: string;
  /** Set when the folder leads out of the source: the build fails with CLIENT_ERROR. */
  refused?: boolean;
}

/** Saves a folder of the source to `stored` (a fresh path), or refuses one that leads out of it. */
async function saveFromSource(ctx: CacheContext, root: string, stored: string): Promise<RootMove> {
  const live = await ctx.box.resolve(resolve(ctx.sourceDir, root));
  if ('missing' in live) return { moved: false, message: `nothing to save for ${root}` };
  if (!live.inside) return { moved: false, refused: true, message: `cache: ${root} resolves to ${live.real}, outside the source folder; a cached folder is read only inside it` };
  try {
    if (!(await copyFolder(live.real, stored))) return { moved: false, message: `nothing to save for ${root}` };
  } catch (error) {
    await rm(stored, { recursive: true, force: true });
    return { moved: false, message: `${root} was not saved: ${(error as Error).message}` };
  }
  return { moved: true, message: `saved ${root}` };
}

/** Restores `stored` into the source, never through a link that leads out of it. */
async function restoreIntoSource(ctx: CacheContext, root: string, stored: string): Promise<RootMove> {
  const live = resolve(ctx.sourceDir, root);
  // The source folder is the user's own working tree (CodeBuild's is a fresh checkout): a
  // folder already there is theirs, maybe newer than any cached copy, and is never replaced.
  if (existsSync(live)) return { moved: false, message: `left ${root} as it is: it already exists in the source folder, and a restore never replaces it` };
  const planted = await ctx.box.leavesBox(live);
  if (planted) return { moved: false, refused: true, message: `cache: ${root} would be restored through ${planted}; nothing is written there` };
  // Another build may replace the stored copy while it is read: try again, then give up quietly.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const done = await copyFolder(stored, live);
      return done ? { moved: true, message: `restored ${root}` } : { moved: false, message: `nothing to restore for ${root}` };
    } catch (error) {
      await rm(live, { recursive: true, force: true });
      if (attempt === 2) return { moved: false, message: `${root} was not restored: ${(error as Error).message}` };
    }
  }
  return { moved: false, message: `nothing to restore for ${root}` };
}

/** Copies one cached folder between its stored copy and its place in the build; says what happened. */
export async function moveRoot(ctx: CacheContext, root: string, stored: string, direction: CacheDirection): Promise<RootMove> {
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
