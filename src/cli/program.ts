import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../errors.js';
import type { CliContext } from './context.js';
import { reportFailure } from './failure.js';
import type { Runner } from './runner.js';

/** Every command module registers its verbs on the program. */
interface CommandModule {
  register(program: Command, ctx: CliContext, run: Runner): void;
}

/**
 * The command modules in help order, each loaded only when needed: a run loads the module of the
 * verb it names, and all of them only when it names none (help, suggestions). `slipway registry`
 * and `slipway up` run for hours, and the other verbs' code (with what it imports) would stay in
 * their memory.
 */
const COMMAND_MODULES: Record<string, () => Promise<CommandModule>> = {
  init: () => import('./commands/init.js'),
  synth: () => import('./commands/synth.js'),
  build: () => import('./commands/build.js'),
  registry: () => import('./commands/registry.js'),
  stack: () => import('./commands/stack.js'),
  pipeline: () => import('./commands/pipeline.js'),
  up: () => import('./commands/up.js'),
  hook: () => import('./commands/hook.js'),
  account: () => import('./commands/account.js'),
  deploy: () => import('./commands/deploy.js'),
  doctor: () => import('./commands/doctor.js'),
};
/** Verbs that another verb's module registers. */
const MODULE_OF_VERB: Record<string, string> = { destroy: 'deploy', status: 'deploy', builds: 'build', logs: 'build', runs: 'pipeline', start: 'pipeline',
  stop: 'pipeline', retry: 'pipeline', approve: 'pipeline', reject: 'pipeline', transition: 'pipeline' };

/** The first word of `argv` that is not an option: the verb, if it names one. */
export function verbOf(argv: string[]): string | undefined {
  // --home is the only global option that takes a value.
  return argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--home');
}

/** The names of the modules to register for `argv`: the named verb's alone, or all when it names none of them. */
export function moduleNames(argv: string[]): string[] {
  const word = verbOf(argv);
  const name = word !== undefined && Object.hasOwn(MODULE_OF_VERB, word) ? MODULE_OF_VERB[word]! : word;
  return name !== undefined && Object.hasOwn(COMMAND_MODULES, name) ? [name] : Object.keys(COMMAND_MODULES);
}

function commandModules(argv: string[]): Promise<CommandModule[]> {
  return Promise.all(moduleNames(argv).map((name) => COMMAND_MODULES[name]!()));
}

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
  for (const module of await commandModules(argv)) module.register(program, ctx, run);

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
