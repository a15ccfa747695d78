// GitHub's webhook signatures, which a CodePipeline webhook with GITHUB_HMAC authentication
// checks (aws-semantics §2, "Webhooks"): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw
// body under the secret>`, or the older `X-Hub-Signature: sha1=<hex HMAC-SHA1>` when only that one
// is sent. Compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What checking a delivery's signature found. */
export type SignatureCheck = 'valid' | 'missing' | 'mismatch';

/** The signature header value GitHub would send for `body` under `secret` (sha256). */
export function signBody(body: Buffer | string, secret: string, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
}

/** Checks the delivery's X-Hub-Signature-256 (or, without it, X-Hub-Signature) against the body. */
export function checkSignature(headers: IncomingHttpHeaders, body: Buffer, secret: string): SignatureCheck {
  const sha256 = headers['x-hub-signature-256'];
  const sha1 = headers['x-hub-signature'];
  const [header, algorithm] = typeof sha256 === 'string' ? [sha256, 'sha256' as const] : typeof sha1 === 'string' ? [sha1, 'sha1' as const] : [undefined, 'sha256' as const];
  if (header === undefined) return 'missing';
  const expected = Buffer.from(signBody(body, secret, algorithm));
  const received = Buffer.from(header.trim());
  return received.length === expected.length && timingSafeEqual(received, expected) ? 'valid' : 'mismatch';
}
