// Required members, checked on every request before the handler runs, so handlers can rely on
// them. AWS words a missing member as "Value null at 'name' failed to satisfy constraint: Member
// must not be null", counted in a "N validation error(s) detected" sentence (ValidationException
// on awsJson, ValidationError on awsQuery).
import type { Shape } from '../model/shapes.js';
import { joinPath } from './member-path.js';

/** The paths of required members missing from `value`, nested ones included. */
export function missingRequired(value: unknown, shape: Shape, path = ''): string[] {
  if (value === undefined || value === null) return [];
  if (shape.type === 'list') return (value as unknown[]).flatMap((item, index) => missingRequired(item, shape.member!, `${path}[${index}]`));
  if (shape.type === 'map') return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => missingRequired(item, shape.value!, joinPath(path, key)));
  if (shape.type !== 'structure') return [];
  const object = value as Record<string, unknown>;
  const missing = shape.required.filter((name) => object[name] === undefined || object[name] === null).map((name) => joinPath(path, name));
  for (const [name, member] of Object.entries(shape.members)) missing.push(...missingRequired(object[name], member, joinPath(path, name)));
  return missing;
}

/** AWS's sentence for the missing members. */
export function missingRequiredMessage(paths: readonly string[]): string {
  const count = `${paths.length} validation error${paths.length === 1 ? '' : 's'} detected: `;
  return count + paths.map((path) => `Value null at '${path}' failed to satisfy constraint: Member must not be null`).join('; ');
}
