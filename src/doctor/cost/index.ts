// `slipway doctor --cost`: synthesize the stack slipway.yml describes (slipway's defaults when
// there is none), read what costs money from the template, and price a month of it. Needs no
// AWS credentials and no Docker: nothing is asked of any service.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE, loadConfig, parseConfig, type SlipwayConfig } from '../../config/index.js';
import { costInputs, type CostInputs } from './cost-inputs.js';
import { estimateCost, type CostEstimate } from './estimate.js';
import { stackFacts } from './stack-facts.js';

export { COST_INPUTS, type CostInputs } from './cost-inputs.js';
export { formatEstimate } from './format-estimate.js';
export type { CostEstimate } from './estimate.js';

/** The estimate, and whether it is for this repository's slipway.yml or for slipway's defaults. */
export interface CostReport {
  estimate: CostEstimate;
  /** The config file estimated, or undefined when there is none and the defaults were. */
  configFile?: string;
}

/** A slipway.yml with nothing but what is required: every other key takes its default. */
const DEFAULT_CONFIG = 'name: app\nsource:\n  owner: owner\n  repository: app\n';

/** Estimates the monthly bill of the repository's stack; `given` are the inputs as typed on the command line. */
export async function costReport(dir: string, given: Partial<Record<keyof CostInputs, string>>): Promise<CostReport> {
  const path = join(dir, CONFIG_FILE);
  const exists = await access(path).then(() => true, () => false);
  const config: SlipwayConfig = exists ? await loadConfig(path, CONFIG_FILE) : parseConfig(DEFAULT_CONFIG, 'slipway defaults');
  // Loaded here, not at the top: only synthesis needs aws-cdk-lib, and loading it takes a second.
  const { synthesizeTemplate } = await import('../../synth/index.js');
  const facts = stackFacts(synthesizeTemplate(config));
  return { estimate: estimateCost(facts, costInputs(given, facts.keepLastTagged)), configFile: exists ? CONFIG_FILE : undefined };
}
