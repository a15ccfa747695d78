// A fresh copy of a build's source folder, holding the files Git sees there (git-work-tree.ts),
// without .git: what CodePipeline hands CodeBuild from a CODE_ZIP source (slipway's pipeline
// projects have Source.Type CODEPIPELINE), so what a build writes never lands in the user's tree.
import { constants, copyFileSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { ownerAlive, processStart } from './left-builds.js';

/**
 * How many entries are copied between two turns of the event loop. Synchronous copies: on a busy
 * machine, 724 files (slipway's own repository) took 0.26-0.49 s this way and 0.75-0.95 s as
 * parallel asynchronous copies through the thread pool.
 */
const ENTRIES_PER_TURN = 256;

const COPY_PREFIX = 'slipway-source-';
/** The name of a copy made on Linux: the prefix, the owner's pid and its start, then mkdtemp's letters. */
const OWNED_COPY = /^slipway-source-(\d+)-(\d+)-/;

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
function copyEntry(from: string, to: string, folders: Set<string>): boolean {
  let stat;
  try {
    stat = lstatSync(from);
  } catch {
    // A tracked file deleted from the tree is not in the copy, as it would not be in a commit of the tree.
    return false;
  }
  if (!stat.isFile() && !stat.isSymbolicLink() && !stat.isDirectory()) return false;
  const parent = dirname(to);
  if (!folders.has(parent)) mkdirSync(parent, { recursive: true });
  folders.add(parent);
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  // A submodule (a gitlink) arrives as an empty folder, as `git archive` and CODE_ZIP leave it.
  else if (stat.isDirectory()) mkdirSync(to, { recursive: true });
  else copyFileSync(from, to, constants.COPYFILE_FICLONE);
  return true;
}

/**
 * Copies `files` (relative to `source`) into a new folder under the system's temporary folder,
 * leaving out any under `leaveOut` (slipway's home, the artifacts folder). The copy sits outside
 * every Git work tree, so git run by a host build cannot walk up into the user's repository.
 */
export async function copySource(source: string, files: readonly string[], leaveOut: readonly string[]): Promise<SourceCopy> {
  const from = resolve(source);
  // The name carries this process's pid and start, so a copy whose process is gone can be told
  // from another build's; without /proc (not Linux) it gets a plain name, never removed by others.
  const start = await processStart(process.pid);
  const parent = await mkdtemp(join(tmpdir(), `${COPY_PREFIX}${start === undefined ? '' : `${process.pid}-${start}-`}`));
  // The folder keeps the source folder's name: a build that reads `basename $PWD` sees the same one.
  const dir = join(parent, basename(from) || 'src');
  const dispose = () => rm(parent, { recursive: true, force: true });
  try {
    // mkdtemp makes a private folder; a buildspec's run-as user must still be able to enter the
    // copy. Git records no folder modes: folders are made as a checkout makes them.
    await chmod(parent, 0o755);
    await mkdir(dir, { mode: 0o755 });
    const wanted = files.filter((file) => !inside(join(from, file), leaveOut));
    const folders = new Set([dir]);
    let entries = 0;
    for (const [index, file] of wanted.entries()) {
      if (copyEntry(join(from, file), join(dir, file), folders)) entries += 1;
      if (index % ENTRIES_PER_TURN === ENTRIES_PER_TURN - 1) await turn();
    }
    return { dir, entries, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Removes the copies of builds whose slipway process is gone (killed with SIGKILL, or the machine
 * stopped): a finished or stopped build removes its own copy, a killed one cannot.
 */
export async function removeLeftCopies(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const owner = OWNED_COPY.exec(name);
    if (!owner || (await ownerAlive(Number(owner[1]), owner[2]!))) continue;
    await rm(join(tmpdir(), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
