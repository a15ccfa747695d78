// YAML syntax errors (from the `yaml` parser) worded for a person and placed on the line to fix.
// A key indented one column too deep is the common case: YAML 1.2 (§7.3.3, plain scalars span
// lines) reads it as more of the value above it, so the parser reports the value's line, not
// the key's; this file moves the problem to the key and says which column it belongs at.
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { Problem } from '../errors.js';

/** The syntax errors of a parsed YAML document as problems with line and column, worded for a person. */
export function yamlSyntaxProblems(doc: Document, text: string, file: string, lineCounter: LineCounter): Problem[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const overIndented = doc.errors.filter((error) => error.code === 'MULTILINE_IMPLICIT_KEY');
  return doc.errors
    // One over-indented key makes the parser report it twice from the same offset; one problem says it.
    .filter((error) => error.code !== 'BLOCK_AS_IMPLICIT_KEY' || !overIndented.some((other) => other.pos[0] === error.pos[0]))
    .map((error) => {
      const start = lineCounter.linePos(error.pos[0]);
      const end = lineCounter.linePos(error.pos[1]);
      const indentation = describeIndentation(error, lines, start, end);
      if (indentation) return { file, ...indentation };
      // The error points at the key's first character; the key runs to its colon.
      const token = keyOf(text.slice(error.pos[0]).split('\n')[0] ?? '');
      return { file, line: start.line, column: start.col, message: describeYamlError(error.code, error.message, token) };
    });
}

function describeYamlError(code: string, message: string, token: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'TAB_AS_INDENT') return 'YAML does not allow tabs for indentation; use spaces';
  if (code === 'DUPLICATE_KEY') return `the key '${token}' appears twice in the same mapping`;
  return `invalid YAML: ${first}`;
}

type Position = { line: number; col: number };

/** An indentation mistake, placed at the key that has it; undefined for any other error. */
function describeIndentation(error: YAMLError, lines: string[], start: Position, end: Position): { line: number; column: number; message: string } | undefined {
  if (error.code === 'MULTILINE_IMPLICIT_KEY' && end.line > start.line) {
    // The key whose colon ends the error is the one indented too deep; the line above is fine.
    const line = end.line;
    const column = indentOf(lines[line - 1]) + 1;
    const key = keyOf(lines[line - 1]?.slice(column - 1) ?? '');
    const above = ownerAbove(lines, line, column - 1);
    if (!above) return { line, column, message: `invalid YAML: '${key}' is indented more than the line above it, so it reads as part of that value` };
    return {
      line,
      column,
      message:
        `invalid YAML: '${key}' is indented more than '${above.key}' on line ${above.line}, so it reads as part of ${above.key}'s value; ` +
        `keys of one mapping start at the same column (${above.column} here)`,
    };
  }
  if (error.code === 'BAD_INDENT' && /^All mapping items must start at the same column/.test(error.message)) {
    const line = start.line;
    const column = indentOf(lines[line - 1]) + 1;
    const sibling = firstSiblingAbove(lines, line, column - 1);
    const key = keyOf(lines[line - 1]?.slice(column - 1) ?? '');
    if (!sibling) return { line, column, message: `invalid YAML: ${error.message}` };
    const other = `'${sibling.key}' on line ${sibling.line}, in the same mapping, starts at column ${sibling.column}`;
    const message = `'${key}' starts at column ${column}, but ${other}`;
    return { line, column, message: `invalid YAML: ${message}; keys of one mapping start at the same column` };
  }
  return undefined;
}

/** The nearest key above `line` that is indented less than `indent`: the key whose value swallowed the line. */
function ownerAbove(lines: string[], line: number, indent: number): { key: string; line: number; column: number } | undefined {
  for (let index = line - 2; index >= 0; index--) {
    const text = lines[index] ?? '';
    if (isBlank(text) || indentOf(text) >= indent) continue;
    const key = keyOf(text.trimStart());
    return key ? { key, line: index + 1, column: indentOf(text) + 1 } : undefined;
  }
  return undefined;
}

/** The first key of the mapping a less-indented line broke out of: the shallowest key above it, deeper than `indent`. */
function firstSiblingAbove(lines: string[], line: number, indent: number): { key: string; line: number; column: number } | undefined {
  let found: { key: string; line: number; column: number } | undefined;
  for (let index = line - 2; index >= 0; index--) {
    const text = lines[index] ?? '';
    if (isBlank(text)) continue;
    const depth = indentOf(text);
    if (depth <= indent) break;
    const key = keyOf(text.trimStart());
    if (key && (!found || depth <= found.column - 1)) found = { key, line: index + 1, column: depth + 1 };
  }
  return found;
}

function indentOf(text: string | undefined): number {
  return /^ */.exec(text ?? '')?.[0].length ?? 0;
}

function isBlank(text: string): boolean {
  return /^\s*(#.*)?$/.test(text);
}

/** The key at the start of `text` (quotes removed), up to its colon; empty when `text` holds no key. */
function keyOf(text: string): string {
  return /^\s*(?:-\s+)?(["']?)(.*?)\1\s*:(?:\s|$)/.exec(text)?.[2] ?? '';
}
