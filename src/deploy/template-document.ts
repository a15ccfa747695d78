// The template slipway is about to deploy, read once: its text (sent to CloudFormation as is) and
// its parsed form (for the checks slipway makes before deploying). CloudFormation accepts JSON and
// YAML with short-form tags (!Ref, !Sub, ...); the checks only need the tags' presence, not their meaning.
import { parse as parseYaml, type Tags } from 'yaml';
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

// A custom tag for each intrinsic function's short form, so `!Ref X` parses as `{ "Ref": "X" }`.
const INTRINSICS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or'];
const CUSTOM_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
    tag: `!${name}`,
    collection: nodeClass === 'scalar' ? undefined : nodeClass,
    resolve: (value: unknown) => ({ [key]: value }),
  })) as Tags;
});

/** Parses a template's text; a template that is not a JSON or YAML mapping is invalid input. */
export function readTemplate(template: TemplateText): TemplateDocument {
  let value: unknown;
  try {
    value = parseYaml(template.text, { customTags: CUSTOM_TAGS, uniqueKeys: false });
  } catch (error) {
    const position = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    throw new SlipwayError('TEMPLATE_INVALID', `${template.file} is not valid JSON or YAML`, {
      problems: [{ file: template.file, ...(position ? { line: position.line, column: position.col } : {}), message: (error as Error).message.split('\n')[0] ?? '' }],
      cause: error,
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SlipwayError('TEMPLATE_INVALID', `${template.file} is not a CloudFormation template: expected a mapping with Resources`, {
      problems: [{ file: template.file, line: 1, column: 1, message: 'expected a mapping' }],
    });
  }
  const document = value as Record<string, unknown>;
  return {
    ...template,
    parameters: (document.Parameters ?? {}) as TemplateDocument['parameters'],
    resources: (document.Resources ?? {}) as TemplateDocument['resources'],
    transform: document.Transform,
  };
}
