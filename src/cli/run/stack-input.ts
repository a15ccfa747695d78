// Which stack a `slipway stack` verb acts on, and with which template: --template FILE (the stack
// named after the file unless --stack-name says otherwise), else the template synthesized from
// slipway.yml as `<name>-<env>` (the name `slipway deploy` uses on AWS); update falls back to the
// stack's current template. The command says which name it chose when no flag named it.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE } from '../../config/file-name.js';
import { parse as parseYaml } from 'yaml';
import { SlipwayError } from '../../errors.js';
import { keyValuePairs } from '../flags.js';
import type { CliContext } from '../context.js';
import { say } from '../output.js';

/** The stack a verb acts on and the template it reads (none: delete, or update keeping the current one). */
export interface ChosenStack {
  stackName: string;
  templateBody?: string;
  templateFile?: string;
}

interface ChoosingOptions {
  template?: string;
  stackName?: string;
}

/** The stack name a template file gives: its base name without extension, in CloudFormation's characters. */
function nameFromFile(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json|template)$/i, '').replace(/[^-a-zA-Z0-9]/g, '-');
}

function readTemplateFile(path: string, given: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlipwayError('TemplateNotFound', `cannot read the template ${given}: ${(error as Error).message}`, { hint: 'check the --template path' });
  }
}

/**
 * The stack slipway.yml names (`<name>-<env>`) and, when `withTemplate`, the template synthesized
 * from it; undefined when there is no slipway.yml here.
 */
async function fromConfig(ctx: CliContext, withTemplate: boolean): Promise<ChosenStack | undefined> {
  const configFile = resolve(ctx.cwd, CONFIG_FILE);
  if (!existsSync(configFile)) return undefined;
  const { loadConfig } = await import('../../config/index.js');
  const config = await loadConfig(configFile, CONFIG_FILE);
  // synth's resourcePrefix(config), spelled out so that delete never loads aws-cdk-lib.
  const stackName = `${config.name}-${config.env}`;
  if (!withTemplate) return { stackName };
  // Loaded here: only this path needs aws-cdk-lib, and loading it takes a second.
  const synth = await import('../../synth/index.js');
  return { stackName, templateBody: synth.renderTemplate(synth.synthesizeTemplate(config), 'json'), templateFile: `${configFile} (synthesized)` };
}

/**
 * The values given for attributes of resources slipway does not emulate: `configured` (slipway.yml's
 * local.resourceAttributes, for `up`), then --resource-attributes FILE (a JSON or YAML mapping),
 * then --resource-attribute flags, each over the one before; undefined when none gives any and no
 * file is named (an update then keeps the stack's earlier values).
 */
export function suppliedAttributes(
  ctx: CliContext, options: { resourceAttribute?: string[]; resourceAttributes?: string }, configured: Record<string, string> = {},
): Record<string, string> | undefined {
  const merged = { ...configured, ...attributesFile(ctx, options.resourceAttributes), ...keyValuePairs(options.resourceAttribute ?? [], '--resource-attribute') };
  // A file given, even an empty one, says what the values are; otherwise nothing was said.
  return Object.keys(merged).length > 0 || options.resourceAttributes !== undefined ? merged : undefined;
}

/** The mapping of a --resource-attributes FILE; empty when the flag is not given. */
function attributesFile(ctx: CliContext, file: string | undefined): Record<string, string> {
  if (file === undefined) return {};
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(resolve(ctx.cwd, file), 'utf8'));
  } catch (error) {
    throw new SlipwayError('ResourceAttributesUnreadable', `cannot read --resource-attributes ${file}: ${(error as Error).message}`, { hint: 'give a JSON or YAML mapping, e.g. {"Lookup.Value": "abc"}' });
  }
  const entries = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : undefined;
  if (!entries || entries.some(([, value]) => typeof value === 'object' && value !== null)) {
    throw new SlipwayError('ResourceAttributesInvalid', `--resource-attributes ${file}: expected a mapping of "Logical.Attribute" to a value, found ${JSON.stringify(parsed)?.slice(0, 80)}`, { hint: 'e.g. {"Lookup.Value": "abc"}' });
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/** Chooses the stack and template for `verb`, saying which name was chosen when no flag gave it. */
export async function chooseStack(ctx: CliContext, options: ChoosingOptions, verb: 'create' | 'update' | 'delete'): Promise<ChosenStack> {
  if (options.template !== undefined) {
    const templateFile = resolve(ctx.cwd, options.template);
    const templateBody = verb === 'delete' ? undefined : readTemplateFile(templateFile, options.template);
    const stackName = options.stackName ?? nameFromFile(options.template);
    if (options.stackName === undefined) say(ctx, `stack name: ${stackName} (from the template file's name; --stack-name chooses another)`);
    return { stackName, templateBody, templateFile };
  }
  const configured = verb === 'delete' && options.stackName !== undefined ? undefined : await fromConfig(ctx, verb !== 'delete');
  if (configured) {
    if (options.stackName === undefined) say(ctx, `stack name: ${configured.stackName} (<name>-<env> from ${CONFIG_FILE}, as slipway deploy names it)`);
    return { ...configured, stackName: options.stackName ?? configured.stackName };
  }
  if (options.stackName !== undefined && verb !== 'create') return { stackName: options.stackName };
  throw new SlipwayError('MissingTemplate', verb === 'create' ? 'no template to create a stack from' : 'a stack name is needed', {
    hint: `give --template FILE${verb === 'create' ? '' : ' or --stack-name NAME'}, or run where ${CONFIG_FILE} is`,
  });
}
