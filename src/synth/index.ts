// slipway synth: the CloudFormation template for a slipway.yml, or the generic template.
// The only part of slipway that imports aws-cdk-lib.
import type { SlipwayConfig } from '../config/index.js';
import { addConfigPipeline, configDescription } from './config-pipeline.js';
import { addGenericPipeline, GENERIC_DESCRIPTION } from './generic-pipeline.js';
import { createTemplateApp, synthesizeApp, type CloudFormationTemplate } from './synthesize.js';

export { renderTemplate, type TemplateFormat } from './render.js';
export { addConfigPipeline, resourcePrefix } from './config-pipeline.js';
export { addGenericPipeline } from './generic-pipeline.js';
export { cleanTemplate, createTemplateApp, synthesizeApp, type CloudFormationTemplate, type TemplateApp } from './synthesize.js';

/** The standalone template for a validated slipway.yml. */
export function synthesizeTemplate(config: SlipwayConfig): CloudFormationTemplate {
  const template = createTemplateApp(configDescription(config));
  addConfigPipeline(template.stack, config);
  return synthesizeApp(template);
}

/** The generic, parameterized template (`slipway synth --generic`). */
export function synthesizeGenericTemplate(): CloudFormationTemplate {
  const template = createTemplateApp(GENERIC_DESCRIPTION);
  addGenericPipeline(template.stack);
  return synthesizeApp(template);
}
