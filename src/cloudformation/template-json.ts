// JSON templates the YAML parser refuses (tabs, or nesting deeper than it can follow): read with
// JSON.parse, without positions (a problem found in the JSON itself has its line and column).
import type { Problem } from '../errors.js';
import type { PathKey } from '../yaml/located-document.js';
import { nestsTooDeep, tooDeepMessage } from './template-limits.js';

/** A JSON template read: its value and the source text of each path, or its problems. */
export type JsonRead = { value: unknown; source(path: readonly PathKey[]): string | undefined } | { problems: Problem[] };

/** Reads `text` as JSON; on failure, the JSON parser's problem, or else the YAML parser's. */
export function parseJsonFallback(text: string, file: string, yamlProblems: Problem[]): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const match = /position (\d+)/.exec(String(error));
    if (!match) return { problems: yamlProblems };
    const before = text.slice(0, Number(match[1])).split('\n');
    return { problems: [{ file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, message: `malformed JSON template: ${(error as Error).message}` }] };
  }
  if (nestsTooDeep(value)) return { problems: [{ file, line: 1, column: 1, message: tooDeepMessage() }] };
  return { value, source: (path) => sourceOf(value, path) };
}

function sourceOf(root: unknown, path: readonly PathKey[]): string | undefined {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return JSON.stringify(value);
}
