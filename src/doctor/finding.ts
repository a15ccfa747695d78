// What `slipway doctor` reports: one finding per thing checked, with a severity, where it is
// (file:line:column for files), what is wrong and what to write instead. Findings are values,
// never exceptions: a preflight that finds ten problems reports ten (../shared/style.md, habit 4).

/** `error` fails the pipeline or a command (doctor exits 1); `warning` works badly or costs money; `info` is a check that passed. */
export type Severity = 'error' | 'warning' | 'info';

/** One result of one check. */
export interface Finding {
  /** A stable id naming the check, e.g. `buildspec.get-login` or `machine.docker-engine`. */
  check: string;
  severity: Severity;
  message: string;
  /** What to write or do instead; absent for passed checks. */
  fix?: string;
  /** The file the finding is in, relative to the repository, as the user names it. */
  file?: string;
  line?: number;
  column?: number;
  /** The key path inside the file, e.g. `phases.pre_build.commands[2]`. */
  path?: string;
}

/** A finding as `--json` prints it: every key present, `null` where there is no location. */
export interface FindingJson {
  check: string;
  severity: Severity;
  file: string | null;
  line: number | null;
  column: number | null;
  location: string | null;
  path: string | null;
  message: string;
  fix: string | null;
}

/** `file:line:column`, leaving out what is unknown; undefined for findings about the machine. */
export function locationOf(finding: Finding): string | undefined {
  if (finding.file === undefined) return undefined;
  if (finding.line === undefined) return finding.file;
  return finding.column === undefined ? `${finding.file}:${finding.line}` : `${finding.file}:${finding.line}:${finding.column}`;
}

/** The JSON shape of a finding (issue 15: severity, file, line, column, location, message, fix). */
export function findingJson(finding: Finding): FindingJson {
  return {
    check: finding.check,
    severity: finding.severity,
    file: finding.file ?? null,
    line: finding.line ?? null,
    column: finding.column ?? null,
    location: locationOf(finding) ?? null,
    path: finding.path ?? null,
    message: finding.message,
    fix: finding.fix ?? null,
  };
}

/** Counts of findings by severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** A key that names the same problem before and after a fix moved lines around. */
export function findingKey(finding: Finding): string {
  return `${finding.check}|${finding.file ?? ''}|${finding.path ?? ''}|${finding.message}`;
}
