// The bodies of `slipway stack create|update|delete|describe`, loaded only when one runs: the
// local CloudFormation engine (src/local/stack). Events go to stderr as they happen, the result
// to stdout.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import { openRegistryControl, readRecordedRegistryEndpoint, type RegistryControl } from '../../local/registry/index.js';
import {
  StackEngine, registryRepositoryControl, DEFAULT_REGISTRY_ENDPOINT,
  type StackEvent, type StackOperationResult, type StackDescription,
} from '../../local/stack/index.js';
import { homeOf, type CliContext, type GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';

/** The flags every `slipway stack` verb takes. */
export interface StackOptions extends GlobalOptions {
  template?: string;
  stackName?: string;
  parameter: string[];
  json?: boolean;
  accountId: string;
  region: string;
  /** Default: the endpoint recorded by this home's `slipway registry`, else DEFAULT_REGISTRY_ENDPOINT. */
  registryEndpoint?: string;
  webhookEndpoint: string;
}

async function withEngine(ctx: CliContext, options: StackOptions, body: (engine: StackEngine) => Promise<number>): Promise<number> {
  const home = homeOf(ctx, options);
  let registry: RegistryControl | undefined;
  const engine = new StackEngine({
    home,
    accountId: options.accountId,
    region: options.region,
    registryEndpoint: options.registryEndpoint ?? readRecordedRegistryEndpoint(join(home, 'registry')) ?? DEFAULT_REGISTRY_ENDPOINT,
    webhookEndpoint: options.webhookEndpoint,
    // Control plane only: works while `slipway registry` serves the same folder.
    repositories: registryRepositoryControl(() => (registry = openRegistryControl({ dataDir: join(home, 'registry'), accountId: options.accountId, region: options.region }))),
    // Events go to stderr in every mode, so stdout keeps only the result (one JSON document with --json).
    reporter: { emit: (event) => say(ctx, formatEvent(event.event)) },
  });
  try {
    return await body(engine);
  } finally {
    engine.close();
    registry?.close();
  }
}

async function createOrUpdate(ctx: CliContext, engine: StackEngine, options: StackOptions, verb: 'create' | 'update'): Promise<number> {
  const templateFile = options.template === undefined ? undefined : resolve(ctx.cwd, options.template);
  const templateBody = templateFile === undefined ? undefined : readTemplateFile(templateFile, options.template!);
  const stackName = stackNameOf(options);
  const input = { stackName, templateBody, templateFile, parameters: keyValuePairs(options.parameter, '--parameter') };
  const result = verb === 'create' ? await engine.create(input) : await engine.update(input);
  printResult(ctx, options, result);
  const succeeded = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'NO_CHANGES'].includes(result.status);
  return succeeded ? EXIT_CODES.success : EXIT_CODES.failed;
}

async function deleteStack(ctx: CliContext, engine: StackEngine, options: StackOptions): Promise<number> {
  const stackName = stackNameOf(options);
  const result = await engine.delete(stackName);
  if (!result) {
    say(ctx, `no local stack named ${stackName}; nothing to delete`);
    if (options.json) printJson(ctx, { StackName: stackName, StackStatus: 'DELETE_COMPLETE' });
    return EXIT_CODES.success;
  }
  // A deleted stack has no outputs left to show (DescribeStacks of a deleted stack lists none).
  printResult(ctx, options, result.status === 'DELETE_COMPLETE' ? { ...result, outputs: [] } : result);
  return result.status === 'DELETE_COMPLETE' ? EXIT_CODES.success : EXIT_CODES.failed;
}

async function describe(ctx: CliContext, engine: StackEngine, options: StackOptions): Promise<number> {
  const names = options.stackName || options.template ? [stackNameOf(options)] : engine.listStacks().map((stack) => stack.stackName);
  const descriptions = names.map((name) => engine.describe(name));
  if (options.json) printJson(ctx, options.stackName || options.template ? descriptions[0] : { Stacks: descriptions });
  else for (const description of descriptions) printData(ctx, formatDescription(description));
  if (descriptions.length === 0 && !options.json) say(ctx, 'no local stacks');
  return Promise.resolve(EXIT_CODES.success);
}

function stackNameOf(options: StackOptions): string {
  if (options.stackName) return options.stackName;
  if (options.template) return options.template.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json|template)$/i, '').replace(/[^-a-zA-Z0-9]/g, '-');
  throw new SlipwayError('MissingStackName', 'a stack name is needed', { hint: 'give --stack-name NAME (or --template FILE to name the stack after the file)' });
}

function readTemplateFile(path: string, given: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('TemplateNotFound', `cannot read the template ${given}: ${(error as Error).message}`, { hint: 'check the --template path' });
  }
}

function formatEvent(event: StackEvent): string {
  const reason = event.ResourceStatusReason ? `  ${event.ResourceStatusReason}` : '';
  return `${event.Timestamp.slice(11, 19)}  ${event.ResourceStatus.padEnd(36)} ${event.ResourceType.padEnd(38)} ${event.LogicalResourceId}${reason}`;
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
    printJson(ctx, { StackId: result.stackId, StackName: result.stackName, StackStatus: result.status, StackStatusReason: result.reason, Outputs: result.outputs, NotEmulated: result.notEmulated });
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
  const bodies: Record<StackVerb, (engine: StackEngine) => Promise<number>> = {
    create: (engine) => createOrUpdate(ctx, engine, options, 'create'),
    update: (engine) => createOrUpdate(ctx, engine, options, 'update'),
    delete: (engine) => deleteStack(ctx, engine, options),
    describe: (engine) => describe(ctx, engine, options),
  };
  return withEngine(ctx, options, bodies[verb]);
}

export type StackVerb = 'create' | 'update' | 'delete' | 'describe';
