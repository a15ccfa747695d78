// Handler values to XML elements, by shape (AWS's XML rules, shared by awsQuery answers and S3's
// REST-XML bodies): an element per member named by its locationName, lists as <member> children
// unless flattened (then one element per item), maps as <entry><key/><value/></entry>, timestamps
// ISO 8601, blobs base64, members marked xmlAttribute as attributes.
import { XmlNode } from '@aws-sdk/xml-builder';
import type { Shape } from '../model/shapes.js';
import { formatTimestamp } from './timestamps.js';

/** Adds the body members of `value` (those without an HTTP location) to `parent`. */
export function addXmlMembers(parent: XmlNode, value: Readonly<Record<string, unknown>>, shape: Shape): XmlNode {
  for (const [name, member] of Object.entries(shape.members)) {
    const item = value[name];
    if (item === undefined || item === null || member.location !== undefined) continue;
    const elementName = member.locationName ?? name;
    if (member.xmlAttribute) parent.addAttribute(elementName, xmlText(item, member));
    else for (const node of xmlElements(elementName, item, member)) parent.addChildNode(node);
  }
  return parent;
}

/** The elements that write `value` under the name `name`. */
export function xmlElements(name: string, value: unknown, shape: Shape): XmlNode[] {
  switch (shape.type) {
    case 'structure':
      return [addXmlMembers(withNamespace(new XmlNode(name), shape), value as Record<string, unknown>, shape)];
    case 'list': {
      const member = shape.member!;
      const itemName = shape.flattened ? name : (member.locationName ?? 'member');
      const items = (value as unknown[]).flatMap((item) => xmlElements(itemName, item, member));
      return shape.flattened ? items : [new XmlNode(name, items)];
    }
    case 'map': {
      const keyName = shape.key?.locationName ?? 'key';
      const valueName = shape.value?.locationName ?? 'value';
      const entries = Object.entries(value as Record<string, unknown>).map(
        ([key, item]) => new XmlNode(shape.flattened ? name : 'entry', [XmlNode.of(keyName, key), ...xmlElements(valueName, item, shape.value!)]),
      );
      return shape.flattened ? entries : [new XmlNode(name, entries)];
    }
    default:
      return [XmlNode.of(name, xmlText(value, shape))];
  }
}

/** A scalar as XML text (and as an S3 header value, with that location's timestamp format). */
export function xmlText(value: unknown, shape: Shape, defaultTimestampFormat: 'iso8601' | 'rfc822' = 'iso8601'): string {
  if (value instanceof Date) return String(formatTimestamp(value, shape.timestampFormat ?? defaultTimestampFormat));
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return String(value);
}

/** Declares the shape's XML namespace on `node` (S3's `xmlns`, or `xmlns:xsi` for a prefixed one). */
export function withNamespace(node: XmlNode, shape: Shape): XmlNode {
  const namespace = shape.xmlNamespace;
  if (namespace) node.addAttribute(namespace.prefix ? `xmlns:${namespace.prefix}` : 'xmlns', namespace.uri);
  return node;
}

/** The XML declaration AWS's XML answers start with. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
