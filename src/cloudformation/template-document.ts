// Reads a CloudFormation template file (YAML with short-form tags, or JSON with long forms) into
// plain data in long form, remembering the line and column of every value for error messages.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from '../errors.js';
import { formatPath, yamlSyntaxProblems, type PathKey } from '../yaml/located-document.js';

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
      'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Implies']
      .map((name) => [`!${name}`, `Fn::${name}`]),
  ),
};

/** Parses template text; JSON is read by the same YAML parser so that it keeps its positions. */
export function parseTemplateText(text: string, file: string): TemplateDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const problems = yamlSyntaxProblems(doc, text, file, lineCounter);
  if (problems.length > 0 && /^\s*[{[]/.test(text)) return parseJsonFallback(text, file, problems);
  const positions = new Map<string, Position>();
  const value = problems.length > 0 ? undefined : toLongForm(doc.contents as Node | null, [], { positions, problems, file, at });
  return {
    file,
    value,
    problems,
    locate: (path) => closest(positions, path),
    locateKey: (path) => positions.get(`${formatPath(path)}#key`) ?? closest(positions, path),
  };
}

interface Walk {
  positions: Map<string, Position>;
  problems: Problem[];
  file: string;
  at(offset: number): Position;
}

function toLongForm(node: Node | null, path: PathKey[], walk: Walk): unknown {
  if (node === null) return null;
  if (node.range) walk.positions.set(formatPath(path), walk.at(node.range[0]));
  const tag = node.tag;
  if (tag && tag.startsWith('!') && !tag.startsWith('!!')) return fromShortForm(node, tag, path, walk);
  return plainValue(node, path, walk);
}

function plainValue(node: Node, path: PathKey[], walk: Walk): unknown {
  if (isAlias(node)) {
    walk.problems.push({ file: walk.file, ...position(node, walk), path: formatPath(path), message: 'Template error: YAML aliases are not allowed in CloudFormation templates (expand them first, e.g. with aws cloudformation package)' });
    return null;
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item, index) => toLongForm(item as Node | null, [...path, index], walk));
  if (isMap(node)) {
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (isScalar(pair.key) && pair.key.range) walk.positions.set(`${formatPath([...path, key])}#key`, walk.at(pair.key.range[0]));
      result[key] = toLongForm(pair.value as Node | null, [...path, key], walk);
    }
    return result;
  }
  return null;
}

function fromShortForm(node: Node, tag: string, path: PathKey[], walk: Walk): unknown {
  const longName = SHORT_FORM_TAGS[tag];
  if (!longName) {
    walk.problems.push({
      file: walk.file,
      ...position(node, walk),
      path: formatPath(path),
      message: `unknown YAML tag '${tag}': CloudFormation short forms are ${Object.keys(SHORT_FORM_TAGS).slice(0, 20).join(', ')}, ...`,
    });
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

function position(node: Node, walk: Walk): Position | Record<string, never> {
  return node.range ? walk.at(node.range[0]) : {};
}

function closest(positions: Map<string, Position>, path: readonly PathKey[]): Position | undefined {
  for (let length = path.length; length >= 0; length--) {
    const found = positions.get(formatPath(path.slice(0, length)));
    if (found) return found;
  }
  return undefined;
}

/** JSON with tabs or other things YAML dislikes: read it with JSON.parse, positions by line only. */
function parseJsonFallback(text: string, file: string, yamlProblems: Problem[]): TemplateDocument {
  try {
    const value: unknown = JSON.parse(text);
    return { file, value, problems: [], locate: () => undefined, locateKey: () => undefined };
  } catch (error) {
    const match = /position (\d+)/.exec(String(error));
    if (!match) return { file, value: undefined, problems: yamlProblems, locate: () => undefined, locateKey: () => undefined };
    const before = text.slice(0, Number(match[1])).split('\n');
    const message = `malformed JSON template: ${(error as Error).message}`;
    return {
      file,
      value: undefined,
      problems: [{ file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, message }],
      locate: () => undefined,
      locateKey: () => undefined,
    };
  }
}
