// One thin layer turns what the AWS SDK throws into slipway's errors: what happened, why, and
// what to do next. Every service wrapper calls AWS through `callAws`, naming the IAM action.
import { SlipwayError } from '../errors.js';
import { locateInTemplate, type TemplateText } from './template-location.js';

/** The SDK's error shape, as far as slipway reads it. */
interface AwsError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

// Error codes, from the AWS general reference ("Common errors") and each service's API reference.
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Context for turning an error into a useful message. */
export interface AwsCallContext {
  /** The IAM action, e.g. `cloudformation:CreateChangeSet`. */
  action: string;
  /** The template being deployed, to place validation errors in it. */
  template?: TemplateText;
}

/** The AWS error code of an SDK error (its `name`), or undefined for anything else. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as AwsError).name;
}

/** The message AWS sent with an error. */
export function awsErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status AWS answered an SDK error with, when there was an answer. */
export function awsHttpStatus(error: unknown): number | undefined {
  return (error as AwsError | undefined)?.$metadata?.httpStatusCode;
}

/** Whether an error is AWS refusing the call because of the request rate. */
export function isThrottling(error: unknown): boolean {
  return THROTTLED.has(awsErrorCode(error) ?? '') || awsHttpStatus(error) === 429;
}

/** Runs one AWS call, translating what it throws into a SlipwayError. */
export async function callAws<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateAwsError(error, context);
  }
}

/** Turns an SDK error into a SlipwayError; SlipwayErrors pass through unchanged. */
export function translateAwsError(error: unknown, context: AwsCallContext): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const code = awsErrorCode(error) ?? '';
  const message = awsErrorMessage(error);
  const systemCode = (error as AwsError | undefined)?.code ?? '';
  const say = (slipwayCode: string, text: string, options: ConstructorParameters<typeof SlipwayError>[2]) =>
    new SlipwayError(slipwayCode, text, { ...options, cause: error });

  if (code === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return say('AwsNoCredentials', `no AWS credentials found for ${context.action}: ${message}`, {
      kind: 'environment',
      hint: 'configure credentials with `aws configure` or `aws sso login`, set AWS_PROFILE, or pass --profile',
    });
  }
  if (/region is missing/i.test(message)) {
    return say('AwsNoRegion', 'no AWS region is configured', { kind: 'environment', hint: 'pass --region, set AWS_REGION, or set a region in the profile' });
  }
  if (EXPIRED.has(code) || /token.*expired|expired.*token/i.test(message)) {
    return say('AwsCredentialsExpired', `the AWS credentials have expired (${code}): ${message}`, {
      kind: 'environment',
      hint: 'refresh them, e.g. `aws sso login --profile <name>`, then run the command again',
    });
  }
  if (INVALID_CREDENTIALS.has(code)) {
    return say('AwsCredentialsInvalid', `AWS did not accept the credentials (${code}): ${message}`, {
      kind: 'environment',
      hint: 'check AWS_ACCESS_KEY_ID / AWS_PROFILE, or pass --profile',
    });
  }
  if (DENIED.has(code) || awsHttpStatus(error) === 403) {
    return say('AwsAccessDenied', `not allowed to call ${context.action}: ${message}`, {
      kind: 'environment',
      hint: `grant ${context.action} to the identity slipway runs as (see docs/deploy.md for the full list)`,
    });
  }
  if (isThrottling(error)) {
    return say('AwsThrottled', `AWS kept throttling ${context.action} after retrying with backoff: ${message}`, {
      kind: 'failed',
      hint: 'wait a minute and run the command again',
    });
  }
  if (NETWORK.has(systemCode) || NETWORK.has(code)) {
    return say('AwsUnreachable', `cannot reach the AWS endpoint for ${context.action}: ${message}`, {
      kind: 'environment',
      hint: 'check the network, --region and --endpoint-url',
    });
  }
  if (code === 'ValidationError' || code === 'InvalidParameterValueException' || code === 'InvalidParameterException') {
    return say('AwsValidation', `AWS rejected ${context.action}: ${message}`, {
      kind: 'invalid-input',
      problems: locateInTemplate(message, context.template),
    });
  }
  return say('AwsError', `${context.action} failed${code ? ` (${code})` : ''}: ${message}`, { kind: 'failed' });
}
