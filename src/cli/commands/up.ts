// `slipway up`: the running local account on one port. The flags live here; the body
// (src/cli/run/up.ts) loads the engines only when it runs.
import type { Command } from 'commander';
import { DEFAULT_ACCOUNT_PORT } from '../../local/account/addresses.js';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../runner.js';
import type { UpCommandOptions } from '../run/up.js';

/** Registers `slipway up`. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('up')
    .description('run the local account until Ctrl-C: registry, AWS API endpoint, stacks, pipeline executions and Git triggers on one port of 127.0.0.1')
    .option('--port <n>', `port to serve on; 0 picks a free one (default: the port this home's registry last listened on, so its stacks' RepositoryUri stays right; else ${DEFAULT_ACCOUNT_PORT})`)
    .option('--template <file>', "keep this template's stack up to date (default: the one synthesized from slipway.yml, if there is one)")
    .option('--stack-name <name>', 'the stack --template makes (default: the file\'s base name)')
    .option('--parameter <key=value>', 'a template parameter; repeatable', collect, [])
    .option('--resource-attribute <Logical.Attribute=value>', "a value for an attribute (or, without .Attribute, the Ref) of a resource slipway does not emulate, such as a custom resource; repeatable; wins over slipway.yml's local.resourceAttributes", collect, [])
    .option('--resource-attributes <file>', 'the same values from a JSON or YAML file: {"Logical.Attribute": "value"}')
    .option('--source <owner/repo=path-or-url>', 'the Git repository a source action reads (default: the repository up runs in); repeatable, remembered', collect, [])
    .option('--poll-interval <seconds>', 'how often Git sources are polled besides their file-system events (default: 5 for folders, 60 for URLs)')
    .option('--json', 'print one ready line with the endpoint and the local key, then NDJSON event envelopes')
    .action(run<UpCommandOptions>(async (options) => (await import('../run/up.js')).runUp(ctx, options)));
}
