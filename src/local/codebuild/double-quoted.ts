// Buildspec strings that CodeBuild reads "as between double quotes" (artifact names, cache keys):
// `$VAR`, `${VAR}`, `$(command)` and backquotes expand, and a `"` inside a `$( )` starts its own
// quoting, as in the shell. A bare `"` outside them would end the surrounding double quotes (a
// shell syntax error), so it is escaped and stays a literal character.

/** The text, escaped so that `"<result>"` is one shell word reading it as between double quotes. */
export function escapeForDoubleQuotes(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const end = c === '$' && text[i + 1] === '(' ? skipParens(text, i + 2) : c === '$' && text[i + 1] === '{' ? skipBraces(text, i + 2) : c === '`' ? skipBackquoted(text, i + 1) : undefined;
    if (end !== undefined) {
      out += text.slice(i, end);
      i = end;
    } else if (c === '\\') {
      // `\` escapes the next character as in double quotes; a trailing one would escape our closing quote.
      out += i + 1 < text.length ? text.slice(i, i + 2) : '\\\\';
      i += 2;
    } else {
      out += c === '"' ? '\\"' : c;
      i += 1;
    }
  }
  return out;
}

/** The index after the `)` closing a `$(` whose text starts at `i` (the end of the text if none). */
function skipParens(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") i = closing(text, "'", i + 1);
    else if (c === '"') i = skipDoubleQuoted(text, i + 1);
    else if (c === '`') i = skipBackquoted(text, i + 1);
    else {
      if (c === '(') depth += 1;
      if (c === ')' && --depth === 0) return i + 1;
      i += 1;
    }
  }
  return text.length;
}

/** The index after the `}` closing a `${` whose text starts at `i`. */
function skipBraces(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') i = skipDoubleQuoted(text, i + 1);
    else if (c === '$' && text[i + 1] === '(') i = skipParens(text, i + 2);
    else {
      if (c === '{') depth += 1;
      if (c === '}' && --depth === 0) return i + 1;
      i += 1;
    }
  }
  return text.length;
}

/** The index after the `"` closing a double-quoted string (inside `$( )`) that starts at `i`. */
function skipDoubleQuoted(text: string, i: number): number {
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '$' && text[i + 1] === '(') i = skipParens(text, i + 2);
    else if (c === '`') i = skipBackquoted(text, i + 1);
    else i += 1;
  }
  return text.length;
}

function skipBackquoted(text: string, i: number): number {
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '`') return i + 1;
    else i += 1;
  }
  return text.length;
}

function closing(text: string, quote: string, i: number): number {
  const at = text.indexOf(quote, i);
  return at < 0 ? text.length : at + 1;
}
