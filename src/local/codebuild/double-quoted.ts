// Buildspec strings that CodeBuild reads "as between double quotes" (artifact names, cache keys):
// `$VAR`, `${VAR}`, `$(command)` and backquotes expand, and a `"` inside a `$( )` starts its own
// quoting, as in the shell. The shell itself does the reading: the text becomes the body of a
// here-document with an unquoted delimiter, where expansions and `\` work as between double quotes
// and a bare `"` is an ordinary character, so there is no quoting of ours to get wrong.
import { randomUUID } from 'node:crypto';

/** A shell command that prints the text as read between double quotes, then one newline. */
export function printAsDoubleQuoted(text: string): string {
  const delimiter = `__slipway_text_${randomUUID().replaceAll('-', '')}__`;
  // An odd run of `\` at the end would join the delimiter's line to the text (line continuation);
  // between double quotes it would escape the closing quote, so it is kept as a literal here.
  const trailing = /\\+$/.exec(text)?.[0].length ?? 0;
  const body = trailing % 2 === 1 ? `${text}\\` : text;
  return `cat <<${delimiter}\n${body}\n${delimiter}`;
}
