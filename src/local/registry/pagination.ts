// ECR's paging: maxResults (1 to 1000, default 100) and an opaque nextToken. The token here is
// the position after the last item returned, encoded so callers treat it as opaque.
import { ecrError } from './errors.js';

/** ECR's default and largest maxResults. */
const DEFAULT_MAX_RESULTS = 100;
const LARGEST_MAX_RESULTS = 1000;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** One page of `items` (already in a stable order). */
export function pageOf<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined): Page<T> {
  const size = maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(size) || size < 1 || size > LARGEST_MAX_RESULTS) {
    throw ecrError('InvalidParameterException', `maxResults must be an integer from 1 to ${LARGEST_MAX_RESULTS}, got ${String(maxResults)}`);
  }
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const end = start + size;
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

function decode(token: string): number {
  const position = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(position) || position < 0) throw ecrError('InvalidParameterException', `nextToken '${token}' is not one this registry issued`);
  return position;
}
