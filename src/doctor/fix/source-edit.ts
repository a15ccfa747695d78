// Edits to a file's text by character range, so that everything not edited (comments, blank
// lines, indentation, quoting) stays byte for byte as the user wrote it.

/** Replace `text.slice(start, end)` with `replacement`. */
export interface SourceEdit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits; overlapping ones are a bug in the caller and throw. */
export function applyEdits(text: string, edits: readonly SourceEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  let limit = Infinity;
  for (const edit of ordered) {
    if (edit.end > limit) throw new Error(`overlapping edits at ${edit.start}..${edit.end}`);
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** The offset where the line holding `offset` starts. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the newline that ends the line holding `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
