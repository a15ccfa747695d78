// Reads a REST-XML request (S3) into the handler's input, by where the model puts each member:
// URI labels, query parameters, headers (timestamps as HTTP dates; lists comma-separated), a
// header prefix such as `x-amz-meta-` for a map, and the payload (a blob as the body Buffer, a
// structure as an XML document).
import { parseXML } from '@aws-sdk/xml-builder';
import type { Operation, Shape } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { headerValue, type WireRequest } from './protocol.js';
import { scalarFromText } from './query-read.js';
import type { RestRoute } from './rest-routes.js';
import { fromXml } from './xml-read.js';

/** The handler's input of a routed REST-XML request. */
export function readRestXmlInput(request: WireRequest, route: RestRoute): Record<string, unknown> {
  const { operation } = route;
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(operation.input.members)) {
    const value = locatedValue(request, route, name, member);
    if (value !== undefined) input[name] = value;
  }
  const payload = operation.input.payload;
  if (payload !== undefined) {
    const value = payloadValue(request, operation, operation.input.members[payload]!);
    if (value !== undefined) input[payload] = value;
  }
  return input;
}

function locatedValue(request: WireRequest, route: RestRoute, name: string, member: Shape): unknown {
  const key = member.locationName ?? name;
  switch (member.location) {
    case 'uri':
      return route.labels[key];
    case 'querystring': {
      const values = request.query.filter(([parameter]) => parameter === key).map(([, value]) => value);
      if (member.type === 'list') return values.length > 0 ? values.map((value) => scalarFromText(value, member.member!, key, 'InvalidArgument')) : undefined;
      return scalarFromText(values[0], member, key, 'InvalidArgument');
    }
    case 'header': {
      const text = headerValue(request.headers, key);
      if (text === undefined) return undefined;
      if (member.type === 'list') return text.split(',').map((item) => scalarFromText(item.trim(), member.member!, key, 'InvalidArgument'));
      return scalarFromText(text, member, key, 'InvalidArgument');
    }
    case 'headers': {
      const prefix = key.toLowerCase();
      const entries = Object.keys(request.headers).filter((header) => header.startsWith(prefix)).map((header) => [
        header.slice(prefix.length), headerValue(request.headers, header),
      ]);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    default:
      return undefined;
  }
}

function payloadValue(request: WireRequest, operation: Operation, member: Shape): unknown {
  if (member.type === 'blob') return request.body;
  if (member.type === 'string') return request.body.length > 0 ? request.body.toString('utf8') : undefined;
  if (request.body.length === 0) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parseXML(request.body.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new AwsError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: ${(error as Error).message}`);
  }
  const [root, content] = Object.entries(document)[0] ?? [];
  if (root === undefined) throw new AwsError('MalformedXML', `The ${operation.name} request body holds no XML element.`);
  return fromXml(content, member, operation.input.payload ?? root);
}
