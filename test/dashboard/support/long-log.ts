// A finished build with a log of about 100 MB (a million lines), written into the home's records
// as a build writes them, with its phases starting at known lines: what the log view must stay
// responsive on. Lines written in the same millisecond as a phase's start come before it, as they
// do when a command prints right up to the end of its phase.
import type { LocalAccount } from '../../../src/local/account/index.js';
import type { Build, BuildPhase } from '../../../src/local/codebuild/index.js';

/** The line each phase starts on. */
export const PHASE_LINES = { INSTALL: 1, PRE_BUILD: 250_001, BUILD: 500_001, POST_BUILD: 999_990 } as const;
export const LINE_COUNT = 1_000_000;
const BATCH = 20_000;
/** About 100 bytes a line. */
const PADDING = 'x'.repeat(88);

/** Writes the build and its log; returns its id. */
export function writeLongLog(account: LocalAccount, start = Date.UTC(2026, 0, 1)): string {
  const id = 'app-build:00000000-0000-4000-8000-00000000100a';
  const records = account.codebuild.builds;
  const markers = Object.values(PHASE_LINES) as number[];
  const time = (seq: number) => start + (markers.find((line) => line > seq && line - seq <= 5) ?? seq);
  records.start({ id, arn: `arn:aws:codebuild:us-east-1:000000000000:build/${id}`, buildNumber: 99, projectName: 'app-build', startTime: new Date(start).toISOString(), initiator: 'long-log', buildStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED' }, account.owner);
  const marker = new Map(Object.entries(PHASE_LINES).map(([phase, line]) => [line as number, phase]));
  for (let first = 1; first <= LINE_COUNT; first += BATCH) {
    const lines = [];
    for (let seq = first; seq < first + BATCH && seq <= LINE_COUNT; seq += 1) {
      const phase = marker.get(seq);
      const message = phase ? `[Container] 2026/01/01 00:00:00.000000 Entering phase ${phase}` : seq % 1000 === 0 ? `\x1b[32mline ${seq}\x1b[0m ${PADDING}` : `line ${seq} ${PADDING}`;
      lines.push({ timestamp: time(seq), message });
    }
    records.appendLog(id, lines);
  }
  const phases: BuildPhase[] = Object.entries(PHASE_LINES).map(([phaseType, line], index, all) => ({
    phaseType: phaseType as BuildPhase['phaseType'], phaseStatus: 'SUCCEEDED', startTime: new Date(start + line).toISOString(),
    endTime: new Date(start + (all[index + 1]?.[1] ?? LINE_COUNT) - 1).toISOString(), durationInSeconds: 0, contexts: [],
  }));
  records.finish({
    id, arn: `arn:aws:codebuild:us-east-1:000000000000:build/${id}`, buildNumber: 99, startTime: new Date(start).toISOString(), endTime: new Date(start + LINE_COUNT).toISOString(),
    currentPhase: 'COMPLETED', buildStatus: 'SUCCEEDED', projectName: 'app-build', phases, environment: { image: 'aws/codebuild/standard:7.0', privilegedMode: false, type: 'LINUX_CONTAINER', runner: 'the host' },
    secondaryArtifacts: [], exportedEnvironmentVariables: [], reports: [], initiator: 'long-log', buildComplete: true, timeoutInMinutes: 60, logs: {},
  } as Build);
  return id;
}
