import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { InitOptions } from '../../init/index.js';
import type { CliContext } from '../context.js';
import { printData, printJson, say } from '../output.js';
import type { Runner } from '../runner.js';

/** init's flags: the library's options, with the folder optional (default: here). */
type InitFlags = Omit<InitOptions, 'dir'> & { dir?: string; json?: boolean };

/** Registers `slipway init`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('init')
    .description('write slipway.yml and, if there is none, buildspec.yml for the repository here')
    .option('--dir <dir>', 'the repository folder (default: the current directory)')
    .option('--name <name>', 'stack and resource name prefix (default: the repository name)')
    .option('--owner <owner>', 'repository owner (default: from the Git remote)')
    .option('--repository <name>', 'repository name (default: from the Git remote, else the folder name)')
    .option('--branch <branch>', 'branch to build (default: the current branch)')
    .addOption(new Option('--provider <provider>', 'source provider (default: connection, or codecommit for a CodeCommit remote)').choices(['connection', 'github', 'codecommit']))
    .option('--dockerfile <path>', 'Dockerfile path (default: the one found nearest the root)')
    .option('--force', 'overwrite slipway.yml and buildspec.yml if they exist', false)
    .option('--json', 'print the result as JSON')
    .action(
      run<InitFlags>(async (flags) => {
        const dir = resolve(ctx.cwd, flags.dir ?? '.');
        // Loaded here, not at the top: the config schema it needs costs every other command (and
        // the long-running `slipway registry`) memory for nothing.
        const { initRepository } = await import('../../init/index.js');
        const result = await initRepository({ ...flags, dir });
        for (const warning of result.warnings) say(ctx, `warning: ${warning}`);
        for (const path of result.kept) say(ctx, `kept ${path} (it exists; --force replaces it)`);
        for (const path of result.ignoring) say(ctx, `added .slipway/ (local state) to ${path}`);
        if (flags.json) {
          printJson(ctx, { written: result.written, kept: result.kept, ignoring: result.ignoring, warnings: result.warnings, config: result.config });
        } else {
          for (const path of result.written) printData(ctx, `wrote ${path}`);
          say(ctx, 'next: `slipway synth` prints the CloudFormation template; `slipway deploy` creates it on AWS');
        }
      }),
    );
}
