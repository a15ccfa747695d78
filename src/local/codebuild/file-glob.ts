// Finds the files a buildspec glob list names (artifacts, reports), relative to a base folder
// inside the build's box (source-box.ts). Links are kept as links (enable-symlinks) or followed,
// but only inside the box: a matching link that leads out of it, and a matching entry that is
// no regular file (a FIFO, a device), are refused with a message, never read.
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { SourceBox } from './source-box.js';

export interface FoundFile {
  /** Absolute path on the host. */
  path: string;
  /** Path relative to the base folder, with `/` separators. */
  relativePath: string;
  /** Set when the entry is a symbolic link and links are kept (enable-symlinks). */
  linkTarget?: string;
}

/** The files found, or every reason the list was refused (one line each). */
export type FoundFiles = { files: FoundFile[]; refusals: string[] };

function normalise(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** An entry the walk could not take: where it is, what it is, and whether it is a folder. */
interface Skipped {
  relativePath: string;
  reason: string;
  folder: boolean;
}

/** Lists every file under `base`; symbolic links are kept as links or followed inside the box. */
async function walk(base: string, keepLinks: boolean, box: SourceBox): Promise<{ found: FoundFile[]; skipped: Skipped[] }> {
  const found: FoundFile[] = [];
  const skipped: Skipped[] = [];
  const seen = new Set<string>();
  const rel = (path: string) => relative(base, path).split(sep).join('/');
  async function visit(dir: string, real: string): Promise<void> {
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      const relativePath = rel(path);
      if (entry.isSymbolicLink() && keepLinks) found.push({ path, relativePath, linkTarget: await readlink(path) });
      else if (entry.isSymbolicLink()) {
        const target = await box.resolve(path);
        if ('missing' in target) continue; // a dangling link names no file, as before
        const kind = await lstat(target.real).catch(() => undefined);
        if (!target.inside) skipped.push({ relativePath, reason: `${relativePath} is a symbolic link to ${target.real}, outside the source folder`, folder: !!kind?.isDirectory() });
        else if (kind?.isDirectory()) await visit(path, target.real);
        else if (kind?.isFile()) found.push({ path, relativePath });
        else skipped.push({ relativePath, reason: `${relativePath} is not a regular file`, folder: false });
      } else if (entry.isDirectory()) await visit(path, join(real, entry.name));
      else if (entry.isFile()) found.push({ path, relativePath });
      else skipped.push({ relativePath, reason: `${relativePath} is not a regular file`, folder: false });
    }
  }
  const start = await box.resolve(base);
  if ('real' in start && start.inside && (await lstat(start.real).catch(() => undefined))?.isDirectory()) await visit(base, start.real);
  return { found, skipped };
}

/** True when some pattern could match a path under the folder `folder` (a `**` segment matches any). */
function mayMatchUnder(patterns: string[], folder: string): boolean {
  const parts = folder.split('/');
  return patterns.some((pattern) => {
    const segments = pattern.split('/');
    for (let i = 0; i < parts.length; i += 1) {
      const segment = segments[i];
      if (segment === undefined) return false;
      if (segment.includes('**')) return true;
      if (!picomatch.isMatch(parts[i]!, segment, { dot: true })) return false;
    }
    return true;
  });
}

/**
 * The files under `base` matching any of `patterns` and none of `excludes`, sorted; or, when a
 * matching entry leads out of the box or is no regular file, why it is refused.
 */
export async function findFiles(base: string, patterns: string[], excludes: string[], keepLinks: boolean, box: SourceBox): Promise<FoundFiles> {
  const normalised = patterns.map(normalise);
  const include = picomatch(normalised, { dot: true });
  const exclude = excludes.length > 0 ? picomatch(excludes.map(normalise), { dot: true }) : () => false;
  const { found, skipped } = await walk(base, keepLinks, box);
  const refusals = skipped
    .filter((s) => !exclude(s.relativePath) && (include(s.relativePath) || (s.folder && mayMatchUnder(normalised, s.relativePath))))
    .map((s) => s.reason);
  const files = found.filter((f) => include(f.relativePath) && !exclude(f.relativePath)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  return { files, refusals };
}

/** Checks that a `base-directory` ends inside the box; the message says where it leads otherwise. */
export async function checkBaseDirectory(base: string, written: string | undefined, box: SourceBox): Promise<string | undefined> {
  if (written === undefined) return undefined;
  const outside = (where: string) => `base-directory ${written} resolves to ${where}, outside the source folder ${box.root}`;
  // Written outside (`/etc`, `..`) is refused even when it does not exist.
  if (!box.containsWritten(base)) return outside(base);
  const target = await box.resolve(base);
  return 'missing' in target || target.inside ? undefined : outside(target.real);
}
