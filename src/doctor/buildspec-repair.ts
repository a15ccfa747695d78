// What `--fix` does to the buildspec, and which findings that resolves: the buildspec is checked
// again after the rewrite, and a finding that is gone was fixed. Plain `slipway doctor` makes the
// same plan and only shows it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildspecFindings, type BuildspecContext } from './buildspec/index.js';
import { findingKey, type Finding } from './finding.js';
import { planBuildspecFix } from './fix/buildspec-fix.js';
import { unifiedDiff } from './fix/unified-diff.js';

/** The fix of one buildspec: its diff, whether it was written, and the findings it resolves. */
export interface BuildspecRepair {
  file: string;
  diff: string;
  written: boolean;
  resolved: Finding[];
  /** The buildspec's findings after the fix. */
  remaining: Finding[];
}

/** Plans the fix of the buildspec in `dir`, and writes it when `write` is set; undefined when there is nothing to fix. */
export async function repairBuildspec(
  dir: string, file: string, text: string, before: readonly Finding[], context: BuildspecContext, write: boolean,
): Promise<BuildspecRepair | undefined> {
  const fix = planBuildspecFix(text, file, context);
  if (!fix) return undefined;
  const remaining = buildspecFindings(fix.after, file, context);
  const left = new Set(remaining.map(findingKey));
  if (write) await writeFile(join(dir, file), fix.after);
  return {
    file, diff: unifiedDiff(fix.before, fix.after, file), written: write,
    resolved: before.filter((finding) => !left.has(findingKey(finding))), remaining,
  };
}
