// The HTTP status of each AWS error code that is not 400. AWS's JSON and query services answer
// almost every error with 400; the exceptions below come from the `error.httpStatusCode` of the
// exception shapes in botocore's service models (the v2 SDK's min.json files leave errors out),
// and from S3's error code list (Amazon S3 API Reference, "Error responses").
const STATUS_OF_CODE: Readonly<Record<string, number>> = {
  // Every protocol (AWS "Common errors").
  InternalFailure: 500,
  ServiceUnavailable: 503,
  MissingAuthenticationToken: 403,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  AccessDenied: 403,
  AccessDeniedException: 400,
  RequestEntityTooLarge: 413,
  // CloudWatch Logs.
  ServiceUnavailableException: 500,
  // CloudFormation.
  ChangeSetNotFound: 404,
  ConcurrentResourcesLimitExceeded: 429,
  CreatedButModifiedException: 409,
  NameAlreadyExistsException: 409,
  OperationIdAlreadyExistsException: 409,
  OperationInProgressException: 409,
  OperationNotFoundException: 404,
  StackInstanceNotFoundException: 404,
  StackNotFoundException: 404,
  StackSetNotEmptyException: 409,
  StackSetNotFoundException: 404,
  StaleRequestException: 409,
  TypeNotFoundException: 404,
  // STS.
  IDPRejectedClaim: 403,
  RegionDisabledException: 403,
  // S3.
  InternalError: 500,
  BadDigest: 400,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  InvalidAccessKeyId: 403,
  InvalidObjectState: 403,
  InvalidRange: 416,
  InvalidToken: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NoSuchVersion: 404,
  NotImplemented: 501,
  NotModified: 304,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
};

/**
 * Wire codes that differ from the exception's shape name: CloudFormation writes `ChangeSetNotFound`
 * for ChangeSetNotFoundException (botocore's `error.code`). A handler may throw either name.
 */
const WIRE_CODE: Readonly<Record<string, string>> = {
  ChangeSetNotFoundException: 'ChangeSetNotFound',
  ConcurrentResourcesLimitExceededException: 'ConcurrentResourcesLimitExceeded',
  InvalidChangeSetStatusException: 'InvalidChangeSetStatus',
  InvalidStateTransitionException: 'InvalidStateTransition',
  IDPRejectedClaimException: 'IDPRejectedClaim',
  MalformedPolicyDocumentException: 'MalformedPolicyDocument',
  PackedPolicyTooLargeException: 'PackedPolicyTooLarge',
};

/** The code AWS writes on the wire for `code`. */
export function wireCode(code: string): string {
  return WIRE_CODE[code] ?? code;
}

/** The HTTP status AWS answers `code` with. */
export function statusOfCode(code: string): number {
  return STATUS_OF_CODE[wireCode(code)] ?? 400;
}
