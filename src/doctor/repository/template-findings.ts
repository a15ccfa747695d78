// What the synthesized template would cost or do badly, worded exactly as `slipway deploy`'s
// checks word it (src/deploy/template-checks.ts), located at the slipway.yml key that causes it.
import { CONFIG_FILE, type SlipwayConfig } from '../../config/index.js';
import { templateWarnings, type TemplateWarning } from '../../deploy/template-checks.js';
import type { TemplateResource } from '../../deploy/template-document.js';
import { SlipwayError } from '../../errors.js';
import type { LocatedDocument } from '../../yaml/located-document.js';
import type { Finding } from '../finding.js';
import { configPosition } from './config-findings.js';

// The slipway.yml key behind each warning, and what to write there instead.
const CAUSES: Record<TemplateWarning['code'], { path: string[]; fix: string }> = {
  KMS_KEY: { path: ['artifacts', 'encryption'], fix: 'leave out artifacts.encryption (S3_MANAGED: no monthly charge) unless a customer managed key is required' },
  POLLING_SOURCE: { path: ['source', 'trigger'], fix: 'set source.trigger: webhook' },
  PIPELINE_V1: { path: ['pipeline'], fix: 'use a V2 pipeline (PipelineType: V2)' },
};

/** Synthesizes the template for the config and reports its warnings. */
export async function templateFindings(config: SlipwayConfig, located: LocatedDocument | undefined): Promise<Finding[]> {
  // Loaded here: only the template checks need aws-cdk-lib, and loading it takes a second.
  const { synthesizeTemplate } = await import('../../synth/index.js');
  let resources: Record<string, TemplateResource>;
  try {
    resources = synthesizeTemplate(config).Resources as Record<string, TemplateResource>;
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    return [{ check: 'repository.template', severity: 'error', file: CONFIG_FILE, message: `the template cannot be made: ${error.message}`, fix: error.hint ?? `correct ${CONFIG_FILE}` }];
  }
  return warningFindings(resources, located);
}

/** The template checks' warnings for these resources, at the slipway.yml key behind each. */
export function warningFindings(resources: Record<string, TemplateResource>, located: LocatedDocument | undefined): Finding[] {
  const warnings = templateWarnings({ file: 'template', text: '', parameters: {}, resources, transform: undefined });
  if (warnings.length === 0) return [{ check: 'repository.template', severity: 'info', message: 'the template has nothing synth or deploy would warn about (V2 pipeline, no polling, no KMS key)' }];
  return warnings.map((warning) => {
    const cause = CAUSES[warning.code];
    return {
      check: 'repository.template',
      severity: 'warning',
      file: CONFIG_FILE,
      path: cause.path.join('.'),
      ...configPosition(located, cause.path, true),
      message: warning.message,
      fix: cause.fix,
    };
  });
}
