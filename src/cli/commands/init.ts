import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Runner } from '../program.js';

/** Registers the `init` command; not yet built (see the open issue). */
export function register(_program: Command, _ctx: CliContext, _run: Runner): void {}
