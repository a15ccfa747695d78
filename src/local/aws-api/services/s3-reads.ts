// How S3 answers a read of an object (GetObject, HeadObject): the object's headers as the
// output members, the conditional headers (If-Match wins over If-Unmodified-Since, If-None-Match
// over If-Modified-Since: S3 API reference, GetObject; RFC 7232 section 6), and one byte range
// (`bytes=a-b`, `bytes=a-`, `bytes=-n`; several ranges are not served by S3, which then sends it all).
import { SlipwayError } from '../../../errors.js';
import type { StoredVersion } from '../../artifacts/index.js';
import type { OperationInput } from './operation-input.js';

/** The content type S3 gives an object stored without one. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** The output members every read of `object` carries. */
export function objectHeaders(object: StoredVersion, reader: OperationInput): Record<string, unknown> {
  return {
    AcceptRanges: 'bytes',
    LastModified: new Date(object.lastModified),
    ContentLength: object.size,
    ETag: object.eTag,
    ...(object.versionId !== 'null' ? { VersionId: object.versionId } : {}),
    ContentType: reader.optionalString('ResponseContentType') ?? object.contentType ?? DEFAULT_CONTENT_TYPE,
    ...overrides(reader),
    ...(object.metadata ? { Metadata: object.metadata } : {}),
    // S3 encrypts every new object with SSE-S3 (S3 user guide, "default encryption").
    ServerSideEncryption: 'AES256',
  };
}

/** Refuses the read when a condition does not hold: PreconditionFailed (412) or NotModified (304). */
export function checkConditions(object: StoredVersion, reader: OperationInput): void {
  const ifMatch = reader.optionalString('IfMatch');
  const ifNoneMatch = reader.optionalString('IfNoneMatch');
  const seconds = Math.floor(Date.parse(object.lastModified) / 1000);
  const since = (name: string) => {
    const value = reader.input[name];
    return value instanceof Date ? Math.floor(value.getTime() / 1000) : undefined;
  };
  const unmodifiedSince = since('IfUnmodifiedSince');
  const modifiedSince = since('IfModifiedSince');
  if (ifMatch !== undefined ? !matches(ifMatch, object.eTag) : unmodifiedSince !== undefined && seconds > unmodifiedSince) {
    throw new SlipwayError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }
  if (ifNoneMatch !== undefined ? matches(ifNoneMatch, object.eTag) : modifiedSince !== undefined && seconds <= modifiedSince) {
    throw new SlipwayError('NotModified', 'Not Modified');
  }
}

/** The part of `body` a Range member asks for, with its ContentRange; all of it without a range. */
export function rangeOf(body: Buffer, range: string | undefined): { body: Buffer; contentRange?: string } {
  const match = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { body };
  const size = body.length;
  const [start, end] = match[1] === '' ? [Math.max(0, size - Number(match[2])), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  if (start >= size || start > end || (match[1] === '' && Number(match[2]) === 0)) {
    throw new SlipwayError('InvalidRange', `The requested range is not satisfiable (${range} of an object of ${size} bytes)`);
  }
  return { body: body.subarray(start, end + 1), contentRange: `bytes ${start}-${end}/${size}` };
}

function matches(condition: string, eTag: string): boolean {
  return condition.split(',').map((one) => one.trim()).some((one) => one === '*' || one === eTag || `"${one}"` === eTag);
}

// GetObject's response-* query parameters set these headers of the answer.
function overrides(reader: OperationInput): Record<string, string> {
  const pairs: [string, string][] = [['ResponseCacheControl', 'CacheControl'], ['ResponseContentDisposition', 'ContentDisposition'], ['ResponseContentEncoding', 'ContentEncoding'], ['ResponseContentLanguage', 'ContentLanguage']];
  return Object.fromEntries(pairs.flatMap(([from, to]) => {
    const value = reader.optionalString(from);
    return value === undefined ? [] : [[to, value]];
  }));
}
