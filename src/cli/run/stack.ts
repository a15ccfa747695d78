// The bodies of `slipway stack create|update|delete|describe`, loaded only when one runs: the
// local CloudFormation engine, through the home's account. Events go to stderr as they happen,
// the result to stdout.
import { EXIT_CODES } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { StackDescription, StackOperationResult } from '../../local/stack/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';
import { eventPrinter } from '../render/events.js';
import { runWithChangeSet } from './stack-change-set.js';
import { chooseStack, suppliedAttributes } from './stack-input.js';

/** The flags of the `slipway stack` verbs (each verb takes some of them). */
export interface StackOptions extends GlobalOptions {
  template?: string;
  stackName?: string;
  parameter?: string[];
  resourceAttribute?: string[];
  resourceAttributes?: string;
  changeSet?: boolean;
  yes?: boolean;
  json?: boolean;
}

export type StackVerb = 'create' | 'update' | 'delete' | 'describe';

const SUCCEEDED = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'NO_CHANGES', 'DELETE_COMPLETE'];

async function createOrUpdate(ctx: CliContext, account: LocalAccount, options: StackOptions, verb: 'create' | 'update'): Promise<number> {
  const chosen = await chooseStack(ctx, options, verb);
  const input = {
    stackName: chosen.stackName, templateBody: chosen.templateBody, templateFile: chosen.templateFile, parameters: keyValuePairs(options.parameter ?? [], '--parameter'),
    resourceAttributes: suppliedAttributes(ctx, options),
  };
  const result = options.changeSet
    ? await runWithChangeSet(ctx, account, options, verb, input)
    : verb === 'create' ? await account.stacks.create(input) : await account.stacks.update(input);
  if (result === undefined) return EXIT_CODES.success;
  printResult(ctx, options, result);
  return SUCCEEDED.includes(result.status) ? EXIT_CODES.success : EXIT_CODES.failed;
}

async function deleteStack(ctx: CliContext, account: LocalAccount, options: StackOptions): Promise<number> {
  const { stackName } = await chooseStack(ctx, options, 'delete');
  const result = await account.stacks.delete(stackName);
  if (!result) {
    say(ctx, `no local stack named ${stackName}; nothing to delete`);
    if (options.json) printJson(ctx, { StackName: stackName, StackStatus: 'DELETE_COMPLETE' });
    return EXIT_CODES.success;
  }
  // A deleted stack has no outputs left to show (DescribeStacks of a deleted stack lists none).
  printResult(ctx, options, result.status === 'DELETE_COMPLETE' ? { ...result, outputs: [] } : result);
  return result.status === 'DELETE_COMPLETE' ? EXIT_CODES.success : EXIT_CODES.failed;
}

function describe(ctx: CliContext, account: LocalAccount, options: StackOptions): Promise<number> {
  const names = options.stackName ? [options.stackName] : account.stacks.listStacks().map((stack) => stack.stackName);
  const descriptions = names.map((name) => account.stacks.describe(name));
  if (options.json) printJson(ctx, options.stackName ? descriptions[0] : { Stacks: descriptions });
  else for (const description of descriptions) printData(ctx, formatDescription(description));
  if (descriptions.length === 0 && !options.json) say(ctx, 'no local stacks');
  return Promise.resolve(EXIT_CODES.success);
}

function printResult(ctx: CliContext, options: StackOptions, result: StackOperationResult): void {
  if (result.notEmulated.length > 0) {
    const types = result.notEmulated.filter((entry) => entry.attribute === undefined);
    const attributes = result.notEmulated.filter((entry) => entry.attribute !== undefined);
    if (types.length > 0) say(ctx, `not emulated locally (recorded only): ${types.map((entry) => `${entry.logicalId} (${entry.type})`).join(', ')}`);
    if (attributes.length > 0) say(ctx, `placeholder values (attribute not emulated): ${attributes.map((entry) => `${entry.logicalId}.${entry.attribute!} at ${entry.usedAt!}`).join(', ')}`);
  }
  if (result.status === 'NO_CHANGES') say(ctx, `${result.stackName}: no updates are to be performed`);
  if (result.reason) say(ctx, `${result.stackName}: ${result.status}: ${result.reason}`);
  if (options.json) {
    printJson(ctx, {
      StackId: result.stackId, StackName: result.stackName, StackStatus: result.status, StackStatusReason: result.reason,
      Outputs: result.outputs, NotEmulated: result.notEmulated,
    });
    return;
  }
  const outputs = result.outputs.map((output) => `  ${output.OutputKey} = ${output.OutputValue}`);
  printData(ctx, [`${result.stackName} ${result.status}`, ...outputs].join('\n'));
}

function formatDescription(description: StackDescription): string {
  const lines = [`${description.StackName} ${description.StackStatus}${description.StackStatusReason ? ` (${description.StackStatusReason})` : ''}`];
  for (const parameter of description.Parameters) lines.push(`  parameter ${parameter.ParameterKey} = ${parameter.ParameterValue}`);
  for (const resource of description.Resources) lines.push(`  ${resource.LogicalResourceId.padEnd(28)} ${resource.ResourceType.padEnd(38)} ${resource.PhysicalResourceId ?? ''}`);
  for (const output of description.Outputs) lines.push(`  output ${output.OutputKey} = ${output.OutputValue}`);
  return lines.join('\n');
}

/** Runs one `slipway stack` verb with the local engine; returns the exit code. */
export function runStackVerb(ctx: CliContext, verb: StackVerb, options: StackOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    // Events go to stderr in every mode, so that stdout keeps only the result (one JSON document with --json).
    const stop = account.events.subscribe(eventPrinter(ctx, false));
    try {
      if (verb === 'create' || verb === 'update') return await createOrUpdate(ctx, account, options, verb);
      return verb === 'delete' ? await deleteStack(ctx, account, options) : await describe(ctx, account, options);
    } finally {
      stop();
    }
  });
}

