// EventBridge's content filters for one value of an event field ("Content filtering in Amazon
// EventBridge event patterns"): an exact value (strings case-sensitive, numbers by their string
// form, `null` ≠ ""), `prefix` and `suffix` (each optionally `{equals-ignore-case}`),
// `equals-ignore-case`, `wildcard` (`*` any run of characters), `anything-but` (a value, a list,
// or a prefix, suffix, wildcard or equals-ignore-case), `numeric` ranges, `cidr`. `exists` is
// decided by the field walk (event-pattern.ts), since it looks at the field rather than a value.

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function wildcard(pattern: string, value: string): boolean {
  let source = '';
  for (let at = 0; at < pattern.length; at += 1) {
    const char = pattern[at]!;
    if (char === '\\' && pattern[at + 1] === '*') source += `\\${pattern[++at]}`;
    else source += char === '*' ? '.*' : char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

function affix(kind: 'prefix' | 'suffix', operand: unknown, value: string): boolean {
  const ignoreCase = isObject(operand) && typeof operand['equals-ignore-case'] === 'string';
  const needle = ignoreCase ? String(operand['equals-ignore-case']).toLowerCase() : String(operand);
  const text = ignoreCase ? value.toLowerCase() : value;
  return kind === 'prefix' ? text.startsWith(needle) : text.endsWith(needle);
}

function numeric(conditions: unknown[], value: number): boolean {
  for (let at = 0; at + 1 < conditions.length; at += 2) {
    const bound = Number(conditions[at + 1]);
    const ok = { '<': value < bound, '<=': value <= bound, '=': value === bound, '>': value > bound, '>=': value >= bound }[String(conditions[at])];
    if (!ok) return false;
  }
  return true;
}

function cidr(range: string, value: string): boolean {
  const toInt = (ip: string) => ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const [base = '', bits = '32'] = range.split('/');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(value)) return false;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(value) / size) === Math.floor(toInt(base) / size);
}

/** Whether an exact pattern value matches an event value (numbers by their string form, as EventBridge compares them). */
function exact(pattern: unknown, value: unknown): boolean {
  if (pattern === null || value === null) return pattern === value;
  if (typeof pattern === 'number' && typeof value === 'number') return String(pattern) === String(value);
  return typeof pattern === typeof value && pattern === value;
}

/** Whether one leaf value of the event matches one element of a pattern's list. */
export function matchesOne(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return exact(matcher, value);
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  const text = typeof value === 'string' ? value : undefined;
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return text !== undefined && affix(operator, operand, text);
    case 'equals-ignore-case':
      return text !== undefined && text.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return text !== undefined && wildcard(String(operand), text);
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && numeric(operand, value);
    case 'cidr':
      return text !== undefined && cidr(String(operand), text);
    case 'anything-but':
      if (Array.isArray(operand)) return !operand.some((one) => exact(one, value));
      return isObject(operand) ? !matchesOne(operand, value) : !exact(operand, value);
    default:
      return false; // an operator EventBridge does not have matches nothing
  }
}
