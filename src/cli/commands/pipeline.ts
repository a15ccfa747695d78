// `slipway runs` and `slipway start`: the local pipeline's executions, and their control
// (pipeline-control.ts). The flags live here; the bodies (src/cli/run/pipeline.ts) load the
// engine only when they run.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { collect } from '../flags.js';
import type { Runner } from '../runner.js';
import type { RunsOptions, StartOptions } from '../run/pipeline.js';
import { registerControl } from './pipeline-control.js';

const bodies = () => import('../run/pipeline.js');

/** Registers `slipway runs`, `slipway start` and the control commands. */
export function register(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('runs')
    .description('list local pipeline executions, newest first, with CodePipeline\'s fields')
    .option('--pipeline <name>', 'only the executions of this pipeline')
    .option('--limit <n>', 'at most this many executions', '20')
    .option('--json', 'print {"pipelineExecutionSummaries": [...]} as one JSON document')
    .action(run<RunsOptions>(async (options) => (await bodies()).runRunsCommand(ctx, options)));
  program
    .command('start <pipeline>')
    .description('start an execution of a local pipeline now (StartPipelineExecution) and follow it to its end')
    .option('--variable <name=value>', 'a V2 pipeline variable for this execution; repeatable', collect, [])
    .option('--source <owner/repo=path-or-url>', 'the Git repository a source action reads (default: the repository you run this in); repeatable, remembered', collect, [])
    .option('--json', 'print NDJSON event envelopes, then the execution')
    .action(run<StartOptions>(async (options, command) => (await bodies()).runStartCommand(ctx, command.args[0]!, options)));
  registerControl(program, ctx, run);
}
