// A template as text: YAML (the default, what people read and paste) or JSON.
import { stringify } from 'yaml';
import type { CloudFormationTemplate } from './synthesize.js';

/** The two formats `slipway synth` writes. */
export type TemplateFormat = 'yaml' | 'json';

/** Renders a template in long-form intrinsics (`Fn::Sub`, `Ref`), which both formats share. */
export function renderTemplate(template: CloudFormationTemplate, format: TemplateFormat): string {
  if (format === 'json') return `${JSON.stringify(template, null, 2)}\n`;
  // lineWidth 0: never fold long strings, so an inline buildspec stays as written.
  // YAML 1.1 quoting: strings such as 2012-10-17, yes or on stay strings for YAML 1.1 readers
  // (PyYAML in the AWS CLI and cfn-lint) as well as for CloudFormation.
  return stringify(template, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
