// What a request claims about its SigV4 signature (AWS Signature Version 4, "Authenticating
// requests"): the access key, the credential scope (date/region/service/aws4_request), the signed
// headers, the signature and the signing time, from the `Authorization` header or, for a
// presigned URL, from the X-Amz-* query parameters. Reading claims checks their form only.
import { formatAmzDate } from './amz-date.js';

/** The claims of a signed request. */
export interface SignatureClaims {
  accessKeyId: string;
  /** The credential scope's date, `YYYYMMDD`. */
  scopeDate: string;
  region: string;
  service: string;
  /** Lowercase, as the request lists them. */
  signedHeaders: string[];
  signature: string;
  /** The signing time as SigV4 writes it, `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  /** A presigned URL's lifetime in seconds (X-Amz-Expires). */
  expiresSeconds?: number;
  sessionToken?: string;
}

/** The claims, or why there are none. */
export type ClaimsReading =
  | { kind: 'signed'; claims: SignatureClaims }
  | { kind: 'unsigned' }
  | { kind: 'malformed'; message: string; presigned: boolean }
  | { kind: 'unsupported'; message: string };

const SIGV4 = 'AWS4-HMAC-SHA256';
const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** Reads the claims from the Authorization header, else from a presigned URL's query. */
export function readClaims(headers: Readonly<Record<string, string | undefined>>, query: ReadonlyMap<string, string>): ClaimsReading {
  const authorization = headers.authorization?.trim();
  if (authorization) return fromHeader(authorization, headers);
  if (query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential') || query.has('X-Amz-Signature')) return fromQuery(query);
  // Signature Version 2 query authentication, what the AWS CLI v1's `aws s3 presign` makes by default.
  if (query.has('AWSAccessKeyId') && query.has('Signature')) {
    return { kind: 'unsupported', message: `The authorization mechanism you have provided is not supported. Please use ${SIGV4}. (This URL is signed with Signature Version 2; the AWS CLI v1 presigns with version 4 once its config sets s3.signature_version = s3v4.)` };
  }
  return { kind: 'unsigned' };
}

function fromHeader(authorization: string, headers: Readonly<Record<string, string | undefined>>): ClaimsReading {
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  if (scheme !== SIGV4) return { kind: 'unsupported', message: `The authorization mechanism you have provided (${scheme}) is not supported. Please use ${SIGV4}.` };
  const parts = new Map<string, string>();
  for (const part of authorization.slice(space + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) parts.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const absent = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parts.get(name));
  if (absent.length > 0) return malformed(`Authorization header requires ${absent.map((name) => `'${name}'`).join(', ')} parameter(s). Authorization=${authorization.split(' ')[0]}...`, false);
  const amzDate = headers['x-amz-date'] ?? amzDateOf(headers.date);
  if (!amzDate) return malformed("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", false);
  return withScope(parts.get('Credential')!, parts.get('SignedHeaders')!, parts.get('Signature')!, amzDate, headers['x-amz-security-token'], undefined, false);
}

function fromQuery(query: ReadonlyMap<string, string>): ClaimsReading {
  const names = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];
  const absent = names.filter((name) => !query.get(name));
  if (absent.length > 0) return malformed(`Query-string authentication version 4 requires the ${names.join(', ')} parameters; missing: ${absent.join(', ')}.`, true);
  if (query.get('X-Amz-Algorithm') !== SIGV4) return malformed(`X-Amz-Algorithm only supports "${SIGV4}".`, true);
  const expires = Number(query.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > 604_800) return malformed('X-Amz-Expires must be a whole number of seconds from 1 to 604800 (seven days).', true);
  const [credential, signedHeaders, signature, amzDate] = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date'].map((name) => query.get(name)!) as [string, string, string, string];
  return withScope(credential, signedHeaders, signature, amzDate, query.get('X-Amz-Security-Token'), expires, true);
}

function withScope(
  credential: string, signedHeaders: string, signature: string, amzDate: string, sessionToken: string | undefined,
  expiresSeconds: number | undefined, presigned: boolean,
): ClaimsReading {
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!) || scope.some((part) => part === '')) {
    return malformed(`the Credential '${credential}' is not <access key id>/<YYYYMMDD>/<region>/<service>/aws4_request.`, presigned);
  }
  if (!AMZ_DATE.test(amzDate)) return malformed(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"; found '${amzDate}'.`, presigned);
  if (scope[1] !== amzDate.slice(0, 8)) return malformed(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope[1]}' != '${amzDate.slice(0, 8)}'.`, presigned);
  const [accessKeyId, scopeDate, region, service] = scope as [string, string, string, string];
  const claims: SignatureClaims = { accessKeyId, scopeDate, region, service, signedHeaders: signedHeaders.toLowerCase().split(';'), signature, amzDate, expiresSeconds, sessionToken };
  return { kind: 'signed', claims };
}

/** An HTTP `Date` header in SigV4's long format. */
function amzDateOf(date: string | undefined): string | undefined {
  const time = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isNaN(time) ? undefined : formatAmzDate(new Date(time));
}

function malformed(message: string, presigned: boolean): ClaimsReading {
  return { kind: 'malformed', message, presigned };
}
