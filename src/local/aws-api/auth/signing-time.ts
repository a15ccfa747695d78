// The signing time's window (AWS SigV4, "Time stamp"): 15 minutes either side of the endpoint's
// clock for a signed request; for a presigned URL, from its X-Amz-Date until X-Amz-Expires later.
import { isoSeconds, parseAmzDate } from './amz-date.js';
import type { SignatureClaims } from './claims.js';
import { AuthRefusal, MAX_SKEW_MS } from './refusal.js';

/** Refuses a signing time over 15 minutes from `now`, and a presigned URL past its X-Amz-Expires. */
export function checkSigningTime(claims: SignatureClaims, now: Date): void {
  const signedAt = parseAmzDate(claims.amzDate);
  const serverTime = isoSeconds(now);
  if (claims.expiresSeconds !== undefined && now.getTime() > signedAt.getTime() + claims.expiresSeconds * 1000) {
    const expires = isoSeconds(new Date(signedAt.getTime() + claims.expiresSeconds * 1000));
    throw new AuthRefusal('expired', 'Request has expired', { 'X-Amz-Expires': String(claims.expiresSeconds), Expires: expires, ServerTime: serverTime });
  }
  const ahead = signedAt.getTime() - now.getTime();
  if (ahead > MAX_SKEW_MS || (claims.expiresSeconds === undefined && -ahead > MAX_SKEW_MS)) {
    throw new AuthRefusal('skewed', 'The difference between the request time and the current time is too large.', { RequestTime: claims.amzDate, ServerTime: serverTime, MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS) });
  }
}
