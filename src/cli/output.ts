// Data goes to stdout, everything else to stderr (../shared/spec/product.md, command-line contract).
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
