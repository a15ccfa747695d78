// A buildspec read for checking and rewriting: the YAML tree with source positions, and every
// shell command with where it sits. Read as YAML 1.1, as CodeBuild reads buildspecs (and as
// src/local/codebuild/buildspec-parser.ts does), so `yes`/`no` are booleans there too.
import { isScalar, isSeq, LineCounter, parseDocument, type Document, type Scalar } from 'yaml';
import { keyText, pairsOf, valueAt } from './yaml-pairs.js';

/** One command of a phase's `commands` or `finally`, with its node in the tree. */
export interface CommandSite {
  /** e.g. `phases.pre_build.commands[2]`. */
  path: string;
  node: Scalar;
  value: string;
}

/** A parsed buildspec and the positions of everything in it. */
export interface BuildspecDocument {
  file: string;
  text: string;
  doc: Document;
  /** False when the text has YAML syntax errors (the parser's problems then say which). */
  valid: boolean;
  commands: CommandSite[];
  /** 1-based line and column of a character offset in the text. */
  position(offset: number): { line: number; column: number };
}

/** Reads buildspec text; never throws. */
export function readBuildspecDocument(text: string, file: string): BuildspecDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const valid = doc.errors.length === 0;
  return {
    file,
    text,
    doc,
    valid,
    commands: valid ? commandSites(doc.contents) : [],
    position: (offset) => {
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

function commandSites(root: unknown): CommandSite[] {
  const sites: CommandSite[] = [];
  for (const phase of pairsOf(valueAt(root, 'phases'))) {
    for (const list of ['commands', 'finally']) {
      const node = valueAt(phase.value, list);
      const path = `phases.${keyText(phase)}.${list}`;
      // A single string counts as a one-command list, as CodeBuild reads it.
      const items: unknown[] = isSeq(node) ? node.items : node === undefined || node === null ? [] : [node];
      items.forEach((item, index) => {
        if (isScalar(item) && typeof item.value === 'string') sites.push({ path: isSeq(node) ? `${path}[${index}]` : path, node: item, value: item.value });
      });
    }
  }
  return sites;
}

/**
 * Line and column of the `occurrence`-th appearance of `token` in a command's source text, so
 * a finding points at the token itself (`<IMAGE_REPO_URI>`), not only at the command; falls
 * back to the command's start when the source spells the token differently (escapes).
 */
export function tokenPosition(document: BuildspecDocument, site: CommandSite, token: string, indexInValue: number): { line: number; column: number } {
  const [start, end] = site.node.range ?? [0, 0];
  const occurrence = countOccurrences(site.value.slice(0, indexInValue), token);
  const source = document.text.slice(start, end);
  let at = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    at = source.indexOf(token, at + 1);
    if (at < 0) return document.position(start);
  }
  return document.position(start + at);
}

function countOccurrences(text: string, token: string): number {
  let count = 0;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) count += 1;
  return count;
}
