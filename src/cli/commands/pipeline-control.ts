// `slipway stop`, `retry`, `approve`, `reject` and `transition enable|disable`: control of local
// pipeline executions, as CodePipeline's StopPipelineExecution, RetryStageExecution,
// PutApprovalResult and Enable/DisableStageTransition. The flags live here; the bodies
// (src/cli/run/pipeline-*.ts) load the engine only when they run.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { Runner } from '../runner.js';
import type { ApprovalCommandOptions, StopCommandOptions } from '../run/pipeline-control.js';
import type { RetryCommandOptions } from '../run/pipeline-retry.js';
import type { TransitionCommandOptions } from '../run/pipeline-transition.js';

const control = () => import('../run/pipeline-control.js');

/** Registers the control commands. */
export function registerControl(program: Command, ctx: CliContext, run: Runner): void {
  program
    .command('stop <execution>')
    .description('stop a running execution (StopPipelineExecution): its actions in progress finish, nothing more starts; waits until it is Stopped')
    .option('--abandon', 'abandon the actions in progress instead of letting them finish (a build is stopped and its container removed)')
    .option('--reason <text>', 'why it is stopped (shown as the execution\'s summary)')
    .option('--json', 'print the stopped execution as one JSON document')
    .action(run<StopCommandOptions>(async (options, command) => (await control()).runStopCommand(ctx, command.args[0]!, options)));
  program
    .command('retry <execution> <stage>')
    .description('retry a failed stage of an execution (RetryStageExecution): the same execution resumes there with its own source revisions, artifacts and variables; follows it to its end')
    .option('--all', 'run every action of the stage again (ALL_ACTIONS); by default only the actions that did not succeed (FAILED_ACTIONS)')
    .option('--json', 'print NDJSON events (or log lines), then the execution')
    .action(run<RetryCommandOptions>(async (options, command) => (await import('../run/pipeline-retry.js')).runRetryCommand(ctx, command.args[0]!, command.args[1]!, options)));
  for (const [verb, status] of [['approve', 'Approved'], ['reject', 'Rejected']] as const) {
    program
      .command(`${verb} <execution> <action>`)
      .description(`${verb} a manual approval action waiting in an execution (PutApprovalResult ${status})`)
      .option('--comment <text>', 'the reviewer\'s summary, shown on the action')
      .option('--json', 'print the answer as one JSON document')
      .action(run<ApprovalCommandOptions>(async (options, command) => (await control()).runApprovalCommand(
        ctx, status, command.args[0]!, command.args[1]!, options,
      )));
  }
  const transition = program.command('transition').description('enable or disable the inbound transition of a stage (Enable/DisableStageTransition): a disabled one holds executions before the stage');
  for (const verb of ['enable', 'disable'] as const) {
    const command = transition.command(`${verb} <pipeline> <stage>`).description(`${verb} the transition into <stage>`);
    if (verb === 'disable') command.option('--reason <text>', 'why it is disabled (default: "Disabled with slipway transition disable")');
    command.option('--json', 'print the transition\'s state as one JSON document')
      .action(run<TransitionCommandOptions>(async (options, sub) => (await import('../run/pipeline-transition.js')).runTransitionCommand(ctx, verb === 'enable', sub.args[0]!, sub.args[1]!, options)));
  }
}
