// awsQuery parameters to handler values, by shape (AWS's awsQuery protocol, as botocore's
// QuerySerializer writes them): `Name.member.N` for lists (`Name.N` when flattened, and `Name=`
// for an empty list), `Name.entry.N.key` / `.value` for maps, `Parent.Child` for structures,
// ISO 8601 timestamps, `true`/`false`, base64 blobs. Numbering starts at 1 and ends at the first gap.
import type { Shape } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { joinPath } from './member-path.js';
import { parseTimestamp } from './timestamps.js';

/** A request's query parameters, with every dotted prefix indexed so a member's presence is one lookup. */
export class QueryParameters {
  private readonly prefixes = new Set<string>();

  constructor(readonly values: ReadonlyMap<string, string>) {
    for (const key of values.keys()) {
      for (let dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) this.prefixes.add(key.slice(0, dot));
    }
  }

  /** True when `name` is a parameter or the prefix of one. */
  has(name: string): boolean {
    return this.values.has(name) || this.prefixes.has(name);
  }
}

/** The handler's value of the parameters under `prefix` read as `shape` (`prefix` '' is the input itself). */
export function fromQuery(parameters: QueryParameters, shape: Shape, prefix: string, path = ''): unknown {
  if (prefix !== '' && !parameters.has(prefix)) return undefined;
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const key = member.locationName ?? name;
        const read = fromQuery(parameters, member, prefix === '' ? key : `${prefix}.${key}`, joinPath(path, name));
        if (read !== undefined) result[name] = read;
      }
      return result;
    }
    case 'list': {
      if (parameters.values.get(prefix) === '') return [];
      const itemPrefix = shape.flattened ? prefix : `${prefix}.${shape.member?.locationName ?? 'member'}`;
      const items: unknown[] = [];
      for (let index = 1; parameters.has(`${itemPrefix}.${index}`); index += 1) items.push(fromQuery(parameters, shape.member!, `${itemPrefix}.${index}`, `${path}[${index - 1}]`));
      return items;
    }
    case 'map': {
      const entryPrefix = shape.flattened ? prefix : `${prefix}.entry`;
      const [keyName, valueName] = [shape.key?.locationName ?? 'key', shape.value?.locationName ?? 'value'];
      const result: Record<string, unknown> = {};
      for (let index = 1; parameters.has(`${entryPrefix}.${index}`); index += 1) {
        const key = parameters.values.get(`${entryPrefix}.${index}.${keyName}`);
        if (key !== undefined) result[key] = fromQuery(parameters, shape.value!, `${entryPrefix}.${index}.${valueName}`, joinPath(path, key));
      }
      return result;
    }
    default:
      return scalarFromText(parameters.values.get(prefix), shape, prefix);
  }
}

/** A scalar written as text (a query parameter, an S3 header), read as `shape`; `code` names the refusal. */
export function scalarFromText(text: string | undefined, shape: Shape, name: string, code = 'InvalidParameterValue'): unknown {
  if (text === undefined) return undefined;
  const invalid = (expected: string) => new AwsError(code, `Value '${text}' for parameter ${name} is invalid: expected ${expected}.`);
  switch (shape.type) {
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw invalid('true or false');
      return text === 'true';
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(text)) throw invalid('an integer');
      return Number(text);
    case 'float':
    case 'double':
      if (text.trim() === '' || Number.isNaN(Number(text))) throw invalid('a number');
      return Number(text);
    case 'timestamp': {
      const date = parseTimestamp(text);
      if (!date) throw invalid('a timestamp');
      return date;
    }
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}
