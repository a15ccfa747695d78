import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../errors.js';
import type { CliContext } from './context.js';
import { reportFailure } from './failure.js';
import type { Runner } from './runner.js';
import * as accountCommand from './commands/account.js';
import * as buildCommand from './commands/build.js';
import * as deployCommands from './commands/deploy.js';
import * as doctorCommand from './commands/doctor.js';
import * as hookCommand from './commands/hook.js';
import * as initCommand from './commands/init.js';
import * as pipelineCommands from './commands/pipeline.js';
import * as registryCommand from './commands/registry.js';
import * as stackCommands from './commands/stack.js';
import * as synthCommand from './commands/synth.js';
import * as upCommand from './commands/up.js';

/** Every command module registers its verbs on the program. */
interface CommandModule {
  register(program: Command, ctx: CliContext, run: Runner): void;
}

const COMMAND_MODULES: CommandModule[] = [
  initCommand,
  synthCommand,
  buildCommand,
  registryCommand,
  stackCommands,
  pipelineCommands,
  upCommand,
  hookCommand,
  accountCommand,
  deployCommands,
  doctorCommand,
];

/** slipway's own version, from package.json (two folders up from both src/cli and dist/cli). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Parses argv, runs the chosen command and returns the process exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode: number = EXIT_CODES.success;
  const run: Runner = (body) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      const options = command.optsWithGlobals() as { json?: boolean };
      try {
        exitCode = (await body(options as never, command)) ?? EXIT_CODES.success;
      } catch (error) {
        exitCode = reportFailure(ctx, error, options.json === true);
      }
    };

  const program = new Command('slipway')
    .description('Push-to-registry CI for any Git repository with a Dockerfile, on AWS or on this machine.')
    .version(VERSION, '--version', 'print slipway\'s version')
    .option('--home <dir>', 'folder for all local state (default: $SLIPWAY_HOME, else .slipway/ here)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
  for (const module of COMMAND_MODULES) module.register(program, ctx, run);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; anything else is a usage error.
      return error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES['invalid-input'];
    }
    return reportFailure(ctx, error, false);
  }
  return exitCode;
}
