// Computes the SigV4 signature a request should carry, with @smithy/signature-v4's own pieces (the
// canonical request, string to sign and signing key the AWS SDKs sign with), from the request as
// received: its method, raw path (S3's is used as is, every other service's is normalized and
// encoded once more), query, the headers the client signed, and the payload hash.
import { timingSafeEqual } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, createScope, getCanonicalHeaders, getSigningKey, SignatureV4Base } from '@smithy/signature-v4';
import type { SignatureClaims } from './claims.js';
import { Sha256 } from './sha256.js';

/** The parts of a request its signature covers. */
export interface SignedParts {
  method: string;
  path: string;
  /** Decoded query parameters; a repeated name has several values. */
  query: Record<string, string | string[]>;
  /** The headers the client signed (lowercase names), and only those. */
  headers: Record<string, string>;
  payloadHash: string;
}

/** A computed signature, with the texts S3 quotes when it does not match. */
export interface ComputedSignature {
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** The smithy signer's canonical request and string to sign; it signs nothing itself. */
class CanonicalForm extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    super({ service: 'none', region: 'none', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: Sha256, uriEscapePath, applyChecksum: false });
  }

  async texts(parts: SignedParts, signedHeaders: readonly string[], longDate: string, scope: string): Promise<Omit<ComputedSignature, 'signature'>> {
    const request = { method: parts.method, path: parts.path, query: parts.query, headers: parts.headers, protocol: 'http:', hostname: '' };
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, parts.payloadHash);
    return { canonicalRequest, stringToSign: await this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER) };
  }
}

// AWS: "Each path segment must be URI-encoded twice ... except for Amazon S3, which only gets URI-encoded once."
const S3_FORM = new CanonicalForm(false);
const OTHER_FORM = new CanonicalForm(true);

/** The signature of `parts` under the claims' scope with `secretAccessKey`. */
export async function computeSignature(parts: SignedParts, claims: SignatureClaims, secretAccessKey: string): Promise<ComputedSignature> {
  const form = claims.service === 's3' ? S3_FORM : OTHER_FORM;
  const scope = createScope(claims.scopeDate, claims.region, claims.service);
  const texts = await form.texts(parts, claims.signedHeaders, claims.amzDate, scope);
  const signature = await hmacHex(await signingKey(claims, secretAccessKey), texts.stringToSign);
  return { signature, ...texts };
}

/** The SigV4 signing key of the claims' scope (cached by the smithy helper). */
export function signingKey(claims: SignatureClaims, secretAccessKey: string): Promise<Uint8Array> {
  return getSigningKey(Sha256, { accessKeyId: claims.accessKeyId, secretAccessKey }, claims.scopeDate, claims.region, claims.service);
}

/** The hex HMAC-SHA256 of `text` under `key`. */
export async function hmacHex(key: Uint8Array, text: string): Promise<string> {
  const hmac = new Sha256(key);
  hmac.update(text);
  return Buffer.from(await hmac.digest()).toString('hex');
}

/** Compares two secrets (signatures, tokens) in time that does not depend on where they differ. */
export function constantTimeEqual(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
