// Where a `slipway build` runs: on a fresh copy of each source as Git sees it (source-copy.ts), so
// that outputs never land in the user's tree and a stale output is never packed; in the folder
// itself, as before, with --in-place or when Git names no files there. The notes say where a copy
// is, and warn when a tree differs from the commit CODEBUILD_RESOLVED_SOURCE_VERSION names; the
// build says them first in its DOWNLOAD_SOURCE phase, as CodeBuild logs its source there.
import { relative, resolve, sep } from 'node:path';
import { readGitWorkTree } from './git-work-tree.js';
import { copySource, removeLeftCopies } from './source-copy.js';
import type { StartBuildInput } from './start-build.js';

/** How many differing paths the warning names. */
const NAMED_PATHS = 5;

export type SourceNote = NonNullable<StartBuildInput['sourceNotes']>[number];

/** The input with each source folder replaced by its copy and the notes to log, and how to remove the copies. */
export interface BuildSource {
  input: StartBuildInput;
  dispose(): Promise<void>;
}

function differs(label: string, folder: string, commit: string | undefined, changed: string[]): SourceNote {
  const shown = changed.slice(0, NAMED_PATHS).map((path) => relative(folder, path) || '.');
  const more = changed.length > NAMED_PATHS ? ` and ${changed.length - NAMED_PATHS} more` : '';
  const paths = `${changed.length} path${changed.length === 1 ? '' : 's'} (${shown.join(', ')}${more})`;
  if (!commit) return { level: 'warning', text: `${label} has no commit yet: CODEBUILD_RESOLVED_SOURCE_VERSION names none, and ${paths} are not committed` };
  const id = commit.slice(0, 12);
  return { level: 'warning', text: `${label} differs from commit ${id} (HEAD) in ${paths}: CODEBUILD_RESOLVED_SOURCE_VERSION names ${id}, so a tag made from it names content that commit does not hold; commit or stash the changes for a build that matches its commit` };
}

/** One source: its copy (and what to say of it), or with `inPlace` the folder itself. */
async function prepareOne(label: string, folder: string, options: { inPlace: boolean; leaveOut: string[] }, notes: SourceNote[]) {
  const tree = await readGitWorkTree(folder);
  // Git names no files here: built in place, as before (copying all would copy node_modules and the like).
  if ('outside' in tree) return { dir: folder };
  const { leaveOut } = options;
  const changed = tree.changed.filter((path) => !leaveOut.some((out) => path === out || path.startsWith(`${out}${sep}`)));
  // In place or not, an image tagged from the commit holds what the tree holds.
  const warning = changed.length > 0 ? [differs(label, folder, tree.commit, changed)] : [];
  if (options.inPlace) {
    notes.push(...warning);
    return { dir: folder, tree };
  }
  const copy = await copySource(folder, tree.files, leaveOut);
  notes.push({ level: 'info', text: `${label} is a fresh copy of ${folder} as Git sees it (${copy.entries} tracked and untracked files, none it ignores) in ${copy.dir}; the build's outputs stay there (--in-place runs in the folder itself)` }, ...warning);
  return { dir: copy.dir, copy, tree };
}

/** Prepares the sources of a build: copies unless `inPlace`; `home` is never copied. */
export async function prepareBuildSource(input: StartBuildInput, options: { inPlace: boolean; home: string }): Promise<BuildSource> {
  const leaveOut = [resolve(options.home), ...(input.artifactsDir ? [resolve(input.artifactsDir)] : [])];
  const notes: SourceNote[] = [];
  const copies: { dispose(): Promise<void> }[] = [];
  const dispose = async () => void (await Promise.all(copies.map((copy) => copy.dispose())));
  // Once per build, before any copy: what builds of killed slipway processes left.
  if (!options.inPlace) await removeLeftCopies();
  try {
    const primary = await prepareOne('The source', input.sourceDir, { inPlace: options.inPlace, leaveOut }, notes);
    if (primary.copy) copies.push(primary.copy);
    const secondarySources: Record<string, string> = {};
    for (const [id, folder] of Object.entries(input.secondarySources ?? {})) {
      const one = await prepareOne(`The secondary source ${id}`, folder, { inPlace: options.inPlace, leaveOut }, notes);
      if (one.copy) copies.push(one.copy);
      secondarySources[id] = one.dir;
    }
    // A copy has no .git: the commit and the remote come from the folder, unless given.
    const git = primary.copy ? {
      resolvedSourceVersion: input.resolvedSourceVersion ?? primary.tree.commit,
      sourceRepoUrl: input.sourceRepoUrl ?? primary.tree.remoteUrl,
    } : {};
    return { input: { ...input, ...git, sourceDir: primary.dir, secondarySources, sourceNotes: notes }, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
