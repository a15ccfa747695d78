// Image references in a Docker Engine API request line: in the path (`/images/{name}/push`,
// `/images/{name}/json`, `/distribution/{name}/json`, `DELETE /images/{name}`) and in the query
// members that name images (`fromImage` of a pull, `repo` of a tag or commit, `t` and `cachefrom`
// of a build, `names` of a save, the `reference` and `ancestor` filters). Build arguments and
// labels are the user's data and are never touched (Docker Engine API v1.41 reference).
import type { EcrNames } from './ecr-names.js';

/** The query members that hold image references (or JSON holding them: `filters`, `cachefrom`). */
const IMAGE_QUERY_MEMBERS = new Set(['fromImage', 'repo', 't', 'cachefrom', 'names', 'filters', 'reference']);

/** Go's url.QueryEscape writes a space as `+`. */
function decodeQueryValue(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function rewriteQuery(query: string, names: EcrNames): string {
  return query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0 || !IMAGE_QUERY_MEMBERS.has(decodeQueryValue(pair.slice(0, equals)))) return pair;
      const value = decodeQueryValue(pair.slice(equals + 1));
      const rewritten = names.inbound(value);
      return rewritten === value ? pair : `${pair.slice(0, equals)}=${encodeURIComponent(rewritten)}`;
    })
    .join('&');
}

/** A request target (`/v1.41/images/create?fromImage=...`) with the ECR names it holds moved to the engine's alias. */
export function rewriteRequestTarget(target: string, names: EcrNames): string {
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  // The docker CLI does not escape the `/` and `:` of a name in the path; an escaped one is read too.
  let rewrittenPath = names.inbound(path);
  if (rewrittenPath === path && path.includes('%')) {
    const decoded = decodeQueryValue(path.replace(/\+/g, '%2B'));
    const moved = names.inbound(decoded);
    if (moved !== decoded) rewrittenPath = encodeURI(moved);
  }
  return mark < 0 ? rewrittenPath : `${rewrittenPath}?${rewriteQuery(target.slice(mark + 1), names)}`;
}

/** The API path without its version prefix: `/v1.41/containers/create` → `/containers/create`. */
export function unversionedPath(target: string): string {
  const path = target.split('?', 1)[0]!;
  return path.replace(/^\/v\d+(\.\d+)?(?=\/)/, '');
}
