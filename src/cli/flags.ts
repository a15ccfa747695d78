// Flag parsing shared by several commands.
import { SlipwayError } from '../errors.js';

/** commander's collector for a repeatable flag: each use adds one value. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses repeated `NAME=VALUE` flags (e.g. --parameter, --env) into a map; the value may contain `=`. */
export function keyValuePairs(values: readonly string[], flag: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const text of values) {
    const at = text.indexOf('=');
    if (at <= 0) {
      throw new SlipwayError('Usage', `${flag} expects NAME=VALUE, found "${text}"`, { hint: `e.g. ${flag} Env=prod` });
    }
    pairs[text.slice(0, at)] = text.slice(at + 1);
  }
  return pairs;
}
