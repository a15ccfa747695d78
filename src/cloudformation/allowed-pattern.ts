// Regular expressions that come from templates (a parameter's AllowedPattern, an SSM parameter's
// AllowedPattern), evaluated in time linear in the value: AWS evaluates them with Java's regex
// engine, and a backtracking engine here would let `(a+)+$` take minutes on a 40-character value.
// RE2 (re2js) runs them in linear time; Java's POSIX classes (`\p{Alpha}`) are translated to
// RE2's. Patterns RE2 cannot run (lookaround, backreferences) run on JavaScript's engine under a
// time limit instead.
import { createContext, Script } from 'node:vm';
import { RE2JS } from 're2js';

/** How a value is matched: the whole value (Java's `matches()`, parameters) or any part of it (`find()`, SSM). */
export type MatchMode = 'whole' | 'find';

/** The outcome of matching: a boolean, or why the pattern could not be evaluated. */
export type PatternResult = { ok: true; matches: boolean } | { ok: false; reason: string };

/** How long a pattern RE2 cannot run may take on one value, in milliseconds. */
export const BACKTRACKING_TIME_LIMIT_MS = 1000;

/** Java's POSIX character classes (US-ASCII, as java.util.regex.Pattern defines them) and RE2's names for them. */
const POSIX_CLASSES: Record<string, string> = {
  Lower: 'lower', Upper: 'upper', ASCII: 'ascii', Alpha: 'alpha', Digit: 'digit', Alnum: 'alnum', Punct: 'punct',
  Graph: 'graph', Print: 'print', Blank: 'blank', Cntrl: 'cntrl', XDigit: 'xdigit', Space: 'space',
};

const context = createContext({});
const backtracking = new Script('new RegExp(pattern).test(value)');

/** Matches `value` against a template's pattern, in linear time where RE2 can run the pattern. */
export function matchPattern(pattern: string, value: string, mode: MatchMode): PatternResult {
  const translated = translateJavaClasses(pattern);
  let compiled: RE2JS | undefined;
  try {
    compiled = RE2JS.compile(translated);
  } catch {
    return matchBacktracking(pattern, value, mode);
  }
  return { ok: true, matches: mode === 'whole' ? compiled.matches(value) : compiled.test(value) };
}

// Lookaround and backreferences: JavaScript's engine, interrupted after the time limit.
function matchBacktracking(pattern: string, value: string, mode: MatchMode): PatternResult {
  const source = mode === 'whole' ? `^(?:${pattern})$` : pattern;
  try {
    new RegExp(source);
  } catch (error) {
    return { ok: false, reason: `it is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})` };
  }
  Object.assign(context, { pattern: source, value });
  try {
    return { ok: true, matches: backtracking.runInContext(context, { timeout: BACKTRACKING_TIME_LIMIT_MS }) === true };
  } catch {
    return { ok: false, reason: `matching it against a ${value.length}-character value took longer than ${BACKTRACKING_TIME_LIMIT_MS} ms (it backtracks catastrophically, e.g. nested quantifiers such as (a+)+; without lookaround or backreferences it would run in linear time)` };
  }
}

/** `\p{Alpha}` and friends, inside or outside a character class, in RE2's `[:alpha:]` form. */
export function translateJavaClasses(pattern: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    const posix = char === '\\' ? /^\\([pP])\{(\w+)\}/.exec(pattern.slice(index)) : null;
    if (posix && Object.hasOwn(POSIX_CLASSES, posix[2]!)) {
      const name = `[:${posix[1] === 'P' ? '^' : ''}${POSIX_CLASSES[posix[2]!]}:]`;
      result += inClass ? name : `[${name}]`;
      index += posix[0].length - 1;
    } else if (char === '\\') {
      result += pattern.slice(index, index + 2);
      index++;
    } else {
      if (char === '[' && !inClass) inClass = true;
      else if (char === ']' && inClass && !result.endsWith('[') && !result.endsWith('[^')) inClass = false;
      result += char;
    }
  }
  return result;
}
