// Writes a REST-XML answer (S3) from the handler's output, by where the model puts each member:
// headers (ETag, Last-Modified as an HTTP date, x-amz-version-id, `x-amz-meta-*` from a map), the
// status code, and the body (a blob payload as the bytes themselves, else an XML document whose
// root element is the one S3 names, in S3's namespace).
import { XmlNode } from '@aws-sdk/xml-builder';
import type { Operation, Shape } from '../model/shapes.js';
import type { WireAnswer } from './protocol.js';
import { addXmlMembers, withNamespace, xmlText, XML_DECLARATION } from './xml-write.js';

/** S3's XML namespace (the model's metadata does not carry it). */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * The root element of S3's XML answers. The v2 SDK's models leave these names out (AWS's newer
 * Smithy models carry them as @xmlName); others fall back to `<Operation>Result`.
 */
const ROOT_ELEMENTS: Readonly<Record<string, string>> = {
  ListBuckets: 'ListAllMyBucketsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListObjectVersions: 'ListVersionsResult',
  DeleteObjects: 'DeleteResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListParts: 'ListPartsResult',
  GetObjectTagging: 'Tagging',
  GetBucketTagging: 'Tagging',
  GetBucketVersioning: 'VersioningConfiguration',
  GetObjectAttributes: 'GetObjectAttributesResponse',
};

/** The answer carrying `output`; a HEAD answer keeps the headers and drops the body. */
export function writeRestXmlOutput(output: Readonly<Record<string, unknown>>, operation: Operation, method: string): WireAnswer {
  const shape = operation.output;
  const answer: WireAnswer = { status: operation.responseCode ?? 200, headers: {}, body: Buffer.alloc(0) };
  if (!shape) return answer;
  for (const [name, member] of Object.entries(shape.members)) writeLocated(answer, output[name], name, member);
  const payload = shape.payload === undefined ? undefined : shape.members[shape.payload];
  if (payload && shape.payload !== undefined) writePayload(answer, output[shape.payload], shape.payload, payload);
  else if (hasBodyMembers(output, shape)) {
    setXmlBody(answer, addXmlMembers(s3Root(ROOT_ELEMENTS[operation.name] ?? `${operation.name}Result`, shape), output, shape));
  }
  // RFC 9110 §15.3.7: an answer carrying part of a representation (a Range request) is 206.
  if (answer.headers['Content-Range'] !== undefined && answer.status === 200) answer.status = 206;
  if (method === 'HEAD') answer.body = Buffer.alloc(0);
  // RFC 9110 §8.6: no Content-Length on 204 and 304 answers, which have no content.
  else if (answer.status !== 204 && answer.status !== 304) answer.headers['Content-Length'] = String(answer.body.length);
  return answer;
}

function writeLocated(answer: WireAnswer, value: unknown, name: string, member: Shape): void {
  if (value === undefined || value === null) return;
  const key = member.locationName ?? name;
  if (member.location === 'header') {
    answer.headers[key] = Array.isArray(value) ? value.map((item) => xmlText(item, member.member!, 'rfc822')).join(', ') : xmlText(value, member, 'rfc822');
  } else if (member.location === 'headers') {
    for (const [suffix, item] of Object.entries(value as Record<string, unknown>)) answer.headers[`${key}${suffix}`] = String(item);
  } else if (member.location === 'statusCode') {
    answer.status = Number(value);
  }
}

function writePayload(answer: WireAnswer, value: unknown, name: string, member: Shape): void {
  if (value === undefined || value === null) return;
  if (member.type === 'blob') answer.body = Buffer.from(value as Uint8Array);
  else if (member.type === 'string') answer.body = Buffer.from(String(value));
  else setXmlBody(answer, addXmlMembers(s3Root(member.locationName ?? name, member), value as Record<string, unknown>, member));
}

/** A root element in the shape's namespace, else S3's. */
function s3Root(name: string, shape: Shape): XmlNode {
  const root = new XmlNode(name);
  return shape.xmlNamespace ? withNamespace(root, shape) : root.addAttribute('xmlns', S3_NAMESPACE);
}

function setXmlBody(answer: WireAnswer, root: XmlNode): void {
  answer.headers['Content-Type'] = 'application/xml';
  answer.body = Buffer.from(XML_DECLARATION + root.toString());
}

function hasBodyMembers(output: Readonly<Record<string, unknown>>, shape: Shape): boolean {
  return Object.entries(shape.members).some(([name, member]) => member.location === undefined && output[name] !== undefined && output[name] !== null);
}
