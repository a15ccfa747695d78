// Copies one folder on this machine, replacing what was at the destination: the host runner's
// copyIn/copyOut and the cache's own copies of folders in the source tree.
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Replaces `to` with a copy of the folder `from` (links kept as links); false when `from` is no folder. */
export async function copyFolder(from: string, to: string): Promise<boolean> {
  if (!(await stat(from).catch(() => undefined))?.isDirectory()) return false;
  await rm(to, { recursive: true, force: true });
  await mkdir(dirname(to), { recursive: true });
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return true;
}
