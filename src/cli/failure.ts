import { EXIT_CODES, SlipwayError, formatProblem, type Problem } from '../errors.js';
import type { CliContext } from './context.js';
import { printJson, say } from './output.js';

/**
 * Reports an error to the user and returns the exit code for it. Expected failures
 * (SlipwayError) print their message, each problem and the hint; anything else is a bug in
 * slipway and prints its stack, since that is what a bug report needs.
 */
export function reportFailure(ctx: CliContext, error: unknown, json: boolean): number {
  if (error instanceof SlipwayError) {
    const { headline, problems } = errorLines(error);
    say(ctx, `error: ${headline}`);
    for (const problem of problems) say(ctx, `  ${formatProblem(problem)}`);
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
  if (json) printJson(ctx, { error: { code: 'Internal', message: String(error) } });
  return EXIT_CODES.internal;
}

/**
 * The error line and the problems to list under it. A message that opens with its first
 * problem's words (the local stack engine words its error as CloudFormation does, from that
 * problem) takes the problem's location instead of printing the same words twice.
 */
function errorLines(error: SlipwayError): { headline: string; problems: Problem[] } {
  const [first, ...rest] = error.problems;
  if (!first || !error.message.startsWith(first.message)) return { headline: error.message, problems: error.problems };
  return { headline: `${formatProblem(first)}${error.message.slice(first.message.length)}`, problems: rest };
}
