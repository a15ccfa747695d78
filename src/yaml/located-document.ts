// YAML documents that remember where each value came from, so that every problem found later
// (by a schema, a rule, a template engine) can name its line and column.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import { yamlSyntaxProblems } from './syntax-problems.js';

export { yamlSyntaxProblems };

export type PathKey = string | number;

/** A parsed YAML file: its plain value, and how to find the line and column of any path in it. */
export interface LocatedDocument {
  file: string;
  value: unknown;
  /** YAML syntax problems; when not empty, `value` is not to be trusted. */
  problems: Problem[];
  /** Line and column (1-based) of the value at `path`, or of its closest existing parent. */
  locate(path: readonly PathKey[]): { line: number; column: number } | undefined;
  /** Line and column of the key at the end of `path` (for problems about a key itself). */
  locateKey(path: readonly PathKey[]): { line: number; column: number } | undefined;
}

/** Parses YAML text, collecting syntax errors as problems with their positions. */
export function parseLocatedYaml(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems = yamlSyntaxProblems(doc, text, file, lineCounter);
  const position = (offset: number | undefined) => {
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    file,
    value: problems.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    problems,
    locate: (path) => position(findNode(doc, path)?.range?.[0]),
    locateKey: (path) => position(findKeyNode(doc, path)?.range?.[0]),
  };
}

/** Renders a path as `a.b[2].c`, the form problems are reported in. */
export function formatPath(path: readonly PathKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

/** The deepest node along `path` that exists (the closest parent when the path runs out). */
function findNode(doc: Document, path: readonly PathKey[]): Node | undefined {
  let node = doc.contents as Node | null;
  for (const key of path) {
    const child = childOf(node, key);
    if (!child) break;
    node = child;
  }
  return node ?? undefined;
}

function findKeyNode(doc: Document, path: readonly PathKey[]): Node | undefined {
  const parent = findNode(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return findNode(doc, path);
}

function childOf(node: Node | null, key: PathKey): Node | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    return (pair?.value as Node | null) ?? (pair?.key as Node | undefined);
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as Node | null) ?? undefined;
  return undefined;
}
