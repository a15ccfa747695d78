import type { Writable } from 'node:stream';
import { resolveHome } from '../home.js';

/** What a command may touch: its streams, environment, working directory and stop signal. */
export interface CliContext {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM; long-running commands stop cleanly on it. */
  signal: AbortSignal;
}

/** Global options every command accepts. */
export interface GlobalOptions {
  home?: string;
}

/** The state folder for this invocation (see resolveHome). */
export function homeOf(ctx: CliContext, options: GlobalOptions): string {
  return resolveHome({ flag: options.home, env: ctx.env, cwd: ctx.cwd });
}
