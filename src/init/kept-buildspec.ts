// What init says about a buildspec it keeps: the file is the user's, so init still succeeds, but
// the errors `slipway doctor` finds in it (the recipe's `aws ecr get-login`, placeholders, a
// docker runtime the image lacks) fail the pipeline on AWS, and init says so and which command
// fixes them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SlipwayConfig } from '../config/index.js';
import { buildspecFindings, contextFromConfig } from '../doctor/buildspec/index.js';
import { locationOf } from '../doctor/finding.js';

/** One warning per error doctor finds in the kept buildspec, then one pointing at `slipway doctor --fix`. */
export async function keptBuildspecWarnings(dir: string, path: string, config: SlipwayConfig): Promise<string[]> {
  const text = await readFile(join(dir, path), 'utf8');
  const errors = buildspecFindings(text, path, contextFromConfig(config)).filter((finding) => finding.severity === 'error');
  if (errors.length === 0) return [];
  const count = `${errors.length} problem${errors.length === 1 ? '' : 's'}`;
  return [
    ...errors.map((finding) => `${locationOf(finding)} ${finding.message}`),
    `the kept ${path} fails on AWS as it stands (${count} above): \`slipway doctor\` shows each with its fix, \`slipway doctor --fix\` rewrites the file`,
  ];
}

