// The JsonPath a CodePipeline webhook filter applies to a delivery's payload. AWS evaluates it with
// Jayway's Java JsonPath; this reads the part of that syntax webhook filters use: `$`, `.name`,
// `['name']` (or double quotes), `[0]` and `[-1]`, `[*]` and `.*`, `..name` (every depth), and
// `[0,2]`. Anything else (filter expressions `[?()]`, functions, slices) is refused with a message.

/** A path that could not be read, with where. */
export class JsonPathError extends Error {}

type Step = { kind: 'name'; names: string[]; deep: boolean } | { kind: 'index'; indexes: number[] } | { kind: 'all'; deep: boolean };

const NAME = /^[A-Za-z_$][\w$-]*/;

/** Reads one `[...]` selector starting after `[`; returns the step and where it ends. */
function bracket(path: string, at: number, deep: boolean): [Step, number] {
  const close = path.indexOf(']', at);
  if (close < 0) throw new JsonPathError(`'[' at ${at - 1} is not closed`);
  const body = path.slice(at, close).trim();
  if (body === '*') return [{ kind: 'all', deep }, close + 1];
  const parts = body.split(',').map((part) => part.trim());
  if (parts.every((part) => /^-?\d+$/.test(part)) && !deep) return [{ kind: 'index', indexes: parts.map(Number) }, close + 1];
  if (parts.every((part) => /^'[^']*'$|^"[^"]*"$/.test(part))) return [{ kind: 'name', names: parts.map((part) => part.slice(1, -1)), deep }, close + 1];
  throw new JsonPathError(`'[${body}]' at ${at - 1} is not supported locally (names, indexes and * are)`);
}

/** Reads a path into steps. */
export function parseJsonPath(path: string): Step[] {
  if (!path.startsWith('$')) throw new JsonPathError('a JsonPath starts with $');
  const steps: Step[] = [];
  let at = 1;
  while (at < path.length) {
    const deep = path.startsWith('..', at);
    if (deep || path[at] === '.') at += deep ? 2 : 1;
    else if (path[at] !== '[') throw new JsonPathError(`unexpected '${path[at]}' at ${at}`);
    if (path[at] === '[') {
      const [step, next] = bracket(path, at + 1, deep);
      [steps[steps.length], at] = [step, next];
    } else if (path[at] === '*') [steps[steps.length], at] = [{ kind: 'all', deep }, at + 1];
    else {
      const name = NAME.exec(path.slice(at))?.[0];
      if (!name) throw new JsonPathError(`a name is expected at ${at}`);
      [steps[steps.length], at] = [{ kind: 'name', names: [name], deep }, at + name.length];
    }
  }
  return steps;
}

const children = (value: unknown): unknown[] => (Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : []);

/** The value and every value below it, for `..`. */
function descendants(value: unknown): unknown[] {
  return [value, ...children(value).flatMap(descendants)];
}

function apply(step: Step, value: unknown): unknown[] {
  const scope = 'deep' in step && step.deep ? descendants(value) : [value];
  return scope.flatMap((node) => {
    if (step.kind === 'all') return children(node);
    if (step.kind === 'index') return Array.isArray(node) ? step.indexes.map((index) => node.at(index)).filter((item) => item !== undefined) : [];
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
    return step.names.filter((name) => Object.hasOwn(node, name)).map((name) => (node as Record<string, unknown>)[name]);
  });
}

/** Every value the path selects in `document` (none when it selects nothing). */
export function selectJsonPath(path: string, document: unknown): unknown[] {
  return parseJsonPath(path).reduce<unknown[]>((values, step) => values.flatMap((value) => apply(step, value)), [document]);
}
