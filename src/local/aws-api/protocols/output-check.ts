// Checks a handler's answer against the operation's output shape before it is written, so a
// handler bug is a 500 with a precise log line rather than an answer the client misreads: every
// member the model knows, of its type (timestamps as Date, blobs as Buffer), required ones present.
import { loadServiceModel, type ServiceName } from '../model/catalog.js';
import type { Shape } from '../model/shapes.js';
import { joinPath } from './member-path.js';

/** Every way `value` differs from `shape`, each as `path: expected ..., found ...`. */
export function checkOutput(value: unknown, shape: Shape, path = ''): string[] {
  if (value === undefined || value === null) return [];
  const where = path || '(the output)';
  switch (shape.type) {
    case 'structure':
      return isPlainObject(value) ? checkStructure(value, shape, path) : [`${where}: expected an object, found ${describe(value)}`];
    case 'list':
      return Array.isArray(value) ? value.flatMap((item, index) => checkOutput(item, shape.member!, `${path}[${index}]`)) : [`${where}: expected an array, found ${describe(value)}`];
    case 'map':
      if (!isPlainObject(value)) return [`${where}: expected an object (a map), found ${describe(value)}`];
      return Object.entries(value).flatMap(([key, item]) => checkOutput(item, shape.value!, joinPath(path, key)));
    default: {
      const expected = scalarExpectation(value, shape);
      return expected ? [`${where}: expected ${expected}, found ${describe(value)}`] : [];
    }
  }
}

/** The problems of a handler's `output` for `service`'s `operation`, as the gateway checks it (for handler tests). */
export async function checkOperationOutput(service: ServiceName, operation: string, output: unknown): Promise<string[]> {
  const model = await loadServiceModel(service);
  const known = model.operations.get(operation);
  if (!known) return [`${model.metadata.serviceId} has no operation '${operation}'`];
  return checkOutput(output, known.output ?? { type: 'structure', members: {}, required: [] });
}

function checkStructure(value: Record<string, unknown>, shape: Shape, path: string): string[] {
  const problems: string[] = [];
  const names = Object.keys(shape.members);
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.members, key)) problems.push(`${joinPath(path, key)}: not a member of this shape (its members: ${names.join(', ') || 'none'})`);
  }
  for (const name of shape.required) {
    if (value[name] === undefined || value[name] === null) problems.push(`${joinPath(path, name)}: required, missing`);
  }
  for (const name of names) problems.push(...checkOutput(value[name], shape.members[name]!, joinPath(path, name)));
  return problems;
}

/** What `value` should have been, or undefined when it is of the shape's type. */
function scalarExpectation(value: unknown, shape: Shape): string | undefined {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'integer':
    case 'long':
      return Number.isSafeInteger(value) ? undefined : 'an integer';
    case 'float':
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a finite number';
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'a valid Date';
    case 'blob':
      return value instanceof Uint8Array ? undefined : 'a Buffer';
    default:
      return `a value of type ${String(shape.type)}`;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'a Date';
  if (value instanceof Uint8Array) return 'a Buffer';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
