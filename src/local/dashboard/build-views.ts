// A build's page: its record as BatchGetBuilds gives it (status, current phase, times, source
// version, the pipeline that started it), its phases with their lines, its number of log lines,
// and pages of its log by position (GetLogEvents reads forward from a token the same way), so
// the page fetches only the lines it shows, however long the log.
import type { LocalAccount } from '../account/index.js';
import type { PhaseLines } from './phase-lines.js';
import { maskedByName } from './secret-masking.js';

/** The most lines one page of a log holds. */
export const MAX_LOG_PAGE = 2000;

/** A build's summary, its phases, and how many lines its log has now. */
export function buildDetail(account: LocalAccount, phases: PhaseLines, buildId: string) {
  const build = account.codebuild.requireBuild(buildId);
  const lineCount = account.codebuild.builds.lastLogSeq(buildId);
  const pipeline = /^codepipeline\/(.+)$/.exec(build.initiator)?.[1];
  return {
    id: build.id,
    projectName: build.projectName,
    buildNumber: build.buildNumber,
    buildStatus: build.buildStatus,
    currentPhase: build.currentPhase,
    startTime: build.startTime,
    ...(build.endTime ? { endTime: build.endTime } : {}),
    initiator: build.initiator,
    ...(pipeline ? { pipelineName: pipeline } : {}),
    ...(build.resolvedSourceVersion ? { resolvedSourceVersion: build.resolvedSourceVersion } : {}),
    ...(build.environment ? { runner: build.environment.runner, image: build.environment.image } : {}),
    exportedVariables: maskedByName(Object.fromEntries((build.exportedEnvironmentVariables ?? []).map(({ name, value }) => [name, value]))),
    phases: phases.of(build),
    lineCount,
  };
}

/** Up to `limit` lines of a build's log after position `after`, as [position, timestamp, message]. */
export function logPage(account: LocalAccount, buildId: string, after: number, limit: number): { lines: [number, number, string][] } {
  account.codebuild.requireBuild(buildId);
  const events = account.codebuild.builds.logEvents(buildId, Math.max(0, after), limit);
  return { lines: events.map((event) => [event.seq, event.timestamp, event.message]) };
}
