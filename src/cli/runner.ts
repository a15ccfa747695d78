// The type every command module registers its bodies with; runCli (program.ts) provides it.
import type { Command } from 'commander';

/** A command's body: returns its exit code (0 when it returns nothing). */
export type CommandBody<O> = (options: O, command: Command) => Promise<number | void>;

/** Runs a command body, turning failures into exit codes. */
export type Runner = <O extends { json?: boolean }>(body: CommandBody<O>) => (...args: unknown[]) => Promise<void>;
