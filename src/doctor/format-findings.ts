// Doctor's report as text for a terminal: findings grouped into the machine and the repository,
// one line each with its severity and location, the fix indented below; then the buildspec diff.
import type { BuildspecRepair } from './buildspec-repair.js';
import { locationOf, type Finding, type Severity } from './finding.js';

const LABEL: Record<Severity, string> = { error: 'error  ', warning: 'warning', info: 'ok     ' };
const INDENT = '           ';

/** The report's lines (without trailing newlines). */
export function formatReport(findings: readonly Finding[], repair: BuildspecRepair | undefined): string[] {
  const lines: string[] = [];
  for (const [title, prefix] of [['machine', 'machine.'], ['repository', '']] as const) {
    const group = findings.filter((finding) => (prefix ? finding.check.startsWith(prefix) : !finding.check.startsWith('machine.')));
    if (group.length === 0) continue;
    lines.push(title, ...group.flatMap(formatFinding));
  }
  if (repair) lines.push('', ...formatRepair(repair));
  return lines;
}

/** One finding: `  error    file:line:column  message`, and its fix below. */
export function formatFinding(finding: Finding): string[] {
  const location = locationOf(finding);
  const head = `  ${LABEL[finding.severity]}  ${location && finding.line !== undefined ? `${location}  ` : ''}${finding.message}`;
  if (!finding.fix || finding.severity === 'info') return [head];
  const [first, ...more] = finding.fix.split('\n');
  return [head, `${INDENT}fix: ${first}`, ...more.map((line) => `${INDENT}     ${line}`)];
}

function formatRepair(repair: BuildspecRepair): string[] {
  const count = `${repair.resolved.length} finding${repair.resolved.length === 1 ? '' : 's'}`;
  const head = repair.written ? `slipway doctor --fix rewrote ${repair.file}, fixing ${count}:` : `slipway doctor --fix would rewrite ${repair.file}, fixing ${count} above:`;
  const fixed = repair.written ? repair.resolved.flatMap((finding) => formatFinding({ ...finding, fix: undefined })) : [];
  return [head, ...fixed, ...repair.diff.replace(/\n$/, '').split('\n')];
}
