// Fn::Sub template strings: `${Name}`, `${Resource.Attribute}`, and `${!Literal}`, which stands
// for the literal text `${Literal}` (AWS docs, Fn::Sub: "To write a dollar sign and curly braces
// (${}) literally, add an exclamation point (!) after the open curly brace").

/** A piece of a Sub string: literal text, or a variable to substitute. */
export type SubPart = { literal: string } | { variable: string };

/** Splits a Sub string into literal text and variable names, unescaping `${!...}`. */
export function parseSubString(text: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start < 0) break;
    const end = text.indexOf('}', start + 2);
    if (end < 0) break;
    literal += text.slice(index, start);
    const inside = text.slice(start + 2, end);
    if (inside.startsWith('!')) {
      literal += `\${${inside.slice(1)}}`;
    } else {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ variable: inside.trim() });
    }
    index = end + 1;
  }
  literal += text.slice(index);
  if (literal) parts.push({ literal });
  return parts;
}

/** The variable names a Sub string refers to, in order, without duplicates. */
export function subVariables(text: string): string[] {
  const names = parseSubString(text).flatMap((part) => ('variable' in part ? [part.variable] : []));
  return [...new Set(names)];
}
