// Paging with an opaque token, as every list operation here does it: the token names the last
// item the page returned, so the next page starts right after that item even when items were
// added or removed between the calls (AWS documents its tokens as opaque, to be passed back as
// they are). A token this endpoint did not issue is refused with the service's own error.
import type { SlipwayError } from '../../../errors.js';

/** One page of items, and the token of the next one when there are more. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** How to page one list. */
export interface PageRequest<T> {
  /** The item's unique key within the list. */
  keyOf: (item: T) => string;
  size: number;
  token?: string;
  /** The list is sorted by key: a token whose item has gone resumes at the next key. */
  sortedByKey?: boolean;
  /** The service's error for a token it did not issue. */
  invalidToken: (token: string) => SlipwayError;
}

/** The page of `items` after the token's item (from the start without a token). */
export function pageOf<T>(items: readonly T[], request: PageRequest<T>): Page<T> {
  const start = request.token === undefined ? 0 : startAfter(items, request, decode(request.token, request.invalidToken));
  const page = items.slice(start, start + request.size);
  const last = page.at(-1);
  return { items: page, ...(start + request.size < items.length && last !== undefined ? { nextToken: encode(request.keyOf(last)) } : {}) };
}

/** The token that names `key` (for operations that build their own tokens). */
export function encode(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

/** The key a token names; the service's error when the token is not one of these. */
export function decode(token: string, invalidToken: (token: string) => SlipwayError): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // falls through to the refusal
  }
  throw invalidToken(token);
}

function startAfter<T>(items: readonly T[], request: PageRequest<T>, key: string): number {
  const index = items.findIndex((item) => request.keyOf(item) === key);
  if (index >= 0) return index + 1;
  if (!request.sortedByKey) throw request.invalidToken(request.token!);
  const next = items.findIndex((item) => request.keyOf(item) > key);
  return next < 0 ? items.length : next;
}
