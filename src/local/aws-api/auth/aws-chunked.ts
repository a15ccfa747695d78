// Decodes an `aws-chunked` body (Amazon S3, "Uploading objects in chunks"): chunks written as
// `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n`, ended by a zero-size chunk followed by
// trailing headers (`x-amz-checksum-crc32:<base64>`) and an empty line. The AWS SDK for
// JavaScript v3 sends streamed uploads this way (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
import { AwsError } from '../protocols/aws-error.js';

/** A decoded body. */
export interface ChunkedBody {
  data: Buffer;
  /** Trailing headers, lowercase names. */
  trailers: Record<string, string>;
}

const CRLF = Buffer.from('\r\n');

/** The bytes and trailers of an aws-chunked body. */
export function decodeAwsChunked(body: Buffer): ChunkedBody {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const end = body.indexOf(CRLF, position);
    if (end < 0) throw incomplete('a chunk header has no CRLF');
    const header = body.subarray(position, end).toString('latin1');
    const size = Number.parseInt(header.split(';', 1)[0]!, 16);
    if (!/^[0-9a-fA-F]+(;|$)/.test(header) || Number.isNaN(size)) throw incomplete(`'${header.slice(0, 40)}' is not a chunk header`);
    position = end + CRLF.length;
    if (size === 0) return { data: Buffer.concat(chunks), trailers: readTrailers(body.subarray(position)) };
    if (position + size + CRLF.length > body.length) throw incomplete(`a chunk of ${size} bytes goes past the end of the body`);
    chunks.push(body.subarray(position, position + size));
    if (!body.subarray(position + size, position + size + CRLF.length).equals(CRLF)) throw incomplete(`the chunk of ${size} bytes is not followed by CRLF`);
    position += size + CRLF.length;
  }
}

function readTrailers(rest: Buffer): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of rest.toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

function incomplete(why: string): AwsError {
  return new AwsError('IncompleteBody', `The aws-chunked request body could not be read: ${why}.`);
}
