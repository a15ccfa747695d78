// Data goes to stdout, everything else to stderr (../shared/spec/product.md, command-line
// contract); a reader that goes away ends slipway as SIGPIPE ends any Unix tool.
import type { CliContext } from './context.js';

/** Writes a command's result data to stdout, ending with a newline. */
export function printData(ctx: CliContext, text: string): void {
  ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes one JSON document (or one NDJSON event) to stdout on a single line. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Writes a human-readable line to stderr. */
export function say(ctx: CliContext, text: string): void {
  ctx.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

// 128 + SIGPIPE (13): the status a shell reports for a command that SIGPIPE ended.
const CLOSED_PIPE_STATUS = 141;

/**
 * Ends slipway when the reader of its output goes away (`slipway synth | head -1`) as SIGPIPE
 * ends `ls` or `git`: at once, quietly, by that signal. Node ignores SIGPIPE and reports EPIPE
 * as an error event instead, which would otherwise end in a stack trace. git does the same from
 * its own EPIPE handling (check_pipe in write-or-die.c): restore SIGPIPE's default, raise it,
 * and exit 141 should it survive.
 */
export function endOnClosedPipe(...streams: NodeJS.WriteStream[]): void {
  const raiseSigpipe = (): void => {
    // Listening and then not listening hands SIGPIPE back to its default action: end the process.
    const ignore = (): void => {};
    process.on('SIGPIPE', ignore).off('SIGPIPE', ignore);
    process.kill(process.pid, 'SIGPIPE');
    process.exit(CLOSED_PIPE_STATUS);
  };
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      raiseSigpipe();
    });
  }
}
