// Turns "this command's value becomes that" into an edit of the file's text that keeps the
// scalar's own style: a plain scalar stays plain when YAML allows it (else it is single-quoted),
// a quoted one keeps its quotes, and inside a block scalar (`- |`) only the changed characters
// are replaced. Every edit is checked by parsing the result: the command must read back as the
// intended value, or there is no edit.
import { parseDocument, Scalar } from 'yaml';
import { readBuildspecDocument, type BuildspecDocument, type CommandSite } from '../buildspec/buildspec-document.js';
import { applyEdits, type SourceEdit } from './source-edit.js';

/** The edit that makes the command at `site` read `value`; undefined when it cannot be done safely. */
export function scalarEdit(document: BuildspecDocument, site: CommandSite, value: string): SourceEdit | undefined {
  const [start, end] = site.node.range ?? [0, 0];
  const source = document.text.slice(start, end);
  const edit = source.includes('\n') || isBlock(site.node) ? innerEdit(site, source, start, value) : { start, end, replacement: render(site.node, value) };
  if (!edit) return undefined;
  const after = readBuildspecDocument(applyEdits(document.text, [edit]), document.file);
  return after.commands.find((other) => other.path === site.path)?.value === value ? edit : undefined;
}

function isBlock(node: Scalar): boolean {
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}

/** The value written in the node's style: plain if it reads back as itself, else quoted. */
function render(node: Scalar, value: string): string {
  if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (node.type === Scalar.PLAIN && readsBackPlain(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** True when `value` written as a plain list item parses back as the same string (YAML 1.1). */
function readsBackPlain(value: string): boolean {
  const doc = parseDocument(`- ${value}\n`, { version: '1.1' });
  return doc.errors.length === 0 && JSON.stringify(doc.toJS()) === JSON.stringify([value]);
}

/** For multi-line scalars: replace only the span between the common prefix and suffix, found verbatim in the source. */
function innerEdit(site: CommandSite, source: string, start: number, value: string): SourceEdit | undefined {
  const old = site.value;
  let prefix = 0;
  while (prefix < old.length && prefix < value.length && old[prefix] === value[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < old.length - prefix && suffix < value.length - prefix && old[old.length - 1 - suffix] === value[value.length - 1 - suffix]) suffix += 1;
  // Keep one character of context so that a pure insertion still has something to find.
  const from = Math.max(0, prefix - 1);
  const changed = old.slice(from, old.length - suffix);
  const at = source.indexOf(changed);
  if (changed.length === 0 || changed.includes('\n') || at < 0 || source.indexOf(changed, at + 1) >= 0) return undefined;
  return { start: start + at, end: start + at + changed.length, replacement: value.slice(from, value.length - suffix) };
}
