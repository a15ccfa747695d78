// Reads a CloudFormation template file (YAML with short-form tags, or JSON with long forms) into
// plain data in long form, remembering where every value came from for error messages.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import { formatPath, yamlSyntaxProblems, type PathKey } from '../yaml/located-document.js';
import { parseJsonFallback } from './template-json.js';
import { MAX_NESTING_DEPTH, MAX_TEMPLATE_BYTES, setOwn, tooDeepMessage, tooLargeMessage } from './template-limits.js';

/** Line and column, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** A parsed template text: its long-form value and where each path came from. */
export interface TemplateDocument {
  file: string;
  value: unknown;
  /** Syntax problems; when not empty, `value` is not to be trusted. */
  problems: Problem[];
  /** Position of the value at `path`, or of its closest parent that has one. */
  locate(path: readonly PathKey[]): Position | undefined;
  /** Position of the key at the end of `path` (for problems about a key itself), else as `locate`. */
  locateKey(path: readonly PathKey[]): Position | undefined;
  /** The value at `path` as the template wrote it (`!If [C, Retain, Delete]`), for messages. */
  source(path: readonly PathKey[]): string | undefined;
}

/**
 * The YAML short forms CloudFormation accepts, and the long form each becomes
 * (AWS docs, "Intrinsic function reference": every `Fn::X` has a `!X` short form; `!Ref` and
 * `!Condition` have no `Fn::` prefix).
 */
const SHORT_FORM_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    ['And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAtt', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'Or',
      'Select', 'Split', 'Sub', 'Transform', 'Length', 'ToJsonString', 'ForEach', 'Contains', 'EachMemberEquals',
      'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Implies', 'GetStackOutput']
      .map((name) => [`!${name}`, `Fn::${name}`]),
  ),
};

/** Parses template text; JSON is read by the same YAML parser so that it keeps its positions. */
export function parseTemplateText(text: string, file: string): TemplateDocument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEMPLATE_BYTES) return failed(file, [{ file, line: 1, column: 1, message: tooLargeMessage(bytes) }]);
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the walk below in linear time; the parser's own check compares
  // every key with every other (a 400 KB mapping took ten seconds).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  const problems = yamlSyntaxProblems(doc, text, file, lineCounter).map((problem, index) => (
    doc.errors[index]?.code === 'RESOURCE_EXHAUSTION' ? { ...problem, message: tooDeepMessage() } : problem));
  if (problems.length > 0 && /^\s*[{[]/.test(text)) {
    const json = parseJsonFallback(text, file, problems);
    return 'problems' in json ? failed(file, json.problems) : { ...failed(file, []), value: json.value, source: json.source };
  }
  const walk: Walk = { text, spans: new Map(), keys: new Map(), problems, file, lineCounter };
  const value = problems.length > 0 ? undefined : toLongForm(doc.contents as Node | null, [], walk);
  const at = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return {
    file,
    value,
    problems: walk.problems.length > 0 ? dropDuplicates(walk.problems) : [],
    locate: (path) => at(closest(walk.spans, path)?.[0]),
    locateKey: (path) => at(walk.keys.get(formatPath(path)) ?? closest(walk.spans, path)?.[0]),
    source: (path) => {
      const span = walk.spans.get(formatPath(path));
      return span ? text.slice(span[2], span[1]).trim() : undefined;
    },
  };
}

/** A document that could not be read at all. */
export function failed(file: string, problems: Problem[]): TemplateDocument {
  return { file, value: undefined, problems, locate: () => undefined, locateKey: () => undefined, source: () => undefined };
}

interface Walk {
  text: string;
  /** Start and end offset of the value at each path, and where its tag starts (`!If`). */
  spans: Map<string, [number, number, number]>;
  /** Start offset of the key at the end of each path. */
  keys: Map<string, number>;
  problems: Problem[];
  file: string;
  lineCounter: LineCounter;
}

function toLongForm(node: Node | null, path: PathKey[], walk: Walk): unknown {
  if (node === null) return null;
  if (node.range) walk.spans.set(formatPath(path), [node.range[0], node.range[1], tagStart(node, walk.text)]);
  if (path.length > MAX_NESTING_DEPTH) {
    report(walk, node, path, tooDeepMessage());
    return null;
  }
  const tag = node.tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) return fromShortForm(node, tag, path, walk);
  return plainValue(node, path, walk);
}

function plainValue(node: Node, path: PathKey[], walk: Walk): unknown {
  if (isAlias(node)) {
    report(walk, node, path, 'Template error: YAML aliases are not allowed in CloudFormation templates (expand them first, e.g. with aws cloudformation package)');
    return null;
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item, index) => toLongForm(item as Node | null, [...path, index], walk));
  if (isMap(node)) return mappingValue(node, path, walk);
  return null;
}

function mappingValue(node: Extract<Node, { items: unknown[] }>, path: PathKey[], walk: Walk): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyPath = formatPath([...path, key]);
    if (Object.hasOwn(result, key)) {
      report(walk, pair.key as Node, [...path, key], `the key '${key}' appears twice in the same mapping`);
      continue;
    }
    if (isScalar(pair.key) && pair.key.range) walk.keys.set(keyPath, pair.key.range[0]);
    setOwn(result, key, toLongForm(pair.value as Node | null, [...path, key], walk));
  }
  return result;
}

function fromShortForm(node: Node, tag: string, path: PathKey[], walk: Walk): unknown {
  const longName = Object.hasOwn(SHORT_FORM_TAGS, tag) ? SHORT_FORM_TAGS[tag] : undefined;
  if (!longName) {
    report(walk, node, path, `unknown YAML tag '${tag}': CloudFormation short forms are ${Object.keys(SHORT_FORM_TAGS).slice(0, 20).join(', ')}, ...`);
    return null;
  }
  const inner = plainValue(node, [...path, longName], walk);
  // `!GetAtt Resource.Attribute` splits at the first dot only, so `Stack.Outputs.Name` keeps
  // its dotted attribute (AWS docs, Fn::GetAtt short form).
  if (longName === 'Fn::GetAtt' && typeof inner === 'string') {
    const dot = inner.indexOf('.');
    return { [longName]: dot < 0 ? [inner] : [inner.slice(0, dot), inner.slice(dot + 1)] };
  }
  return { [longName]: inner };
}

// A node's range starts after its tag; a message shows `!If [...]` with the tag, as written.
function tagStart(node: Node, text: string): number {
  const start = node.range![0];
  if (!node.tag?.startsWith('!') || node.tag.startsWith('!!')) return start;
  const found = text.lastIndexOf(node.tag, start);
  return found >= 0 && /^\s*$/.test(text.slice(found + node.tag.length, start)) ? found : start;
}

function report(walk: Walk, node: Node | null, path: readonly PathKey[], message: string): void {
  const pos = node?.range ? walk.lineCounter.linePos(node.range[0]) : undefined;
  walk.problems.push({ file: walk.file, ...(pos ? { line: pos.line, column: pos.col } : {}), path: formatPath(path), message });
}

// A value nested too deeply is reported once, at its outermost place, not at each level below.
function dropDuplicates(problems: Problem[]): Problem[] {
  return problems.filter((problem, index) => problem.message !== tooDeepMessage()
    || problems.findIndex((other) => other.message === problem.message) === index);
}

function closest<T>(spans: Map<string, T>, path: readonly PathKey[]): T | undefined {
  for (let length = path.length; length >= 0; length--) {
    const found = spans.get(formatPath(path.slice(0, length)));
    if (found) return found;
  }
  return undefined;
}
