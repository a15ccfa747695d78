// A fresh copy of a build's source folder, holding the files Git sees there (git-work-tree.ts),
// without .git: what CodePipeline hands CodeBuild from a CODE_ZIP source (slipway's pipeline
// projects have Source.Type CODEPIPELINE), so what a build writes never lands in the user's tree.
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, mkdtemp, readlink, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** How many files are copied at once. */
const PARALLEL_COPIES = 16;

/** A copy made for one build; `dispose` removes it. */
export interface SourceCopy {
  dir: string;
  /** Files, links and (empty) submodule folders copied. */
  entries: number;
  dispose(): Promise<void>;
}

function inside(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => path === folder || path.startsWith(`${folder}${sep}`));
}

/** Copies one entry: a file keeps its mode (copyFile copies it), a link stays a link, a submodule is an empty folder. */
async function copyEntry(from: string, to: string): Promise<boolean> {
  const stat = await lstat(from).catch(() => undefined);
  // A tracked file deleted from the tree is not in the copy, as it would not be in a commit of the tree.
  if (!stat) return false;
  await mkdir(dirname(to), { recursive: true });
  if (stat.isSymbolicLink()) await symlink(await readlink(from), to);
  // A submodule (a gitlink) arrives as an empty folder, as `git archive` and CODE_ZIP leave it.
  else if (stat.isDirectory()) await mkdir(to, { recursive: true });
  else if (stat.isFile()) await copyFile(from, to, constants.COPYFILE_FICLONE);
  else return false;
  return true;
}

/**
 * Copies `files` (relative to `source`) into a new folder under the system's temporary folder,
 * leaving out any under `leaveOut` (slipway's home, the artifacts folder). The copy sits outside
 * every Git work tree, so git run by a host build cannot walk up into the user's repository.
 */
export async function copySource(source: string, files: readonly string[], leaveOut: readonly string[]): Promise<SourceCopy> {
  const from = resolve(source);
  const parent = await mkdtemp(join(tmpdir(), 'slipway-source-'));
  // The folder keeps the source folder's name: a build that reads `basename $PWD` sees the same one.
  const dir = join(parent, basename(from) || 'src');
  const dispose = () => rm(parent, { recursive: true, force: true });
  try {
    // mkdtemp makes a private folder; a buildspec's run-as user must still be able to enter the
    // copy. Git records no folder modes: folders are made as a checkout makes them.
    await chmod(parent, 0o755);
    await mkdir(dir, { mode: 0o755 });
    const wanted = files.filter((file) => !inside(join(from, file), leaveOut));
    let entries = 0;
    for (let start = 0; start < wanted.length; start += PARALLEL_COPIES) {
      const batch = wanted.slice(start, start + PARALLEL_COPIES);
      const copied = await Promise.all(batch.map((file) => copyEntry(join(from, file), join(dir, file))));
      entries += copied.filter(Boolean).length;
    }
    return { dir, entries, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
