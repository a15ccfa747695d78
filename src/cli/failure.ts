import { EXIT_CODES, SlipwayError, formatProblem } from '../errors.js';
import type { CliContext } from './context.js';
import { printJson, say } from './output.js';

/**
 * Reports an error to the user and returns the exit code for it. Expected failures
 * (SlipwayError) print their message, each problem and the hint; anything else is a bug in
 * slipway and prints its stack, since that is what a bug report needs.
 */
export function reportFailure(ctx: CliContext, error: unknown, json: boolean): number {
  if (error instanceof SlipwayError) {
    say(ctx, `error: ${error.message}`);
    for (const problem of error.problems) say(ctx, `  ${formatProblem(problem)}`);
    if (error.hint) say(ctx, `hint: ${error.hint}`);
    if (json) {
      printJson(ctx, {
        error: { code: error.code, message: error.message, problems: error.problems, hint: error.hint },
      });
    }
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  say(ctx, `internal error (a bug in slipway, please report it): ${detail}`);
  if (json) printJson(ctx, { error: { code: 'INTERNAL', message: String(error) } });
  return EXIT_CODES.internal;
}
