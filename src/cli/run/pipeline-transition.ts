// The body of `slipway transition enable|disable <pipeline> <stage>` (EnableStageTransition,
// DisableStageTransition, Inbound): through the running `slipway up`, whose held executions then
// enter at once; without one, the transition is recorded in the home, where whichever process
// runs executions reads it.
import { EXIT_CODES } from '../../errors.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { printData, printJson } from '../output.js';
import { callUp } from './up-codepipeline.js';

/** The flags of `slipway transition enable|disable`. */
export interface TransitionCommandOptions extends GlobalOptions {
  reason?: string;
  json?: boolean;
}

/** Why a transition is disabled when --reason is not given. */
const DEFAULT_REASON = 'Disabled with slipway transition disable';

/** `slipway transition enable|disable <pipeline> <stage>`. */
export function runTransitionCommand(
  ctx: CliContext, enabled: boolean, pipelineName: string, stageName: string, options: TransitionCommandOptions,
): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const running = account.runningUp();
    const reason = enabled ? undefined : (options.reason ?? DEFAULT_REASON);
    if (running) {
      const { DisableStageTransitionCommand, EnableStageTransitionCommand } = await import('@aws-sdk/client-codepipeline');
      const input = { pipelineName, stageName, transitionType: 'Inbound' as const };
      await callUp(
        account, running.endpoint,
        (client) => (enabled ? client.send(new EnableStageTransitionCommand(input)) : client.send(new DisableStageTransitionCommand({ ...input, reason }))),
      );
    } else {
      const { accountId } = account.settings;
      account.pipelineEngine().setTransition(pipelineName, stageName, { enabled, reason, by: `arn:aws:iam::${accountId}:root` });
    }
    const state = account.executions.transitions.state(account.pipelines.require(pipelineName).pipeline, stageName);
    if (options.json) printJson(ctx, { pipelineName, stageName, inboundTransitionState: state });
    else printData(ctx, `${pipelineName} ${stageName}: inbound transition ${state.enabled ? 'enabled' : `disabled (${state.disabledReason ?? ''})`}`);
    return EXIT_CODES.success;
  });
}
