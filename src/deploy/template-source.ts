// Where the template to deploy comes from: a file given with --template, or slipway.yml through
// synth (the same template `slipway synth` prints).
import { readFile } from 'node:fs/promises';
import { SlipwayError } from '../errors.js';
import { readTemplate, type TemplateDocument } from './template-document.js';

/** Either a template file, or a slipway.yml to synthesize. */
export type TemplateSource = { templateFile: string } | { configFile: string; displayName?: string };

/** The template to deploy and the stack name it suggests. */
export interface TemplateForDeploy {
  template: TemplateDocument;
  /** From slipway.yml: `<name>-<env>`, the prefix of every resource name; absent for a template file. */
  defaultStackName?: string;
}

/** Reads or synthesizes the template to deploy. */
export async function templateForDeploy(source: TemplateSource): Promise<TemplateForDeploy> {
  if ('templateFile' in source) return { template: readTemplate({ file: source.templateFile, text: await readText(source.templateFile) }) };
  const { loadConfig } = await import('../config/index.js');
  const config = await loadConfig(source.configFile, source.displayName ?? source.configFile);
  // Loaded only here: synth is the one part of slipway that imports aws-cdk-lib, which takes a second.
  const synth = await import('../synth/index.js');
  // YAML, as `slipway synth` prints it, so a validation error's line points into readable text.
  const text = synth.renderTemplate(synth.synthesizeTemplate(config), 'yaml');
  return {
    template: readTemplate({ file: `template for ${source.displayName ?? source.configFile}`, text }),
    defaultStackName: synth.resourcePrefix(config),
  };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SlipwayError('TemplateNotFound', `cannot read ${file}: ${missing ? 'no such file' : (error as Error).message}`, { cause: error });
  }
}
