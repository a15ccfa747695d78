// Parses a phase's `on-failure` value. AWS's buildspec reference lists ABORT, CONTINUE, RETRY,
// RETRY-<count>, RETRY-<regex> and RETRY-<count>-<regex>; count is 0–100 and the default is 3.
import type { OnFailure } from './buildspec.js';

export const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 100;

/** Reads an `on-failure` string; returns an error message when it is not one of AWS's forms. */
export function parseOnFailure(text: string): OnFailure | { error: string } {
  if (text === 'ABORT' || text === 'CONTINUE') return { action: text };
  if (text === 'RETRY') return { action: 'RETRY', retries: DEFAULT_RETRIES };
  if (!text.startsWith('RETRY-')) {
    return { error: `expected ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>, got "${text}"` };
  }
  const rest = text.slice('RETRY-'.length);
  const counted = /^(\d+)(?:-(.*))?$/s.exec(rest);
  const retries = counted ? Number(counted[1]) : DEFAULT_RETRIES;
  const pattern = counted ? counted[2] : rest;
  if (retries > MAX_RETRIES) return { error: `the retry count must be between 0 and ${MAX_RETRIES}, got ${retries}` };
  if (pattern !== undefined) {
    if (pattern.length === 0) return { error: `"${text}" ends with "-" but has no regular expression after it` };
    try {
      new RegExp(pattern);
    } catch (error) {
      return { error: `"${pattern}" is not a valid regular expression: ${(error as Error).message}` };
    }
    return { action: 'RETRY', retries, pattern };
  }
  return { action: 'RETRY', retries };
}
