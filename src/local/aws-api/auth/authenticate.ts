// Authenticates a request by its SigV4 signature, in two steps. Before the body is read: the
// signature's claims, the key (one the endpoint was given), the session token, the credential
// scope's service and the clock (15 minutes each way; a presigned URL until X-Amz-Expires).
// After: the payload hash and the signature itself, computed and compared in constant time.
import type { IncomingHttpHeaders } from 'node:http';
import { readClaims, type SignatureClaims } from './claims.js';
import { readPayload, type Payload } from './payload.js';
import { AuthRefusal } from './refusal.js';
import { computeSignature, constantTimeEqual } from './signature.js';
import { checkSigningTime } from './signing-time.js';

/** A secret the endpoint accepts signatures from, with the session token that must come with it. */
export interface SigningKey {
  secretAccessKey: string;
  sessionToken?: string;
}

/** The key of an access key id, or undefined when the endpoint does not know it. */
export type KeyLookup = (accessKeyId: string) => SigningKey | undefined;

/** What authentication reads of a request before its body. */
export interface RequestHead {
  method: string;
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  headers: IncomingHttpHeaders;
}

/** A caller whose claims passed the first step. */
export interface Caller {
  claims: SignatureClaims;
  key: SigningKey;
}

/** Step one: refuses a request whose signature cannot be right whatever its body. */
export function admitCaller(head: RequestHead, keys: KeyLookup, now: Date, service: string | undefined): Caller {
  const headers = flatHeaders(head.headers);
  const reading = readClaims(headers, firstValues(head.query));
  if (reading.kind === 'unsigned') throw new AuthRefusal('missing', 'Request is missing Authentication Token');
  if (reading.kind === 'malformed') throw new AuthRefusal('malformed', reading.message, { presigned: String(reading.presigned) });
  if (reading.kind === 'unsupported') throw new AuthRefusal('unsupported', reading.message);
  const { claims } = reading;
  if (service !== undefined && claims.service !== service) {
    throw new AuthRefusal('wrong-service', `Credential should be scoped to correct service: '${service}'.`, { service, scopeService: claims.service });
  }
  const key = keys(claims.accessKeyId);
  if (!key) throw new AuthRefusal('unknown-key', 'The security token included in the request is invalid.', { AWSAccessKeyId: claims.accessKeyId });
  // A session key needs its token; a long-term key takes none.
  if (!constantTimeEqual(key.sessionToken ?? '', claims.sessionToken ?? '')) {
    throw new AuthRefusal('invalid-token', 'The security token included in the request is invalid.');
  }
  checkSigningTime(claims, now);
  return { claims, key };
}

/** Step two: the body's hash and the signature; returns the body as the operation should read it. */
export async function verifySignature(head: RequestHead, raw: Buffer, caller: Caller): Promise<Payload> {
  const { claims, key } = caller;
  const headers = flatHeaders(head.headers);
  const payload = readPayload(claims, headers, firstValues(head.query), raw);
  const signed: Record<string, string> = {};
  for (const name of claims.signedHeaders) if (headers[name] !== undefined) signed[name] = headers[name];
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of head.query) {
    const known = query[name];
    query[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  const computed = await computeSignature(
    { method: head.method, path: head.path, query, headers: signed, payloadHash: payload.payloadHash }, claims,
    key.secretAccessKey,
  );
  if (!constantTimeEqual(computed.signature, claims.signature)) {
    throw new AuthRefusal('mismatch', 'The request signature we calculated does not match the signature you provided.', {
      AWSAccessKeyId: claims.accessKeyId,
      StringToSign: computed.stringToSign,
      SignatureProvided: claims.signature,
      CanonicalRequest: computed.canonicalRequest,
    });
  }
  return payload;
}

/** Header values as single strings (SigV4 joins repeated headers with commas). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(',') : value;
  return flat;
}

function firstValues(query: ReadonlyArray<readonly [string, string]>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of query) if (!values.has(name)) values.set(name, value);
  return values;
}
