// Asking the user yes or no: --yes answers for them; a terminal asks; anything else refuses
// rather than hang (copilot-cli's rule: no prompt when a flag already answers it).
import { createInterface } from 'node:readline/promises';
import { SlipwayError } from '../errors.js';
import type { CliContext } from './context.js';

/** The flags that decide whether a command may ask. */
export interface AskingOptions {
  yes?: boolean;
  json?: boolean;
}

/** Whether slipway may ask the user: a terminal on both ends, and no --json. */
export function interactive(ctx: CliContext, options: AskingOptions): boolean {
  return process.stdin.isTTY === true && ctx.stderr.isTTY === true && !options.json;
}

/** Asks `message` and returns the answer; --yes is yes; without a terminal it refuses (exit 2). */
export async function askYesNo(ctx: CliContext, options: AskingOptions, message: string): Promise<boolean> {
  if (options.yes) return true;
  if (!interactive(ctx, options)) {
    throw new SlipwayError('ConfirmationRequired', `not asking without a terminal: ${message}`, { hint: 'pass --yes to proceed without a prompt' });
  }
  const readline = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    const answer = await readline.question(`${message} [y/N] `, { signal: ctx.signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    readline.close();
  }
}
