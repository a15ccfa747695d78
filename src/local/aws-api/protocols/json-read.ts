// awsJson request bodies to handler values, by shape (AWS's awsJson 1.0/1.1 protocol rules):
// members keep their model names, timestamps are epoch seconds, blobs base64. A value of the
// wrong JSON type is a SerializationException; members the model does not have are dropped.
import type { Shape } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { joinPath } from './member-path.js';
import { parseTimestamp } from './timestamps.js';

/** The handler's value of a request member read from JSON; undefined for null. */
export function fromJson(value: unknown, shape: Shape, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const object = expectObject(value, path, 'an object');
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const read = fromJson(object[name], member, joinPath(path, name));
        if (read !== undefined) result[name] = read;
      }
      return result;
    }
    case 'list':
      if (!Array.isArray(value)) throw mismatch(path, 'a list', value);
      return value.map((item, index) => fromJson(item, shape.member!, `${path}[${index}]`));
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(expectObject(value, path, 'a map'))) result[key] = fromJson(item, shape.value!, joinPath(path, key));
      return result;
    }
    default:
      return scalarFromJson(value, shape, path);
  }
}

function scalarFromJson(value: unknown, shape: Shape, path: string): unknown {
  switch (shape.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(path, 'a boolean', value);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch(path, 'an integer', value);
      return value;
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw mismatch(path, 'a number', value);
      return value;
    case 'timestamp':
      return parseTimestamp(value) ?? throwMismatch(path, 'a timestamp (epoch seconds)', value);
    case 'blob':
      if (typeof value !== 'string') throw mismatch(path, 'a base64 string', value);
      return Buffer.from(value, 'base64');
    default:
      if (typeof value !== 'string') throw mismatch(path, 'a string', value);
      return value;
  }
}

function expectObject(value: unknown, path: string, expected: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw mismatch(path, expected, value);
  return value as Record<string, unknown>;
}

function mismatch(path: string, expected: string, found: unknown): AwsError {
  const what = Array.isArray(found) ? 'a list' : typeof found === 'object' ? 'an object' : `${typeof found} ${JSON.stringify(found)}`;
  return new AwsError('SerializationException', `Cannot read '${path || 'the request'}': expected ${expected}, found ${what}.`);
}

function throwMismatch(path: string, expected: string, found: unknown): never {
  throw mismatch(path, expected, found);
}
