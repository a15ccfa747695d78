// The template slipway is about to deploy, read once: its text (sent to CloudFormation as is) and
// its parsed form (for the checks slipway makes before deploying). Parsed by the same reader as
// the local engine (src/cloudformation), so both accept and refuse the same templates: every
// short-form tag, duplicate keys refused, `!GetAtt A.B` split, YAML aliases refused.
import { isRecord, parseTemplateText } from '../cloudformation/index.js';
import { SlipwayError } from '../errors.js';
import type { TemplateText } from './template-location.js';

/** A resource as the checks see it. */
export interface TemplateResource {
  Type?: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: unknown;
}

/** A template's text and parsed content. */
export interface TemplateDocument extends TemplateText {
  parameters: Record<string, { Default?: unknown; NoEcho?: unknown }>;
  resources: Record<string, TemplateResource>;
  transform: unknown;
}

/** Parses a template's text; a template that is not a JSON or YAML mapping is invalid input, with every problem located. */
export function readTemplate(template: TemplateText): TemplateDocument {
  const parsed = parseTemplateText(template.text, template.file);
  if (parsed.problems.length > 0) {
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    throw new SlipwayError('TemplateInvalid', `${template.file} is not a valid CloudFormation template: ${parsed.problems[0]!.message}${more}`, {
      problems: parsed.problems,
      hint: 'nothing was deployed; fix the template and run again',
    });
  }
  if (!isRecord(parsed.value)) {
    throw new SlipwayError('TemplateInvalid', `${template.file} is not a CloudFormation template: expected a mapping with Resources`, {
      problems: [{ file: template.file, line: 1, column: 1, message: 'expected a mapping' }],
    });
  }
  const document = parsed.value;
  return {
    ...template,
    parameters: (document.Parameters ?? {}) as TemplateDocument['parameters'],
    resources: (document.Resources ?? {}) as TemplateDocument['resources'],
    transform: document.Transform,
  };
}
