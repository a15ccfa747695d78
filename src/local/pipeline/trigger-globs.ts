// The glob patterns of CodePipeline V2 trigger filters (branches, tags, file paths), as the
// CodePipeline user guide describes them ("Working with glob patterns in syntax"): `*` matches
// within one path segment, `**` across `/`, `?` one character, `[...]` a set (`!` negates it),
// `{a,b}` alternatives, `\` escapes. A value passes a criteria block when it matches one of its
// `Includes` (or there are none) and none of its `Excludes`: excludes win over includes.

/** A filter's criteria for one kind of value (GitBranchFilterCriteria, GitTagFilterCriteria, GitFilePathFilterCriteria). */
export interface GlobCriteria {
  includes: string[];
  excludes: string[];
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The index of the `}` closing the `{` at `open`, and the top-level alternatives between them. */
function alternatives(pattern: string, open: number): { end: number; parts: string[] } | undefined {
  let depth = 0;
  let start = open + 1;
  const parts: string[] = [];
  for (let at = open; at < pattern.length; at += 1) {
    const char = pattern[at];
    if (char === '\\') at += 1;
    else if (char === '{') depth += 1;
    else if (char === ',' && depth === 1) [parts[parts.length], start] = [pattern.slice(start, at), at + 1];
    else if (char === '}' && (depth -= 1) === 0) return { end: at, parts: [...parts, pattern.slice(start, at)] };
  }
  return undefined;
}

/** The regular expression source of a glob (without anchors). */
function source(pattern: string): string {
  let out = '';
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at]!;
    if (char === '\\') out += literal(pattern[++at] ?? '\\');
    else if (char === '*' && pattern[at + 1] === '*') {
      // `**/` also matches no folder at all: `src/**/*.ts` matches `src/a.ts`.
      if (pattern[at + 2] === '/') [out, at] = [`${out}(?:.*/)?`, at + 2];
      else [out, at] = [`${out}.*`, at + 1];
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[' && pattern.indexOf(']', at + 2) > at) {
      const close = pattern.indexOf(']', at + 2);
      const body = pattern.slice(at + 1, close);
      out += `[${body.startsWith('!') ? `^${body.slice(1).replace(/\\/g, '\\\\')}` : body.replace(/\\/g, '\\\\').replace(/^\^/, '\\^')}]`;
      at = close;
    } else if (char === '{' && alternatives(pattern, at)) {
      const { end, parts } = alternatives(pattern, at)!;
      out += `(?:${parts.map(source).join('|')})`;
      at = end;
    } else out += literal(char);
  }
  return out;
}

/** Whether `value` matches the glob `pattern` as a whole. */
export function globMatches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^${source(pattern)}$`, 'u').test(value);
  } catch {
    return pattern === value; // a set JavaScript cannot read (e.g. `[z-a]`) matches only itself
  }
}

/** Whether one value passes the criteria (matches an include, or there are none, and no exclude). */
export function passes(criteria: GlobCriteria, value: string): boolean {
  if (criteria.excludes.some((pattern) => globMatches(pattern, value))) return false;
  return criteria.includes.length === 0 || criteria.includes.some((pattern) => globMatches(pattern, value));
}

/** Reads `{Includes, Excludes}` (the template's case) or `{includes, excludes}` (the API's). */
export function criteriaOf(value: unknown): GlobCriteria | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const list = (key: string) => {
    const found = record[key] ?? record[key.toLowerCase()];
    return Array.isArray(found) ? found.map(String) : [];
  };
  return { includes: list('Includes'), excludes: list('Excludes') };
}
