// Where the template to deploy comes from: a file given with --template, or slipway.yml through
// synth. The synth module is loaded only when needed, so `--template` works on its own.
import { readFile } from 'node:fs/promises';
import { SlipwayError } from '../errors.js';
import { readTemplate, type TemplateDocument } from './template-document.js';

/** Either a template file, or a slipway.yml to synthesize. */
export type TemplateSource = { templateFile: string } | { configFile: string };

/** The template to deploy and the stack name it suggests. */
export interface TemplateForDeploy {
  template: TemplateDocument;
  /** From slipway.yml: `<name>-<env>`; absent for a template file. */
  defaultStackName?: string;
}

/** Reads or synthesizes the template to deploy. */
export async function templateForDeploy(source: TemplateSource): Promise<TemplateForDeploy> {
  if ('templateFile' in source) return { template: readTemplate({ file: source.templateFile, text: await readText(source.templateFile) }) };
  const { loadConfig } = await import('../config/index.js');
  const config = await loadConfig(source.configFile);
  const synthesize = await findSynthesizer();
  const synthesized = await synthesize(config);
  const object = (synthesized as { template?: unknown }).template ?? synthesized;
  const text = typeof object === 'string' ? object : JSON.stringify(object, null, 1);
  return { template: readTemplate({ file: `${source.configFile} (synthesized)`, text }), defaultStackName: `${config.name}-${config.env}` };
}

type Synthesizer = (config: unknown) => unknown;

// Names the synth module may export its config → template function under.
const SYNTH_EXPORTS = ['synthesizeTemplate', 'synthTemplate', 'synthesize', 'synth', 'templateFor', 'buildTemplate'];

async function findSynthesizer(): Promise<Synthesizer> {
  let module: Record<string, unknown>;
  try {
    module = (await import(['..', 'synth', 'index.js'].join('/'))) as Record<string, unknown>;
  } catch (error) {
    throw unavailable(error);
  }
  const name = SYNTH_EXPORTS.find((candidate) => typeof module[candidate] === 'function');
  if (!name) throw unavailable(undefined);
  return module[name] as Synthesizer;
}

function unavailable(cause: unknown): SlipwayError {
  return new SlipwayError('SYNTH_UNAVAILABLE', 'this build of slipway cannot synthesize slipway.yml yet', {
    kind: 'invalid-input',
    hint: 'pass the template with --template FILE (and --parameter NAME=VALUE for its parameters)',
    cause,
  });
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SlipwayError('TEMPLATE_NOT_FOUND', `cannot read ${file}: ${missing ? 'no such file' : (error as Error).message}`, { cause: error });
  }
}
