// An error in AWS's terms: the code clients match on, the message, the HTTP status, and for S3
// the extra elements its <Error> document carries (<Key>, <AWSAccessKeyId>, <MaxAllowedSkewMilliseconds>).
import { SlipwayError } from '../../../errors.js';
import { statusOfCode, wireCode } from './error-statuses.js';

/** A failure to answer in the protocol's error shape. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = statusOfCode(code),
    /** Extra elements of S3's <Error> document, in order. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }

  /** AWS's fault side: `Sender` for the caller's mistakes, `Receiver` for the service's. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** What the caller sees of a failure: an AwsError, a handler's SlipwayError, or an internal failure. */
export function asAwsError(error: unknown): { error: AwsError; internal: boolean } {
  if (error instanceof AwsError) return { error, internal: error.status >= 500 };
  if (error instanceof SlipwayError && error.kind !== 'internal') {
    return { error: new AwsError(wireCode(error.code), error.message), internal: false };
  }
  // Never the stack or the detail: those go to the log (gateway events), not to the client.
  return { error: new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500), internal: true };
}
