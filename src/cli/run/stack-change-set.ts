// `slipway stack create|update --change-set`: previews the changes as a local change set, asks
// (or takes --yes), then executes it — the flow `slipway deploy` follows on AWS. "No changes" is
// success; declining leaves the stack as it was (a stack made only for the preview goes again).
import { describeChangeSet, summarizeChangeSet } from '../../deploy/change-set-summary.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { StackInput, StackOperationResult } from '../../local/stack/index.js';
import { askYesNo, type AskingOptions } from '../confirm.js';
import type { CliContext } from '../context.js';
import { say } from '../output.js';

/** Creates the change set, shows it, and executes it once confirmed; undefined when nothing was executed. */
export async function runWithChangeSet(ctx: CliContext, account: LocalAccount, options: AskingOptions, verb: 'create' | 'update', input: StackInput): Promise<StackOperationResult | undefined> {
  const changeSets = account.changeSets;
  const record = changeSets.create({ ...input, changeSetName: `slipway-${Date.now()}`, changeSetType: verb === 'create' ? 'CREATE' : 'UPDATE' });
  if (record.Status === 'FAILED') {
    changeSets.delete(record.ChangeSetId);
    say(ctx, `${input.stackName}: no changes (${record.StatusReason ?? 'nothing to do'})`);
    return { stackId: record.StackId, stackName: record.StackName, status: 'NO_CHANGES', outputs: account.stacks.describe(record.StackId).Outputs, notEmulated: [] };
  }
  say(ctx, `change set ${record.ChangeSetName} for ${verb === 'create' ? 'the new stack' : 'stack'} ${input.stackName}:`);
  for (const line of describeChangeSet(summarizeChangeSet(record.Changes))) say(ctx, `  ${line}`);
  const discard = async () => {
    changeSets.delete(record.ChangeSetId);
    if (verb === 'create') await account.stacks.delete(record.StackId);
  };
  // Not asked (no terminal, no --yes) or declined: the preview leaves nothing behind.
  const confirmed = await askYesNo(ctx, options, `${verb === 'create' ? 'Create' : 'Update'} ${input.stackName} with these changes?`).catch(async (error: unknown) => {
    await discard();
    throw error;
  });
  if (!confirmed) {
    await discard();
    say(ctx, 'nothing was changed');
    return undefined;
  }
  return changeSets.execute(record.ChangeSetId);
}
