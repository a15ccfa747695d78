// `slipway doctor --cost`: the flags of the usage inputs and the printing of the estimate. The
// estimate itself is src/doctor/cost's.
import type { Command } from 'commander';
import { EXIT_CODES } from '../../errors.js';
import { COST_INPUTS, costReport, formatEstimate, type CostInputs } from '../../doctor/cost/index.js';
import type { CliContext } from '../context.js';
import { printData, printJson, say } from '../output.js';

/** The input flags as commander gives them (strings, absent when not given). */
export type CostFlags = Partial<Record<keyof CostInputs, string>>;

/** Adds one option per usage input, with its default in the help. */
export function registerCostOptions(command: Command): void {
  for (const input of COST_INPUTS) command.option(`${input.flag} <n>`, `with --cost: ${input.description} (default: ${input.defaultText ?? input.default})`);
}

/** Picks the input flags out of all of doctor's flags. */
export function costFlags(flags: CostFlags): CostFlags {
  return Object.fromEntries(COST_INPUTS.filter((input) => flags[input.key] !== undefined).map((input) => [input.key, flags[input.key]]));
}

/** Prints the estimate (or its JSON) and returns exit code 0: an estimate is never a failure. */
export async function runCost(ctx: CliContext, dir: string, given: CostFlags, json: boolean): Promise<number> {
  const report = await costReport(dir, given);
  if (json) printJson(ctx, { estimate: true, configFile: report.configFile ?? null, ...report.estimate });
  else printData(ctx, formatEstimate(report).join('\n'));
  say(ctx, 'this is an estimate from list prices, not a quote: your bill depends on real usage');
  return EXIT_CODES.success;
}
