// XML request bodies to handler values, by shape (S3's REST-XML payloads such as DeleteObjects'
// <Delete>), from the tree @aws-sdk/xml-builder's parseXML makes: an element is a string when it
// holds only text, an object otherwise (attributes as keys), repeated elements an array.
import type { Shape } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { joinPath } from './member-path.js';
import { parseTimestamp } from './timestamps.js';

/** The handler's value of the element `node` read as `shape`. */
export function fromXml(node: unknown, shape: Shape, path: string): unknown {
  if (node === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const element = node === '' ? {} : node;
      if (typeof element !== 'object' || element === null || Array.isArray(element)) throw malformed(path, 'an element with children');
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const child = (element as Record<string, unknown>)[member.locationName ?? name];
        const read = member.type === 'list' && member.flattened ? readList(child, member, joinPath(path, name)) : fromXml(child, member, joinPath(path, name));
        if (read !== undefined) result[name] = read;
      }
      return result;
    }
    case 'list': {
      const items = node === '' ? undefined : (node as Record<string, unknown>)[shape.member?.locationName ?? 'member'];
      return readList(items ?? [], shape, path);
    }
    case 'map':
      throw new AwsError('NotImplemented', `XML maps in request bodies are not read by the local endpoint (at '${path}').`);
    default:
      return scalarFromXml(node, shape, path);
  }
}

function readList(items: unknown, shape: Shape, path: string): unknown[] | undefined {
  if (items === undefined) return undefined;
  const list = Array.isArray(items) ? items : [items];
  return list.map((item, index) => fromXml(item, shape.member!, `${path}[${index}]`));
}

function scalarFromXml(node: unknown, shape: Shape, path: string): unknown {
  if (typeof node !== 'string') throw malformed(path, 'text');
  switch (shape.type) {
    case 'boolean':
      if (node !== 'true' && node !== 'false') throw malformed(path, 'true or false');
      return node === 'true';
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = Number(node);
      if (node.trim() === '' || Number.isNaN(number)) throw malformed(path, 'a number');
      return number;
    }
    case 'timestamp':
      return parseTimestamp(node) ?? malformedValue(path, 'a timestamp');
    case 'blob':
      return Buffer.from(node, 'base64');
    default:
      return node;
  }
}

function malformed(path: string, expected: string): AwsError {
  return new AwsError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: '${path}' should be ${expected}.`);
}

function malformedValue(path: string, expected: string): never {
  throw malformed(path, expected);
}
