// Summarises test reports (JUnit XML) named by the buildspec's `reports` section, reading only
// files inside the source folder (source-box.ts).
import { resolve } from 'node:path';
import type { ReportSpec } from './buildspec.js';
import type { ReportSummary } from './build-result.js';
import { checkBaseDirectory, findFiles } from './file-glob.js';
import type { SourceBox } from './source-box.js';

/** Counts test cases by outcome in one JUnit XML document. */
export function countJUnit(xml: string): ReportSummary['statusCounts'] {
  const counts = { SUCCEEDED: 0, FAILED: 0, SKIPPED: 0, ERROR: 0 };
  const cases = xml.match(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [];
  for (const one of cases) {
    if (/<failure\b/.test(one)) counts.FAILED += 1;
    else if (/<error\b/.test(one)) counts.ERROR += 1;
    else if (/<skipped\b/.test(one)) counts.SKIPPED += 1;
    else counts.SUCCEEDED += 1;
  }
  return counts;
}

/**
 * Reads each report group's files; formats other than JUnit XML are listed but not counted. A
 * group whose files or base-directory lead out of the source folder is refused: the message
 * says which (the build then fails with CLIENT_ERROR, as for artifacts).
 */
export async function summariseReports(box: SourceBox, specs: ReportSpec[]): Promise<ReportSummary[] | { message: string }> {
  const out: ReportSummary[] = [];
  for (const spec of specs) {
    const base = resolve(box.root, spec.baseDirectory ?? '.');
    const refused = await checkBaseDirectory(base, spec.baseDirectory, box);
    const found = refused ? undefined : await findFiles(base, spec.files, [], false, box);
    const refusals = refused ? [refused] : found!.refusals;
    if (refusals.length > 0) return { message: `${spec.name}: ${refusals.join('; ')}` };
    const files = found!.files;
    const counts = { SUCCEEDED: 0, FAILED: 0, SKIPPED: 0, ERROR: 0 };
    if (/^JUNITXML$/i.test(spec.fileFormat)) {
      for (const file of files) {
        const one = countJUnit(await box.readFile(file.path));
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += one[key];
      }
    }
    const total = counts.SUCCEEDED + counts.FAILED + counts.SKIPPED + counts.ERROR;
    out.push({
      reportGroupName: spec.name,
      fileFormat: spec.fileFormat,
      files: files.map((f) => f.path),
      total,
      statusCounts: counts,
      status: counts.FAILED + counts.ERROR > 0 ? 'FAILED' : 'SUCCEEDED',
    });
  }
  return out;
}
