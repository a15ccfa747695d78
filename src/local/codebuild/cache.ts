// `cache.paths` kept between builds of the same project, in `<home>/codebuild/<project>/cache`.
// Paths inside the source folder are copied on the host; absolute paths in a container are
// copied in and out of it. On the host, absolute paths are already persistent and are left alone.
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { projectStateDir } from './build-number.js';
import type { BuildMachine } from './runtime.js';

/** The folder a cache glob names: `node_modules/**\/*` → `node_modules`. */
export function cacheRoot(pattern: string): string {
  const parts = pattern.replace(/^\.\//, '').split('/');
  const index = parts.findIndex((part) => /[*?[\]{}]/.test(part));
  const kept = index < 0 ? parts : parts.slice(0, index);
  return kept.join('/') || '.';
}

async function copyDir(from: string, to: string): Promise<boolean> {
  if (!(await stat(from).catch(() => undefined))?.isDirectory()) return false;
  await rm(to, { recursive: true, force: true });
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return true;
}

export interface CacheContext {
  stateDir: string;
  projectName: string;
  sourceDir: string;
  machine: BuildMachine;
  onHost: boolean;
}

type Direction = 'restore' | 'save';

async function moveOne(ctx: CacheContext, root: string, direction: Direction): Promise<string> {
  const stored = join(projectStateDir(ctx.stateDir, ctx.projectName), 'cache', encodeURIComponent(root));
  if (!isAbsolute(root)) {
    const live = resolve(ctx.sourceDir, root);
    const done = direction === 'restore' ? await copyDir(stored, live) : await copyDir(live, stored);
    return `${done ? (direction === 'restore' ? 'restored' : 'saved') : 'nothing to ' + direction + ' for'} ${root}`;
  }
  if (ctx.onHost) return `left ${root} alone (an absolute path on the host is already kept between builds)`;
  let done: boolean;
  if (direction === 'restore') done = await ctx.machine.copyIn(stored, root);
  else {
    await rm(stored, { recursive: true, force: true });
    await mkdir(dirname(stored), { recursive: true });
    done = await ctx.machine.copyOut(root, stored);
  }
  return `${done ? (direction === 'restore' ? 'restored' : 'saved') : 'nothing to ' + direction + ' for'} ${root}`;
}

/** Copies the cached folders into place (before INSTALL) or back to the cache (after the build). */
export async function moveCache(ctx: CacheContext, paths: string[], direction: Direction): Promise<string[]> {
  const roots = [...new Set(paths.map(cacheRoot))];
  const messages: string[] = [];
  for (const root of roots) messages.push(await moveOne(ctx, root, direction));
  return messages;
}
