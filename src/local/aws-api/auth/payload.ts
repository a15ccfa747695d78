// The payload side of a SigV4 signature: which hash the canonical request ends with, and whether
// the body is that hash. x-amz-content-sha256 is a body's hex SHA-256, UNSIGNED-PAYLOAD (S3), or
// STREAMING-UNSIGNED-PAYLOAD-TRAILER (S3, an aws-chunked body with trailing checksums); a presigned
// URL signs UNSIGNED-PAYLOAD unless it says otherwise (AWS SigV4, "Signature calculations for the
// Authorization header" and "Authenticating requests: using query parameters").
import { AwsError } from '../protocols/aws-error.js';
import { decodeAwsChunked } from './aws-chunked.js';
import type { SignatureClaims } from './claims.js';
import { AuthRefusal } from './refusal.js';
import { sha256Hex } from './sha256.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** The body as the operation sees it, and the hash its signature covers. */
export interface Payload {
  payloadHash: string;
  body: Buffer;
  /** aws-chunked trailing headers (S3 checksums). */
  trailers: Record<string, string>;
  /** True when the body came aws-chunked and was decoded. */
  chunked: boolean;
}

/** The payload of a request with these claims; refuses a body that is not what the request says it is. */
export function readPayload(
  claims: SignatureClaims, headers: Readonly<Record<string, string | undefined>>, query: ReadonlyMap<string, string>, raw: Buffer,
): Payload {
  const declared = headers['x-amz-content-sha256'];
  const plain = (payloadHash: string): Payload => ({ payloadHash, body: raw, trailers: {}, chunked: false });
  // The AWS SDK for JavaScript v3 puts X-Amz-Content-Sha256=UNSIGNED-PAYLOAD in the URLs it presigns.
  if (claims.expiresSeconds !== undefined) return plain(query.get('X-Amz-Content-Sha256') ?? query.get('x-amz-content-sha256') ?? declared ?? UNSIGNED_PAYLOAD);
  const s3 = claims.service === 's3';
  if (declared === undefined) {
    if (s3) throw new AuthRefusal('no-payload-hash', 'Missing required header for this request: x-amz-content-sha256');
    return plain(sha256Hex(raw));
  }
  if (/^[0-9a-f]{64}$/i.test(declared)) {
    const computed = sha256Hex(raw);
    if (computed !== declared.toLowerCase()) {
      throw new AuthRefusal('payload-mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: computed });
    }
    return plain(declared);
  }
  if (s3 && declared === UNSIGNED_PAYLOAD) return plain(declared);
  if (s3 && declared === UNSIGNED_TRAILER) {
    const decoded = decodeAwsChunked(raw);
    const length = headers['x-amz-decoded-content-length'];
    if (length !== undefined && Number(length) !== decoded.data.length) {
      throw new AwsError('IncompleteBody', `You did not provide the number of bytes specified by x-amz-decoded-content-length (${length}); the chunks held ${decoded.data.length}.`);
    }
    return { payloadHash: declared, body: decoded.data, trailers: decoded.trailers, chunked: true };
  }
  if (s3 && declared.startsWith('STREAMING-')) {
    throw new AwsError('NotImplemented', `The local endpoint does not accept x-amz-content-sha256: ${declared} (signed aws-chunked uploads); send the body's SHA-256, UNSIGNED-PAYLOAD or ${UNSIGNED_TRAILER}.`);
  }
  if (s3) throw new AwsError('InvalidArgument', `x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ${UNSIGNED_TRAILER}, or a valid sha256 value; found '${declared}'.`);
  throw new AuthRefusal('mismatch', `x-amz-content-sha256 '${declared}' is not the SHA-256 of a body.`);
}
