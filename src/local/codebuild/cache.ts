// The buildspec's `cache`, kept between builds of one project in `<home>/codebuild/<project>/cache`.
// Without `cache.key`, one copy per project is restored before INSTALL and replaced after the
// build. With a key, each key has its own copy (cache-keys.ts). Paths inside the source folder
// are copied on the host; absolute paths in a container are copied in and out of it; on the
// host, absolute paths are already persistent and are left alone.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { projectStateDir } from './project-state.js';
import { copyFolder } from './folder-copy.js';
import type { BuildMachine } from './runtime.js';

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
  machine: BuildMachine;
  onHost: boolean;
}

export type CacheDirection = 'restore' | 'save';

/** The project's cache folder. */
export function projectCacheDir(ctx: CacheContext): string {
  return join(projectStateDir(ctx.stateDir, ctx.projectName), 'cache');
}

/** Where a stored copy of `root` lives inside a folder of stored copies. */
export function storedCopy(dir: string, root: string): string {
  return join(dir, encodeURIComponent(root));
}

/** What copying one cached folder did: whether anything was copied, and the line to log. */
export interface RootMove {
  moved: boolean;
  message: string;
}

/** Copies one cached folder between its stored copy and its place in the build; says what happened. */
export async function moveRoot(ctx: CacheContext, root: string, stored: string, direction: CacheDirection): Promise<RootMove> {
  let done: boolean;
  if (!isAbsolute(root)) {
    const live = resolve(ctx.sourceDir, root);
    // The source folder is the user's own working tree (CodeBuild's is a fresh checkout): a
    // folder already there is theirs, maybe newer than any cached copy, and is never replaced.
    if (direction === 'restore' && existsSync(live)) return { moved: false, message: `left ${root} as it is: it already exists in the source folder, and a restore never replaces it` };
    done = direction === 'restore' ? await copyFolder(stored, live) : await copyFolder(live, stored);
  } else if (ctx.onHost) {
    return { moved: false, message: `left ${root} alone (an absolute path on the host is already kept between builds)` };
  } else if (direction === 'restore') {
    done = await ctx.machine.copyIn(stored, root);
  } else {
    await rm(stored, { recursive: true, force: true });
    await mkdir(dirname(stored), { recursive: true });
    done = await ctx.machine.copyOut(root, stored);
  }
  if (!done) return { moved: false, message: `nothing to ${direction} for ${root}` };
  return { moved: true, message: `${direction === 'restore' ? 'restored' : 'saved'} ${root}` };
}

/** Without a key: copies the project's cached folders into place (before INSTALL) or back (after the build). */
export async function moveCache(ctx: CacheContext, paths: string[], direction: CacheDirection): Promise<string[]> {
  const messages: string[] = [];
  for (const root of cacheRoots(paths)) messages.push((await moveRoot(ctx, root, storedCopy(projectCacheDir(ctx), root), direction)).message);
  return messages;
}
