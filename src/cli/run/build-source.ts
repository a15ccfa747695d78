// The source a `slipway build` runs on: a fresh copy of the folder as Git sees it, or the folder
// itself with --in-place (src/local/codebuild/build-source.ts decides and words the notes). The
// notes open the build's recorded log and reach the command's output with the build's events.
import type { LocalAccount } from '../../local/account/index.js';
import { formatBuildEvent, type Build, type BuildEvent, type StartBuildInput } from '../../local/codebuild/index.js';
import { prepareBuildSource, type SourceNote } from '../../local/codebuild/build-source.js';


/** Starts the build with its input and a listener for its id; resolves to the finished build. */
export type StartOnSource = (input: StartBuildInput, onStarted: (buildId: string) => void) => Promise<Build>;

function noteInLog(account: LocalAccount, buildId: string, notes: SourceNote[]): void {
  const reporter = account.events.reporterFor<BuildEvent>('codebuild');
  for (const note of notes) {
    const event: BuildEvent = { type: 'build.message', ...note, time: Date.now() };
    account.codebuild.builds.appendLog(buildId, formatBuildEvent(event).map((message) => ({ timestamp: event.time, message })));
    reporter.emit(event);
  }
}

/** Runs `start` on the build's source (copied unless `inPlace`) and removes the copy when the build ends. */
export async function buildOnSource(account: LocalAccount, input: StartBuildInput, inPlace: boolean, start: StartOnSource): Promise<Build> {
  const source = await prepareBuildSource(input, { inPlace, home: account.layout.home });
  try {
    return await start(source.input, (buildId) => noteInLog(account, buildId, source.notes));
  } finally {
    await source.dispose();
  }
}
