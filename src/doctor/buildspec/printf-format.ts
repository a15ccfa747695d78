// `printf 'FORMAT' ARGS... > file`, as the recipe writes imagedefinitions.json. A placeholder
// inside the single-quoted format cannot become `$VARIABLE` there (single quotes expand
// nothing), so it becomes a `%s` and the variable goes to the argument list at the matching
// position: printf takes one argument per conversion, in order (POSIX printf).
import { findPlaceholders, variableNamed, type Placeholder } from './placeholder-variable.js';

/** A printf command split into its parts. */
export interface PrintfCommand {
  prefix: string;
  format: string;
  /** Where the format's text starts and ends in the command (inside the quotes). */
  formatStart: number;
  formatEnd: number;
  args: string[];
  /** Redirections and whatever follows the arguments, with their leading space. */
  tail: string;
}

// A conversion such as %s or %-10d; `%%` is a literal percent sign.
const CONVERSION = /%(?:%|[-+ #0]*\d*(?:\.\d+)?[a-zA-Z])/g;

/** The parts of a `printf '...' args` command; undefined for anything else. */
export function parsePrintf(command: string): PrintfCommand | undefined {
  const head = /^(\s*printf\s+)'([^']*)'/.exec(command);
  if (!head) return undefined;
  const { args, tail } = splitArgs(command.slice(head[0].length));
  return { prefix: head[1]!, format: head[2]!, formatStart: head[1]!.length + 1, formatEnd: head[1]!.length + 1 + head[2]!.length, args, tail };
}

/** The command with each placeholder of its format turned into `%s` and its variable passed as an argument; undefined when nothing can be rewritten safely. */
export function rewritePrintfPlaceholders(command: string): string | undefined {
  const printf = parsePrintf(command);
  if (!printf) return undefined;
  const conversions = [...printf.format.matchAll(CONVERSION)].filter((match) => match[0] !== '%%');
  // With fewer or more arguments than conversions printf repeats or blanks the format: leave it to a person.
  if (conversions.length !== printf.args.length) return undefined;
  const slots: { at: number; placeholder?: Placeholder; variable?: string }[] = conversions.map((match) => ({ at: match.index }));
  for (const placeholder of findPlaceholders(printf.format)) {
    const before = printf.format.slice(0, placeholder.index);
    // An image URI is the repository and a tag the build chose: a person has to say which tag.
    if (/"imageUri":"$/.test(before)) continue;
    const variable = variableNamed(placeholder.inner, /"name":"$/.test(before) ? 'CONTAINER_NAME' : undefined);
    if (variable) slots.push({ at: placeholder.index, placeholder, variable });
  }
  if (slots.length === conversions.length) return undefined;
  slots.sort((a, b) => a.at - b.at);
  let format = printf.format;
  for (const slot of [...slots].reverse()) {
    if (slot.placeholder) format = format.slice(0, slot.at) + '%s' + format.slice(slot.at + slot.placeholder.text.length);
  }
  let next = 0;
  const args = slots.map((slot) => (slot.variable ? `"$${slot.variable}"` : printf.args[next++]!));
  return `${printf.prefix}'${format}'${args.map((arg) => ` ${arg}`).join('')}${printf.tail}`;
}

/** Splits the words after the format up to the first redirection or command separator. */
function splitArgs(rest: string): { args: string[]; tail: string } {
  const args: string[] = [];
  let at = 0;
  for (;;) {
    const spaceEnd = at + (/^\s*/.exec(rest.slice(at))?.[0].length ?? 0);
    if (spaceEnd >= rest.length || /^(?:[<>|;&]|\d>)/.test(rest.slice(spaceEnd))) return { args, tail: rest.slice(at) };
    const end = wordEnd(rest, spaceEnd);
    args.push(rest.slice(spaceEnd, end));
    at = end;
  }
}

/** The end of the shell word starting at `start`: unquoted whitespace or an operator ends it. */
function wordEnd(text: string, start: number): number {
  let quote: string | undefined;
  for (let at = start; at < text.length; at += 1) {
    const char = text[at]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') at += 1;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '\\') at += 1;
    else if (/[\s<>|;&]/.test(char)) return at;
  }
  return text.length;
}
