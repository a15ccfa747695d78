// The pushes a V2-triggered source action has not seen yet: every branch or tag of its repository
// whose commit differs from its recorded position (ref-positions.ts), with the files each push
// changed, in the shape the trigger filters read (git-triggers.ts).
import type { GitEvent } from './git-triggers.js';
import type { RefPositions } from './ref-positions.js';
import { changedFiles, listRefs } from './repository-refs.js';

/** A push found by comparing refs with their positions. */
export interface FoundPush {
  ref: string;
  /** The position it moved from (undefined: a new branch or tag). */
  before: string | undefined;
  event: Extract<GitEvent, { kind: 'push' }>;
}

/**
 * The pushes to the repository in `folder` since the action last looked, oldest ref name first;
 * none on the first look, which takes the refs as they are. Deleted refs are forgotten.
 */
export async function pushesSince(positions: RefPositions, pipeline: string, action: string, folder: string): Promise<FoundPush[]> {
  const refs = await listRefs(folder);
  const known = positions.get(pipeline, action);
  if (!known) {
    positions.baseline(pipeline, action, refs);
    return [];
  }
  for (const ref of known.keys()) if (!refs.has(ref)) positions.set(pipeline, action, ref, undefined);
  const others = [...known.values()];
  const pushes: FoundPush[] = [];
  for (const [ref, commit] of [...refs].sort(([a], [b]) => a.localeCompare(b))) {
    const before = known.get(ref);
    if (before === commit) continue;
    // A pushed tag is a new name for a commit: its files are those of the commit's own change.
    const files = await changedFiles(folder, commit, before ?? (ref.startsWith('refs/tags/') ? `${commit}^` : undefined), others);
    pushes.push({ ref, before, event: { kind: 'push', ref, commit, files } });
  }
  return pushes;
}
