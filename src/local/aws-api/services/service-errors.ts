// Each service answers in its own vocabulary of errors. A handler calls the account's services,
// whose failures are SlipwayErrors with codes of their own; this keeps what reaches the wire
// layer inside the service's vocabulary: a code the service has passes as it is, any other
// expected failure becomes the service's validation error with the same message. Each service
// file lists its codes with the HTTP status AWS answers them with, for the wire layer.
import { SlipwayError } from '../../../errors.js';
import type { OperationHandler, ServiceHandlers } from '../handler.js';

/** The errors one service answers with: code → HTTP status, and the code for anything else expected. */
export interface ServiceErrors {
  codes: Readonly<Record<string, number>>;
  /** The service's validation error (400), for expected failures without a code of its own. */
  fallback: string;
  /** Account services' codes that mean one of the service's own under another name (ChangeSetNotFoundException → ChangeSetNotFound). */
  renames?: Readonly<Record<string, string>>;
}

/** The handlers, each failing only with codes of its service. */
export function withServiceErrors(handlers: Record<string, OperationHandler>, errors: ServiceErrors): ServiceHandlers {
  return Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, guarded(handler, errors)]));
}

function guarded(handler: OperationHandler, errors: ServiceErrors): OperationHandler {
  return async (input, ctx) => {
    try {
      return await handler(input, ctx);
    } catch (error) {
      throw inVocabulary(error, errors);
    }
  };
}

/** The error as its service names it (non-SlipwayErrors are surprises and pass unchanged). */
export function inVocabulary(error: unknown, errors: ServiceErrors): unknown {
  if (!(error instanceof SlipwayError) || Object.hasOwn(errors.codes, error.code)) return error;
  const code = errors.renames?.[error.code] ?? errors.fallback;
  return new SlipwayError(code, error.message, { kind: error.kind, hint: error.hint, problems: error.problems, cause: error });
}
