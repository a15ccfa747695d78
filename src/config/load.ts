// Reads slipway.yml once, at the edge: parse (with positions) → schema → cross-field rules →
// normalize. Every problem is reported at once, each with its path and line:column.
import { readFile } from 'node:fs/promises';
import { SlipwayError } from '../errors.js';
import { parseLocatedYaml } from '../yaml/located-document.js';
import { problemAt, problemsFromIssues } from './issues.js';
import { normalizeConfig, type SlipwayConfig } from './normalize.js';
import { checkRules } from './rules.js';
import { CONFIG_SCHEMA } from './schema.js';

export { CONFIG_FILE } from './file-name.js';

/** Reads and validates a slipway.yml file; throws a SlipwayError listing every problem. */
export async function loadConfig(path: string, displayName = path): Promise<SlipwayConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SlipwayError(missing ? 'ConfigNotFound' : 'ConfigUnreadable', `cannot read ${displayName}: ${missing ? 'no such file' : (error as Error).message}`, {
      hint: missing ? 'run `slipway init` in the repository to write one' : undefined,
      cause: error,
    });
  }
  return parseConfig(text, displayName);
}

/** Validates slipway.yml text; `file` names it in problems. */
export function parseConfig(text: string, file: string): SlipwayConfig {
  const doc = parseLocatedYaml(text, file);
  const invalid = (problems: typeof doc.problems) =>
    new SlipwayError('ConfigInvalid', `${file} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  if (doc.problems.length > 0) throw invalid(doc.problems);
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw invalid([{ file, line: 1, column: 1, message: 'expected a mapping with at least `name` and `source`' }]);
  }
  const result = CONFIG_SCHEMA.safeParse(doc.value, { reportInput: true });
  if (!result.success) throw invalid(problemsFromIssues(result.error.issues, doc, CONFIG_SCHEMA));
  const findings = checkRules(result.data);
  if (findings.length > 0) throw invalid(findings.map((finding) => problemAt(doc, finding.path, finding.message, false)));
  return normalizeConfig(result.data);
}
