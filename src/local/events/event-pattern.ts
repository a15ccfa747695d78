// EventBridge event patterns ("Amazon EventBridge event patterns"): a pattern names fields of the
// event, nested as the event nests them; every named field must match (AND), and a field's list
// matches when any of its values does (OR). A field the event lacks matches only `exists: false`
// (so `anything-but` never matches a missing field); an array in the event matches when any of
// its elements does; `$or` takes a list of patterns of which one must match.
import { matchesOne } from './pattern-operators.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a pattern's list for one field matches the event's value there (undefined: the event lacks the field). */
function fieldMatches(matchers: unknown[], value: unknown): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === (value !== undefined) && (value === undefined || !isObject(value));
    if (value === undefined) return false;
    const values = Array.isArray(value) ? value : [value];
    return values.some((one) => !isObject(one) && matchesOne(matcher, one));
  });
}

/** Whether `event` matches `pattern`. */
export function matchesPattern(pattern: Json, event: unknown): boolean {
  const fields = isObject(event) ? event : {};
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') return Array.isArray(rule) && rule.some((alternative) => isObject(alternative) && matchesPattern(alternative, event));
    const value = fields[key];
    if (Array.isArray(rule)) return fieldMatches(rule, value);
    if (isObject(rule)) {
      // A nested pattern: the event's field must be an object (or an array of them) matching it.
      const objects = (Array.isArray(value) ? value : [value]).filter(isObject);
      const allAbsent = Object.values(rule).every((inner) => Array.isArray(inner) && inner.some((one) => isObject(one) && one.exists === false));
      return objects.some((object) => matchesPattern(rule, object)) || (value === undefined && allAbsent);
    }
    return false; // EventBridge refuses a leaf that is not a list; locally it matches nothing
  });
}
