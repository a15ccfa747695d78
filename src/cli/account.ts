// Opening the home's local account for one command: every command that works on local state goes
// through here, so that each of them first finishes what a killed slipway left in progress, and
// says so.
import type { LocalAccount, Recovery } from '../local/account/index.js';
import { homeOf, type CliContext, type GlobalOptions } from './context.js';
import { say } from './output.js';

/** Opens the account, runs `body` with it, and closes it. The engine loads only when a command needs it. */
export async function withAccount<T>(ctx: CliContext, options: GlobalOptions, body: (account: LocalAccount) => Promise<T>): Promise<T> {
  const { openAccount } = await import('../local/account/index.js');
  const { account, recovery } = await openAccount({ home: homeOf(ctx, options), env: ctx.env });
  reportRecovery(ctx, recovery);
  try {
    return await body(account);
  } finally {
    account.close();
  }
}

/** Says what was finished on behalf of processes that died. */
function reportRecovery(ctx: CliContext, recovery: Recovery): void {
  for (const stack of recovery.stacks) {
    say(ctx, `recovered: stack ${stack.stackName} was left in ${stack.from}: ${stack.reason}; it is now ${stack.to} (see slipway stack describe --stack-name ${stack.stackName})`);
  }
  for (const build of recovery.builds) {
    say(ctx, `recovered: build ${build.id} was left running by slipway process ${build.owner.split('@')[0]}, which ended; it is marked FAULT (see slipway logs ${build.id})`);
  }
  for (const execution of recovery.executions) {
    say(ctx, `recovered: pipeline ${execution.pipelineName} execution ${execution.pipelineExecutionId} was left running by a slipway process that ended; it is marked Failed`);
  }
  const { containers, processes } = recovery.leftovers;
  if (containers.length > 0) say(ctx, `recovered: removed the build containers those builds left: ${containers.join(', ')}`);
  if (processes.length > 0) say(ctx, `recovered: stopped the processes those builds left: ${processes.map((one) => `${one.pid} (${one.command})`).join(', ')}`);
}
