// Handler outputs to awsJson answer bodies, by shape (AWS's awsJson 1.0/1.1 protocol rules):
// members keep their model names, timestamps become epoch seconds, blobs base64; absent and null
// members are left out.
import type { Shape } from '../model/shapes.js';
import { formatTimestamp } from './timestamps.js';

/** The JSON value of a handler's output member. */
export function toJson(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const written = toJson((value as Record<string, unknown>)[name], member);
        if (written !== undefined) result[name] = written;
      }
      return result;
    }
    case 'list':
      return (value as unknown[]).map((item) => toJson(item, shape.member!));
    case 'map':
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toJson(item, shape.value!)]));
    case 'timestamp':
      return formatTimestamp(value as Date, shape.timestampFormat ?? 'unixTimestamp');
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}
