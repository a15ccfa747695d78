// Copies a cached folder between the source folder and its stored copy on the host, only
// inside the source: a cached folder that a link leads out of the source is refused (issue 16),
// never read (save) or written through (restore). Links inside a cached folder stay links.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CacheContext } from './cache.js';
import { copyFolder } from './folder-copy.js';

/** What copying one cached folder did: whether anything was copied, the line to log, and a refusal. */
export interface RootMove {
  moved: boolean;
  message: string;
  /** Set when the folder leads out of the source: the build fails with CLIENT_ERROR. */
  refused?: boolean;
}

/** Saves a folder of the source to `stored` (a fresh path), or refuses one that leads out of it. */
export async function saveFromSource(ctx: CacheContext, root: string, stored: string): Promise<RootMove> {
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
export async function restoreIntoSource(ctx: CacheContext, root: string, stored: string): Promise<RootMove> {
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

