// `slipway builds` as a table: one line per build, newest first, with what a person scans for.
import type { RecordedBuild } from '../../local/codebuild/index.js';

/** Seconds between two ISO times, as `12s` or `3m 04s`. */
function duration(start: string, end: string | undefined): string {
  const seconds = Math.max(0, Math.round(((end ? Date.parse(end) : Date.now()) - Date.parse(start)) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

/** The table's lines, a header first; one line saying so when there are no builds. */
export function buildTable(builds: readonly RecordedBuild[]): string[] {
  if (builds.length === 0) return ['no recorded builds'];
  const rows = builds.map((build) => [
    build.id,
    String(build.buildNumber),
    build.buildStatus === 'IN_PROGRESS' ? `IN_PROGRESS (${build.currentPhase})` : build.buildStatus,
    build.startTime.replace('T', ' ').slice(0, 19),
    duration(build.startTime, build.endTime),
    (build.resolvedSourceVersion ?? '').slice(0, 7),
  ]);
  const header = ['BUILD ID', 'NUMBER', 'STATUS', 'STARTED (UTC)', 'DURATION', 'COMMIT'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}
