// Reads a template into the model of template-model.ts: a parsed template's sections as plain
// data, checked for the shape CloudFormation requires ("Template anatomy" in the AWS
// CloudFormation User Guide).
import type { Problem } from '../errors.js';
import type { PathKey } from '../yaml/located-document.js';
import { macroMessage } from './macros.js';
import { ProblemList, shown } from './problem-list.js';
import { isRecord } from './records.js';
import { parseTemplateText, type TemplateDocument } from './template-document.js';
import { setOwn } from './template-limits.js';
import type { OutputDeclaration, ParameterDeclaration, Template } from './template-model.js';
import { LOGICAL_ID, readResources } from './template-resources.js';

const SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];
const PARAMETER_ATTRIBUTES = ['Type', 'Default', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription', 'Description', 'MinLength', 'MaxLength', 'MinValue', 'MaxValue', 'NoEcho'];
/** Parameter types CloudFormation recognizes (AWS docs, Parameters section, "Type"). */
const PARAMETER_TYPE = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+|List<AWS::[A-Za-z0-9]+::[A-Za-z0-9:]+>|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>)$/;

/** The result of reading a template: the model, or every problem found. */
export type TemplateReadResult = { ok: true; template: Template } | { ok: false; problems: Problem[] };

/** Parses and shape-checks template text; every problem carries file, line and column. */
export function readTemplate(text: string, file: string): TemplateReadResult {
  const doc = parseTemplateText(text, file);
  if (doc.problems.length > 0) return { ok: false, problems: doc.problems };
  const problems = new ProblemList(doc);
  const template = modelOf(doc, problems);
  return problems.items.length > 0 ? { ok: false, problems: problems.items } : { ok: true, template };
}

function modelOf(doc: TemplateDocument, problems: ProblemList): Template {
  const root = doc.value;
  const empty: Template = {
    file: doc.file, transforms: [], parameters: {}, mappings: {}, conditions: {}, resources: {}, outputs: {}, rules: {},
    locate: doc.locate, locateKey: doc.locateKey, source: doc.source,
  };
  if (!isRecord(root)) {
    problems.add([], 'a template must be a mapping (a YAML mapping or a JSON object) with a Resources section');
    return empty;
  }
  for (const key of Object.keys(root)) {
    if (key === 'Fn::Transform') problems.add([key], macroMessage(root[key]), true);
    else if (!SECTIONS.includes(key)) problems.add([key], `Template format error: invalid template section '${key}'; expected one of ${SECTIONS.join(', ')}`, true);
  }
  const version = root.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09' && !(version instanceof Date)) {
    problems.add(['AWSTemplateFormatVersion'], `Template format error: unsupported AWSTemplateFormatVersion ${shown(problems, ['AWSTemplateFormatVersion'], version)}; the only valid value is '2010-09-09'`);
  }
  checkDescription(root.Description, problems);
  const transforms = readTransforms(root.Transform, problems);
  const model: Template = {
    ...empty,
    description: typeof root.Description === 'string' ? root.Description : undefined,
    transforms,
    parameters: readParameters(root.Parameters, problems),
    mappings: readMappings(root.Mappings, problems),
    conditions: readSection(root.Conditions, 'Conditions', problems),
    resources: readResources(root.Resources, transforms, problems),
    outputs: readOutputs(root.Outputs, problems),
    rules: readSection(root.Rules, 'Rules', problems),
  };
  checkQuotas(model, problems);
  return model;
}

/** CloudFormation quotas: 200 parameters, 200 outputs, 500 resources, 200 mappings; one namespace for parameters and resources. */
function checkQuotas(template: Template, problems: ProblemList): void {
  const counts: [string, number, number][] = [
    ['Parameters', Object.keys(template.parameters).length, 200],
    ['Outputs', Object.keys(template.outputs).length, 200],
    ['Resources', Object.keys(template.resources).length, 500],
    ['Mappings', Object.keys(template.mappings).length, 200],
  ];
  for (const [section, count, limit] of counts) {
    if (count > limit) problems.add([section], `Template format error: at most ${limit} ${section} are allowed; the template has ${count}`);
  }
  for (const name of Object.keys(template.parameters)) {
    if (Object.hasOwn(template.resources, name)) problems.add(['Resources', name], `Template format error: '${name}' is both a parameter and a resource; logical IDs must be unique in the template`);
  }
}

// The template description's quota (AWS, "CloudFormation quotas": 1,024 bytes).
function checkDescription(value: unknown, problems: ProblemList): void {
  if (value === undefined) return;
  if (typeof value !== 'string') problems.add(['Description'], `Template format error: the template Description must be a string; got ${shown(problems, ['Description'], value)}`);
  else if (Buffer.byteLength(value, 'utf8') > 1024) problems.add(['Description'], `Template format error: the template Description is ${Buffer.byteLength(value, 'utf8')} bytes; CloudFormation accepts at most 1024`);
}

/**
 * Transforms are macros that CloudFormation runs on the template before it validates the result;
 * locally only AWS::LanguageExtensions is emulated, and any other is refused before anything is
 * made, as a template CloudFormation could not process would be.
 */
function readTransforms(value: unknown, problems: ProblemList): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  list.forEach((name, index) => {
    const path = Array.isArray(value) ? ['Transform', index] : ['Transform'];
    if (typeof name !== 'string') problems.add(path, `Template format error: a Transform is the name of a macro (or a list of names); got ${shown(problems, path, name)}`);
    else if (name !== 'AWS::LanguageExtensions') {
      problems.add(path, `Transform ${name} is a macro, which is not run locally (only AWS::LanguageExtensions is emulated); expand it first, e.g. with 'sam build' or by deploying once on AWS and reading the processed template`);
    }
  });
  return list.filter((item): item is string => typeof item === 'string');
}

function readSection(value: unknown, name: string, problems: ProblemList): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.add([name], `Template format error: ${name} must be a mapping`);
    return {};
  }
  return value;
}

function readParameters(value: unknown, problems: ProblemList): Record<string, ParameterDeclaration> {
  const section = readSection(value, 'Parameters', problems);
  const result: Record<string, ParameterDeclaration> = {};
  for (const [name, raw] of Object.entries(section)) {
    const path = ['Parameters', name];
    if (!LOGICAL_ID.test(name)) {
      problems.add(path, `Template format error: parameter name '${name}' is non alphanumeric (A-Za-z0-9, at most 255 characters)`, true);
      continue;
    }
    if (!isRecord(raw)) {
      problems.add(path, `Template format error: parameter '${name}' must be a mapping with at least a Type`);
      continue;
    }
    for (const key of Object.keys(raw)) {
      if (!PARAMETER_ATTRIBUTES.includes(key)) problems.add([...path, key], `Template format error: invalid parameter property '${key}'; expected one of ${PARAMETER_ATTRIBUTES.join(', ')}`, true);
    }
    if (typeof raw.Type !== 'string') {
      problems.add(path, `Template format error: every Parameters object must contain a Type member; '${name}' has none`);
      continue;
    }
    if (!PARAMETER_TYPE.test(raw.Type)) {
      problems.add([...path, 'Type'], `Template format error: Unrecognized parameter type: ${raw.Type} (expected String, Number, List<Number>, CommaDelimitedList, an AWS-specific type such as AWS::EC2::VPC::Id, or AWS::SSM::Parameter::Value<...>)`);
    }
    setOwn(result, name, {
      name,
      type: raw.Type,
      default: readDefault(raw.Default, [...path, 'Default'], problems),
      allowedValues: readAllowedValues(raw.AllowedValues, [...path, 'AllowedValues'], problems),
      allowedPattern: textOf(raw.AllowedPattern, [...path, 'AllowedPattern'], problems),
      constraintDescription: textOf(raw.ConstraintDescription, [...path, 'ConstraintDescription'], problems),
      description: textOf(raw.Description, [...path, 'Description'], problems),
      // Lengths and bounds appear as numbers and as strings ("MinLength: '1'") in real templates.
      minLength: readNumber(raw.MinLength, [...path, 'MinLength'], problems),
      maxLength: readNumber(raw.MaxLength, [...path, 'MaxLength'], problems),
      minValue: readNumber(raw.MinValue, [...path, 'MinValue'], problems),
      maxValue: readNumber(raw.MaxValue, [...path, 'MaxValue'], problems),
      noEcho: isNoEcho(raw.NoEcho),
    });
  }
  return result;
}

/** A scalar attribute as text; a mapping or list is a problem, shown as the template wrote it. */
function textOf(value: unknown, path: PathKey[], problems: ProblemList): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  problems.add(path, `Template format error: ${String(path[path.length - 1])} must be a string; got ${shown(problems, path, value)}`);
  return undefined;
}

function readAllowedValues(value: unknown, path: PathKey[], problems: ProblemList): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every(isScalar)) {
    problems.add(path, `Template format error: AllowedValues must be a list of strings or numbers; got ${shown(problems, path, value)}`);
    return undefined;
  }
  return value;
}

/** A parameter's Default: a string or number, or a list of them for list types. */
function readDefault(value: unknown, path: PathKey[], problems: ProblemList): unknown {
  if (value === undefined || value === null || isScalar(value) || (Array.isArray(value) && value.every(isScalar))) return value;
  problems.add(path, `Template format error: a parameter Default must be a string or number (or a list of them); got ${shown(problems, path, value)}`);
  return undefined;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function readNumber(value: unknown, path: PathKey[], problems: ProblemList): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(number)) {
    problems.add(path, `expected a number, got ${shown(problems, path, value)}`);
    return undefined;
  }
  return number;
}

function readMappings(value: unknown, problems: ProblemList): Template['mappings'] {
  const section = readSection(value, 'Mappings', problems);
  const result: Template['mappings'] = {};
  for (const [name, map] of Object.entries(section)) {
    if (!isRecord(map) || !Object.values(map).every(isRecord)) {
      problems.add(['Mappings', name], `Template format error: mapping '${name}' must map top-level keys to mappings of second-level keys to values`);
      continue;
    }
    setOwn(result, name, map as Record<string, Record<string, unknown>>);
  }
  return result;
}

function readOutputs(value: unknown, problems: ProblemList): Record<string, OutputDeclaration> {
  const section = readSection(value, 'Outputs', problems);
  const result: Record<string, OutputDeclaration> = {};
  for (const [name, raw] of Object.entries(section)) {
    const path = ['Outputs', name];
    if (!LOGICAL_ID.test(name)) {
      problems.add(path, `Template format error: output name '${name}' is non alphanumeric (A-Za-z0-9, at most 255 characters)`, true);
      continue;
    }
    if (!isRecord(raw) || !Object.hasOwn(raw, 'Value')) {
      problems.add(path, `Template format error: every Outputs member must contain a Value object; '${name}' has none`);
      continue;
    }
    const exportName = isRecord(raw.Export) ? raw.Export.Name : undefined;
    if (raw.Export !== undefined && exportName === undefined) problems.add([...path, 'Export'], 'Export must be a mapping with a Name');
    setOwn(result, name, {
      name,
      value: raw.Value,
      description: typeof raw.Description === 'string' ? raw.Description : undefined,
      exportName,
      condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
    });
  }
  return result;
}

/** Whether a parameter's NoEcho value turns masking on: `true`, or the string "true" in any case (YAML and JSON templates write both). */
export function isNoEcho(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}
