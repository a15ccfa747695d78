// What the local AWS endpoint reports while it serves; `slipway up` renders these, the library
// never prints (../shared/style.md, habit 3).

/** Events of the AWS API gateway. */
export type AwsApiEvent =
  /** One answered request (refusals included). */
  | { type: 'aws-api.request'; service: string; operation: string; status: number; requestId: string; milliseconds: number }
  /** A handler failed unexpectedly; the caller got InternalFailure, this carries the detail. */
  | { type: 'aws-api.request.failed'; service: string; operation: string; requestId: string; error: string }
  /** A handler answered with an output its operation's shape does not allow; the caller got InternalFailure. */
  | { type: 'aws-api.output.invalid'; service: string; operation: string; requestId: string; problems: string[] };
