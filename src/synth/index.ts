// slipway synth: the CloudFormation template for a slipway.yml, or the generic template.
// The only part of slipway that imports aws-cdk-lib.
import type { SlipwayConfig } from '../config/index.js';
import { addConfigPipeline, configDescription } from './config-pipeline.js';
import { addGenericPipeline, GENERIC_DESCRIPTION } from './generic-pipeline.js';
import { synthesizeWith, type CloudFormationTemplate } from './synthesize.js';

export { renderTemplate, type TemplateFormat } from './render.js';
export { addConfigPipeline, resourcePrefix } from './config-pipeline.js';
export { addGenericPipeline } from './generic-pipeline.js';
export { cleanTemplate, createTemplateApp, disposeApp, synthesizeApp, synthesizeWith, type CloudFormationTemplate, type TemplateApp } from './synthesize.js';

/** The standalone template for a validated slipway.yml. */
export function synthesizeTemplate(config: SlipwayConfig): CloudFormationTemplate {
  return synthesizeWith(configDescription(config), (stack) => addConfigPipeline(stack, config));
}

/** The generic, parameterized template (`slipway synth --generic`). */
export function synthesizeGenericTemplate(): CloudFormationTemplate {
  return synthesizeWith(GENERIC_DESCRIPTION, (stack) => addGenericPipeline(stack));
}
