// The source a `slipway build` runs on: a fresh copy of the folder as Git sees it, or the folder
// itself with --in-place (src/local/codebuild/build-source.ts decides and words the notes, which
// the build says in its DOWNLOAD_SOURCE phase).
import type { LocalAccount } from '../../local/account/index.js';
import type { Build, StartBuildInput } from '../../local/codebuild/index.js';
import { prepareBuildSource } from '../../local/codebuild/build-source.js';

/** Starts the build with its input; resolves to the finished build. */
export type StartOnSource = (input: StartBuildInput) => Promise<Build>;

/** Runs `start` on the build's source (copied unless `inPlace`) and removes the copy when the build ends. */
export async function buildOnSource(account: LocalAccount, input: StartBuildInput, inPlace: boolean, start: StartOnSource): Promise<Build> {
  const source = await prepareBuildSource(input, { inPlace, home: account.layout.home });
  try {
    return await start(source.input);
  } finally {
    await source.dispose();
  }
}
