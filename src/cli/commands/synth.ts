import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { SlipwayError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { printData, say } from '../output.js';
import type { Runner } from '../runner.js';

/**
 * The file read when no --config is given: the config module's CONFIG_FILE, repeated here because
 * importing that module loads the schema library, which only synth's body needs.
 */
const CONFIG_FILE = 'slipway.yml';

interface SynthFlags {
  generic?: boolean;
  output?: string;
  format: 'yaml' | 'json';
  config?: string;
  json?: boolean;
}

/** Registers `slipway synth`: the template goes to stdout (or -o FILE), and nothing else does. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('synth')
    .description('print the CloudFormation template for slipway.yml (--generic: the parameterized template for any repository)')
    .option('--generic', 'the seed-compatible template with parameters Env, CodeRepository, Branch, ImageRegistry, Owner, OAuthToken', false)
    .option('-o, --output <file>', 'write the template to FILE instead of stdout')
    .addOption(new Option('--format <format>', 'template format').choices(['yaml', 'json']).default('yaml'))
    .option('--config <file>', `the slipway.yml to read (default: ${CONFIG_FILE} here)`)
    .addOption(new Option('--json', 'same as --format json').conflicts('format'))
    .action(
      run<SynthFlags>(async (flags) => {
        if (flags.generic && flags.config) {
          throw new SlipwayError('SynthGenericWithConfig', '--generic takes no slipway.yml: the generic template is the same for every repository', {
            hint: 'drop --config, or drop --generic to synthesize the template for that slipway.yml',
          });
        }
        // Loaded here, not at the top: only synth needs aws-cdk-lib, and loading it takes a second.
        const synth = await import('../../synth/index.js');
        const template = flags.generic ? synth.synthesizeGenericTemplate() : synth.synthesizeTemplate(await readConfig(ctx, flags.config));
        const text = synth.renderTemplate(template, flags.json ? 'json' : flags.format);
        if (flags.output === undefined) {
          printData(ctx, text);
          return;
        }
        const path = resolve(ctx.cwd, flags.output);
        await writeFile(path, text).catch((error: NodeJS.ErrnoException) => {
          throw new SlipwayError('SynthOutputUnwritable', `cannot write the template to ${flags.output}: ${error.code ?? error.message}`, {
            hint: 'check that the folder exists and is writable, or leave out -o to print the template',
            cause: error,
          });
        });
        say(ctx, `wrote ${relative(ctx.cwd, path) || path}`);
      }),
    );
}

/** Reads slipway.yml (or --config), naming it in problems as the user would. */
async function readConfig(ctx: CliContext, file: string | undefined) {
  const path = resolve(ctx.cwd, file ?? CONFIG_FILE);
  const { loadConfig } = await import('../../config/index.js');
  return loadConfig(path, file ?? CONFIG_FILE);
}
