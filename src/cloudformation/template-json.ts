// JSON templates the YAML parser refuses (tabs, or nesting deeper than it can follow): read with
// JSON.parse, with positions by line only.
import type { Problem } from '../errors.js';
import type { PathKey } from '../yaml/located-document.js';
import { failed, type TemplateDocument } from './template-document.js';
import { nestsTooDeep, tooDeepMessage } from './template-limits.js';

/** Reads `text` as JSON; on failure, the JSON parser's problem, or else the YAML parser's. */
export function parseJsonFallback(text: string, file: string, yamlProblems: Problem[]): TemplateDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const match = /position (\d+)/.exec(String(error));
    if (!match) return failed(file, yamlProblems);
    const before = text.slice(0, Number(match[1])).split('\n');
    return failed(file, [{ file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, message: `malformed JSON template: ${(error as Error).message}` }]);
  }
  if (nestsTooDeep(value)) return failed(file, [{ file, line: 1, column: 1, message: tooDeepMessage() }]);
  return { ...failed(file, []), value, source: (path) => sourceOf(value, path) };
}

function sourceOf(root: unknown, path: readonly PathKey[]): string | undefined {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return JSON.stringify(value);
}
