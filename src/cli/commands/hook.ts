// `slipway hook install|notify|show`: Git hooks for repositories `slipway up` does not run in, and
// the addresses GitHub deliveries go to. The flags live here; the bodies (src/cli/run/hook.ts)
// load the engine only when they run.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Runner } from '../runner.js';
import type { HookInstallOptions, HookNotifyOptions, HookShowOptions } from '../run/hook.js';

const bodies = () => import('../run/hook.js');

/** Registers `slipway hook`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  const hook = program.command('hook').description('Git hooks and webhook addresses that start local pipelines');
  hook
    .command('install')
    .description('install Git hooks (post-commit, post-merge, post-rewrite; post-receive in a bare repository) that tell slipway up of new commits, or run the pipelines when up is not running')
    .option('--path <dir>', 'the repository (default: the one you run this in)')
    .option('--repository <owner/repo>', 'map this GitHub owner/repo (or connection FullRepositoryId) to the repository, as up --source does')
    .action(run<HookInstallOptions>(async (options) => (await bodies()).runHookInstall(ctx, options)));
  hook
    .command('notify')
    .description('what the installed hooks run: tell the running slipway up that the repository changed, or run what it starts here')
    .requiredOption('--repository-path <dir>', 'the repository that changed')
    .option('--json', 'print NDJSON event envelopes, then the executions started')
    .action(run<HookNotifyOptions>(async (options) => (await bodies()).runHookNotify(ctx, options)));
  hook
    .command('show')
    .description('where GitHub deliveries go: each webhook\'s URL, and the connections endpoint with its secret')
    .option('--json', 'print one JSON document')
    .action(run<HookShowOptions>(async (options) => (await bodies()).runHookShow(ctx, options)));
}
