// Finds the files a buildspec glob list names (artifacts, reports), relative to a base folder.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

export interface FoundFile {
  /** Absolute path on the host. */
  path: string;
  /** Path relative to the base folder, with `/` separators. */
  relativePath: string;
  /** Set when the entry is a symbolic link and links are kept (enable-symlinks). */
  linkTarget?: string;
}

function normalise(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Lists every file under `base`; symbolic links are kept as links or followed. */
async function walk(base: string, keepLinks: boolean): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  async function visit(dir: string): Promise<void> {
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const relativePath = relative(base, path).split(sep).join('/');
      if (entry.isSymbolicLink()) {
        if (keepLinks) {
          found.push({ path, relativePath, linkTarget: await readlink(path) });
          continue;
        }
        const target = await stat(path).catch(() => undefined);
        if (target?.isDirectory()) await visit(path);
        else if (target?.isFile()) found.push({ path, relativePath });
      } else if (entry.isDirectory()) await visit(path);
      else if (entry.isFile()) found.push({ path, relativePath });
    }
  }
  if ((await lstat(base).catch(() => undefined))?.isDirectory()) await visit(base);
  return found;
}

/** The files under `base` matching any of `patterns` and none of `excludes`, sorted. */
export async function findFiles(base: string, patterns: string[], excludes: string[], keepLinks: boolean): Promise<FoundFile[]> {
  const include = picomatch(patterns.map(normalise), { dot: true });
  const exclude = excludes.length > 0 ? picomatch(excludes.map(normalise), { dot: true }) : () => false;
  const files = await walk(base, keepLinks);
  return files.filter((f) => include(f.relativePath) && !exclude(f.relativePath)).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}
