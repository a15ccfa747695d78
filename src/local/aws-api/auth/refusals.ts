// A refused request in each protocol's words (AWS "Common errors", S3 "Error responses", and the
// answers AWS gives, e.g. `Signature expired: 20140325T143453Z is now earlier than
// 20140325T143751Z (20140325T145251Z - 15 min.)`): awsJson says InvalidSignatureException and
// UnrecognizedClientException, awsQuery SignatureDoesNotMatch and InvalidClientTokenId, S3
// SignatureDoesNotMatch, InvalidAccessKeyId and RequestTimeTooSkewed with its extra elements.
import { AwsError } from '../protocols/aws-error.js';
import type { ProtocolName } from '../protocols/protocol.js';
import { formatAmzDate, parseAmzDate } from './amz-date.js';
import { MAX_SKEW_MS, type AuthRefusal } from './refusal.js';

const JSON_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const S3_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** The error AWS answers `refusal` with in `protocol`. */
export function refusalError(refusal: AuthRefusal, protocol: ProtocolName, now: Date): AwsError {
  if (protocol === 'restXml') return s3Refusal(refusal);
  const json = protocol !== 'awsQuery';
  switch (refusal.reason) {
    case 'missing':
      return json ? new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token') : new AwsError('MissingAuthenticationToken', refusal.message);
    case 'malformed':
    case 'unsupported':
      return new AwsError(json ? 'IncompleteSignatureException' : 'IncompleteSignature', refusal.message);
    case 'unknown-key':
    case 'invalid-token':
      return new AwsError(json ? 'UnrecognizedClientException' : 'InvalidClientTokenId', INVALID_TOKEN);
    case 'skewed':
      return new AwsError(json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', skewMessage(refusal.details.RequestTime!, now));
    case 'expired':
      // A presigned URL past X-Amz-Expires (AWS common error RequestExpired).
      return new AwsError('RequestExpired', `Request has expired: it was valid until ${refusal.details.Expires}.`);
    case 'foreign-host':
    case 'foreign-origin':
      return new AwsError(json ? 'AccessDeniedException' : 'AccessDenied', refusal.message, 403);
    case 'wrong-service':
      return new AwsError(json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', refusal.message);
    default:
      return new AwsError(json ? 'InvalidSignatureException' : 'SignatureDoesNotMatch', JSON_MISMATCH);
  }
}

function s3Refusal(refusal: AuthRefusal): AwsError {
  const { details } = refusal;
  switch (refusal.reason) {
    case 'missing':
      return new AwsError('AccessDenied', 'Access Denied');
    case 'malformed':
      return new AwsError(details.presigned === 'true' ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', refusal.message);
    case 'unsupported':
    case 'no-payload-hash':
      return new AwsError('InvalidRequest', refusal.message);
    case 'unknown-key':
      return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, details);
    case 'invalid-token':
      return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.');
    case 'skewed':
      return new AwsError('RequestTimeTooSkewed', refusal.message, 403, details);
    case 'expired':
      return new AwsError('AccessDenied', refusal.message, 403, details);
    case 'wrong-service':
      return new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; incorrect service '${details.scopeService}'. This endpoint belongs to 's3'.`);
    case 'payload-mismatch':
      return new AwsError('XAmzContentSHA256Mismatch', refusal.message, 400, details);
    case 'foreign-host':
    case 'foreign-origin':
      return new AwsError('AccessDenied', refusal.message);
    default:
      return new AwsError('SignatureDoesNotMatch', S3_MISMATCH, 403, details);
  }
}

/** AWS's words for a signing time outside the 15 minutes around its clock. */
function skewMessage(requestTime: string, now: Date): string {
  const signedAt = parseAmzDate(requestTime);
  const earliest = formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS));
  const latest = formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS));
  if (signedAt.getTime() > now.getTime()) return `Signature not yet current: ${requestTime} is still later than ${latest} (${formatAmzDate(now)} + 15 min.)`;
  return `Signature expired: ${requestTime} is now earlier than ${earliest} (${formatAmzDate(now)} - 15 min.)`;
}
