// Parameter values: given, previous or default, checked against the declared constraints
// (AWS docs, "Parameters" section: Type, AllowedValues, AllowedPattern, Min/MaxLength,
// Min/MaxValue, ConstraintDescription, NoEcho).
import type { Problem } from '../errors.js';
import { matchPattern } from './allowed-pattern.js';
import { ProblemList } from './problem-list.js';
import { ownValue } from './records.js';
import type { ParameterDeclaration, Template } from './template-model.js';

/** What the caller supplies for the parameters. */
export interface ParameterInput {
  /** Values given on this create or update. */
  given: Record<string, string>;
  /** Values of the last successful deployment, used when a parameter is not given on update. */
  previous?: Record<string, string>;
  /** Reads an SSM parameter for `AWS::SSM::Parameter::Value<...>` types. */
  readSsmParameter(name: string): string | undefined;
}

/** Resolved parameters: what Ref returns, and the raw strings to remember for the next update. */
export interface ResolvedParameters {
  values: Record<string, string | string[]>;
  /** The values as given or defaulted (for SSM types: the parameter name, not its value). */
  raw: Record<string, string>;
  noEcho: string[];
}

export type ParameterResult = { ok: true; parameters: ResolvedParameters } | { ok: false; problems: Problem[] };

const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<(.+)>$/;

/** Resolves and checks every parameter, reporting all problems at once. */
export function resolveParameters(template: Template, input: ParameterInput): ParameterResult {
  const problems = new ProblemList(template);
  const declared = template.parameters;
  const unknown = Object.keys(input.given).filter((name) => !Object.hasOwn(declared, name));
  if (unknown.length > 0) problems.add(['Parameters'], `Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const missing: string[] = [];
  const result: ResolvedParameters = { values: {}, raw: {}, noEcho: [] };
  for (const declaration of Object.values(declared)) {
    const raw = ownValue(input.given, declaration.name) ?? ownValue(input.previous, declaration.name) ?? defaultOf(declaration);
    if (raw === undefined) {
      missing.push(declaration.name);
      continue;
    }
    // CloudFormation's quota for a parameter value: 4,096 bytes.
    if (Buffer.byteLength(raw, 'utf8') > 4096) problems.add(['Parameters', declaration.name], `Parameter '${declaration.name}' has a value of ${Buffer.byteLength(raw, 'utf8')} bytes; CloudFormation accepts at most 4096`);
    result.raw[declaration.name] = raw;
    if (declaration.noEcho) result.noEcho.push(declaration.name);
    const value = typedValue(declaration, raw, input, problems);
    if (value !== undefined) result.values[declaration.name] = value;
  }
  if (missing.length > 0) {
    const where = ownValue(template.parameters, missing[0]!) ? ['Parameters', missing[0]!] : ['Parameters'];
    problems.add(where, `Parameters: [${missing.join(', ')}] must have values (give them with --parameter NAME=VALUE or declare a Default)`);
  }
  return problems.items.length > 0 ? { ok: false, problems: problems.items } : { ok: true, parameters: result };
}

function defaultOf(declaration: ParameterDeclaration): string | undefined {
  const value = declaration.default;
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

function typedValue(declaration: ParameterDeclaration, raw: string, input: ParameterInput, problems: ProblemList): string | string[] | undefined {
  const path = ['Parameters', declaration.name];
  const ssmType = SSM_VALUE_TYPE.exec(declaration.type);
  if (ssmType) {
    const stored = input.readSsmParameter(raw);
    if (stored === undefined) {
      problems.add(path, `Parameters: [${declaration.name}] cannot be resolved: SSM parameter '${raw}' does not exist locally (create it with an AWS::SSM::Parameter resource in another local stack)`);
      return undefined;
    }
    return ssmType[1]!.startsWith('List<') || ssmType[1] === 'CommaDelimitedList' ? stored.split(',') : stored;
  }
  const isList = declaration.type === 'CommaDelimitedList' || declaration.type.startsWith('List<');
  const items = isList ? raw.split(',') : [raw];
  const numeric = declaration.type === 'Number' || declaration.type === 'List<Number>';
  for (const item of items) checkValue(declaration, item, numeric, problems);
  return isList ? items : raw;
}

function checkValue(declaration: ParameterDeclaration, value: string, numeric: boolean, problems: ProblemList): void {
  const path = ['Parameters', declaration.name];
  const fail = (rule: string) => problems.add(path, `Parameter '${declaration.name}' ${declaration.constraintDescription ? `failed to satisfy constraint: ${declaration.constraintDescription}` : rule} (got '${declaration.noEcho ? '****' : value}')`);
  if (numeric && (value.trim() === '' || Number.isNaN(Number(value)))) fail('must be a number');
  if (declaration.allowedValues && !declaration.allowedValues.map(String).includes(value)) {
    fail(`must be one of AllowedValues [${declaration.allowedValues.map(String).join(', ')}]`);
  }
  if (declaration.allowedPattern !== undefined) {
    // The whole value must match, as Java's Pattern.matches() requires.
    const result = matchPattern(declaration.allowedPattern, value, 'whole');
    if (!result.ok) problems.add([...path, 'AllowedPattern'], `Template format error: the AllowedPattern of parameter '${declaration.name}' cannot be evaluated: ${result.reason}`);
    else if (!result.matches) fail(`failed to satisfy constraint: Parameter must match pattern ${declaration.allowedPattern}`);
  }
  if (declaration.minLength !== undefined && value.length < declaration.minLength) fail(`must contain at least ${declaration.minLength} characters`);
  if (declaration.maxLength !== undefined && value.length > declaration.maxLength) fail(`cannot be longer than ${declaration.maxLength} characters`);
  if (declaration.minValue !== undefined && Number(value) < declaration.minValue) fail(`must be a number not less than ${declaration.minValue}`);
  if (declaration.maxValue !== undefined && Number(value) > declaration.maxValue) fail(`must be a number not greater than ${declaration.maxValue}`);
}
