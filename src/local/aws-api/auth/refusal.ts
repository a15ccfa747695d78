// Why a request is refused before any operation runs; refusals.ts says it in each protocol's
// words. Details carry what S3 quotes back (the string to sign, the server time) and what the
// JSON and query messages name (the signing time, the expected service).

/** The reasons AWS refuses a request at the door. */
export type RefusalReason =
  | 'missing' // no signature at all
  | 'malformed' // a signature that cannot be read
  | 'unsupported' // another scheme than AWS4-HMAC-SHA256 (S3's SigV2)
  | 'unknown-key' // an access key the endpoint was not given
  | 'invalid-token' // a session token that does not belong to the key
  | 'skewed' // signed more than 15 minutes away from the endpoint's clock
  | 'expired' // a presigned URL past its X-Amz-Expires
  | 'wrong-service' // a credential scope naming another service
  | 'mismatch' // the signature is not the one the request should carry
  | 'payload-mismatch' // x-amz-content-sha256 is not the body's hash
  | 'no-payload-hash' // S3 without x-amz-content-sha256
  | 'foreign-host' // a Host that is not the endpoint's own address (DNS rebinding)
  | 'foreign-origin'; // a browser request from another origin

/** A refused request. */
export class AuthRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AuthRefusal';
  }
}

/** AWS allows 15 minutes between the signing time and its own clock (SigV4, "Time stamp"). */
export const MAX_SKEW_MS = 15 * 60 * 1000;
