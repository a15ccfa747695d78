// Template problems placed where they occur: each one carries the file, the path inside the
// template and the line and column the path was written at, and quotes the value as the template
// wrote it (CloudFormation's "Template format error" messages name the offending value too).
import type { Problem } from '../errors.js';
import { formatPath, type PathKey } from '../yaml/located-document.js';
import type { TemplateDocument } from './template-document.js';

/** Collects problems, each placed at its path in the document. */
export class ProblemList {
  readonly items: Problem[] = [];
  constructor(readonly doc: Pick<TemplateDocument, 'file' | 'locate' | 'locateKey' | 'source'>) {}

  /** Records a problem at `path`: at its value, or at its key for a problem with the key itself. */
  add(path: readonly PathKey[], message: string, atKey = false): void {
    const position = atKey ? this.doc.locateKey(path) : this.doc.locate(path);
    this.items.push({ file: this.doc.file, path: formatPath(path), ...position, message });
  }
}

/** A value as the template wrote it (its source text), for messages; never `[object Object]`. */
export function shown(problems: ProblemList, path: readonly PathKey[], value: unknown): string {
  const text = problems.doc.source(path) ?? JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
