// Evaluates intrinsic functions and pseudo parameters in a template value (AWS docs, "Intrinsic
// function reference" and "Pseudo parameters reference"). Pure: everything it needs from the
// outside world (resources made so far, exports of other stacks) comes through the scope.
import type { PathKey } from '../yaml/located-document.js';
import { cidrSubnets } from './cidr.js';
import { hasAttribute } from './resource-catalog.js';
import { RULE_FUNCTIONS } from './rule-functions.js';
import { intrinsicName } from './intrinsic-functions.js';
import { IntrinsicError, stringOf } from './intrinsic-error.js';
import { isRecord, ownValue } from './records.js';
import { readStackOutput, type StackOutputLookup } from './stack-output.js';
import { parseSubString } from './sub.js';
import { evaluatedSize, MAX_EVALUATED_BYTES, setOwn, tooLargeValueMessage } from './template-limits.js';

/** `Ref: AWS::NoValue`: the property or list item is removed, as if never written. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** What a resource offers to Ref and GetAtt once it exists. */
export interface ResourceValues {
  type: string;
  ref: string;
  attributes: Record<string, unknown>;
}

/** Everything an evaluation may read. */
export interface EvaluationScope {
  /** Resolved parameter values: strings, or lists for List<...> and CommaDelimitedList types. */
  parameters: Record<string, string | string[]>;
  /** Pseudo parameters by name (`AWS::Region`, ...), see pseudoParameters(). */
  pseudo: Record<string, unknown>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  /** Evaluated conditions (absent while conditions themselves are being evaluated). */
  conditions: Record<string, boolean>;
  /** Declared resources and their types; `active` is false when their Condition is false. */
  declared: Record<string, { type: string; active: boolean }>;
  /** Ref/GetAtt values of a resource, or undefined if it does not exist yet. */
  resource(logicalId: string): ResourceValues | undefined;
  /** The value of another stack's export, or undefined when no stack exports that name. */
  importValue(name: string): string | undefined;
  /** Availability zones of a region (Fn::GetAZs). */
  availabilityZones(region: string): string[];
  transforms: string[];
  /** Told of every Fn::GetAtt answered with a placeholder because the attribute is not emulated. */
  notEmulated?(use: NotEmulatedAttribute): void;
  /** Another local stack's output, for Fn::GetStackOutput; absent means no other stack can be read. */
  stackOutput?(stackName: string, outputName: string): StackOutputLookup;
  /**
   * Values the user chose for resources the engine does not emulate, keyed as the template reads
   * them: `Logical.Attribute` (Fn::GetAtt, `${Logical.Attribute}`) or `Logical` (Ref, `${Logical}`).
   */
  suppliedValues?: Readonly<Record<string, string>>;
}

/** A Fn::GetAtt of an attribute no local provider emulates, and the path of the function. */
export interface NotEmulatedAttribute {
  logicalId: string;
  type: string;
  attribute: string;
  path: readonly PathKey[];
}

/** Evaluates every intrinsic function in `value`; NO_VALUE items are dropped from the result. */
export function evaluate(value: unknown, scope: EvaluationScope, path: readonly PathKey[] = []): unknown {
  const result = evaluateValue(value, scope, path);
  // A resource's Properties or an output's Value, as a whole: bounded, whoever evaluates it.
  const whole = (path[0] === 'Resources' && path[2] === 'Properties' && path.length === 3) || (path[0] === 'Outputs' && path.length === 3);
  if (whole && evaluatedSize(result) === Infinity) throw new IntrinsicError(tooLargeValueMessage(path[0] === 'Outputs' ? `the Value of output ${String(path[1])}` : `the Properties of ${String(path[1])}`), path);
  return result;
}

function evaluateValue(value: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const name = intrinsicName(value);
  if (name) return evaluateFunction(name, (value as Record<string, unknown>)[name], scope, [...path, name]);
  if (Array.isArray(value)) {
    return value.map((item, index) => evaluate(item, scope, [...path, index])).filter((item) => item !== NO_VALUE);
  }
  if (isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const evaluated = evaluate(item, scope, [...path, key]);
      if (evaluated !== NO_VALUE) setOwn(result, key, evaluated);
    }
    return result;
  }
  return value;
}

/** Evaluates a condition expression to a boolean (Conditions section, Fn::If, Fn::And, ...). */
export function evaluateCondition(value: unknown, scope: EvaluationScope, path: readonly PathKey[]): boolean {
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value.Condition === 'string') {
    return conditionValue(value.Condition, scope, [...path, 'Condition']);
  }
  const result = evaluate(value, scope, path);
  if (typeof result === 'boolean') return result;
  if (result === 'true' || result === 'false') return result === 'true';
  throw new IntrinsicError(`Template error: a condition must evaluate to true or false; got ${JSON.stringify(result)}`, path);
}

function conditionValue(name: string, scope: EvaluationScope, path: readonly PathKey[]): boolean {
  const known = ownValue(scope.conditions, name);
  if (known === undefined) throw new IntrinsicError(`Template format error: unresolved condition dependency '${name}'`, path);
  return known;
}

type Handler = (args: unknown, scope: EvaluationScope, path: readonly PathKey[]) => unknown;

const HANDLERS: Record<string, Handler> = {
  Ref: evaluateRef,
  'Fn::GetAtt': evaluateGetAtt,
  'Fn::Sub': evaluateSub,
  'Fn::Join': evaluateJoin,
  'Fn::Select': evaluateSelect,
  'Fn::Split': evaluateSplit,
  'Fn::If': evaluateIf,
  'Fn::Equals': (args, scope, path) => {
    const [left, right] = argumentList(args, 2, 2, 'Fn::Equals', path).map((item, index) => evaluate(item, scope, [...path, index]));
    return comparable(left) === comparable(right);
  },
  'Fn::And': (args, scope, path) => conditionArgs(args, 'Fn::And', path).every((item, index) => evaluateCondition(item, scope, [...path, index])),
  'Fn::Or': (args, scope, path) => conditionArgs(args, 'Fn::Or', path).some((item, index) => evaluateCondition(item, scope, [...path, index])),
  'Fn::Not': (args, scope, path) => !evaluateCondition(argumentList(args, 1, 1, 'Fn::Not', path)[0], scope, [...path, 0]),
  'Fn::FindInMap': evaluateFindInMap,
  'Fn::ImportValue': evaluateImportValue,
  'Fn::Base64': (args, scope, path) => Buffer.from(stringOf(evaluate(args, scope, path), 'Fn::Base64', path), 'utf8').toString('base64'),
  'Fn::GetAZs': evaluateGetAZs,
  'Fn::Cidr': evaluateCidr,
  'Fn::Length': (args, scope, path) => {
    requireTransform(scope, 'Fn::Length', path);
    const list = evaluate(args, scope, path);
    if (!Array.isArray(list)) throw new IntrinsicError('Fn::Length needs a list', path);
    return list.length;
  },
  'Fn::ToJsonString': (args, scope, path) => {
    requireTransform(scope, 'Fn::ToJsonString', path);
    const value = evaluate(args, scope, path);
    if (evaluatedSize(value) === Infinity) throw new IntrinsicError(tooLargeValueMessage('the string Fn::ToJsonString makes'), path);
    return JSON.stringify(value);
  },
  ...Object.fromEntries(Object.entries(RULE_FUNCTIONS).map(([name, test]) => [name, (args: unknown, scope: EvaluationScope, path: readonly PathKey[]) => {
    const values = argumentList(args, 2, 2, name, path).map((item, index) => evaluate(item, scope, [...path, index]));
    return test(values);
  }])),
  ...Object.fromEntries(['Fn::RefAll', 'Fn::ValueOf', 'Fn::ValueOfAll'].map((name) => [name, (_args: unknown, _scope: EvaluationScope, path: readonly PathKey[]) => {
    throw new IntrinsicError(`${name} reads AWS-specific parameter values from an AWS account and is not emulated locally`, path);
  }])),
  // Evaluated as a whole first, so that `Region: !Ref AWS::NoValue` leaves Region out.
  'Fn::GetStackOutput': (args, scope, path) => readStackOutput(args, isRecord(args) ? evaluate(args, scope, path) : undefined, scope, path),
  'Fn::Transform': (_args, _scope, path) => {
    throw new IntrinsicError('Fn::Transform (macros) is not emulated locally; expand the macro before running the template here', path);
  },
};

function evaluateFunction(name: string, args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const handler = ownValue(HANDLERS, name);
  if (!handler) throw new IntrinsicError(`Template format error: Encountered unsupported function: ${name}`, path);
  return handler(args, scope, path);
}

function evaluateRef(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  if (typeof args !== 'string') throw new IntrinsicError('Template format error: the value of a Ref must be a parameter or resource name (a string)', path);
  if (args === 'AWS::NoValue') return NO_VALUE;
  if (Object.hasOwn(scope.parameters, args)) return scope.parameters[args];
  if (args.startsWith('AWS::')) {
    if (!Object.hasOwn(scope.pseudo, args)) throw new IntrinsicError(`Template format error: Unresolved resource dependencies [${args}] in the Resources block of the template (no such pseudo parameter)`, path);
    return scope.pseudo[args];
  }
  const values = resourceValues(args, scope, path);
  return suppliedValue(scope, values.type, args) ?? values.ref;
}

// A value the user supplied stands for what a resource the engine does not emulate would give.
function suppliedValue(scope: EvaluationScope, type: string, key: string): string | undefined {
  return isEmulated(type) ? undefined : ownValue(scope.suppliedValues, key);
}

/** Types whose Ref and attributes a local provider produces (the catalog of return values). */
function isEmulated(type: string): boolean {
  return hasAttribute(type, '') !== undefined;
}

function resourceValues(logicalId: string, scope: EvaluationScope, path: readonly PathKey[]): ResourceValues {
  const declared = ownValue(scope.declared, logicalId);
  if (!declared || !declared.active) {
    throw new IntrinsicError(`Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template${declared ? ` ('${logicalId}' is not created because its Condition is false)` : ''}`, path);
  }
  const values = scope.resource(logicalId);
  if (!values) throw new IntrinsicError(`resource '${logicalId}' does not exist yet (a dependency is missing from the graph)`, path);
  return values;
}

function evaluateGetAtt(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const list = typeof args === 'string' ? splitDotted(args) : args;
  if (!Array.isArray(list) || list.length !== 2 || typeof list[0] !== 'string') {
    throw new IntrinsicError('Template error: Fn::GetAtt needs [LogicalName, AttributeName] (or "LogicalName.AttributeName")', path);
  }
  const attribute = evaluate(list[1], scope, [...path, 1]);
  if (typeof attribute !== 'string') throw new IntrinsicError('Template error: the attribute name of Fn::GetAtt must be a string', [...path, 1]);
  return getAttribute(list[0], attribute, scope, path);
}

function getAttribute(logicalId: string, attribute: string, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const values = resourceValues(logicalId, scope, path);
  if (hasAttribute(values.type, attribute) === false) {
    throw new IntrinsicError(`Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`, path);
  }
  const supplied = suppliedValue(scope, values.type, `${logicalId}.${attribute}`);
  if (supplied !== undefined) return supplied;
  if (Object.hasOwn(values.attributes, attribute)) return values.attributes[attribute];
  // Custom resources, registry extensions and AWS types without a provider: the attribute exists
  // on AWS (its value comes from the resource's handler), but not here.
  if (isEmulated(values.type)) throw new IntrinsicError(`Template error: resource ${logicalId} has no attribute ${attribute}`, path);
  scope.notEmulated?.({ logicalId, type: values.type, attribute, path });
  return notEmulatedPlaceholder(values.type, logicalId, attribute);
}

/** The string a not-emulated attribute evaluates to, so that the stack can still be made. */
export function notEmulatedPlaceholder(type: string, logicalId: string, attribute: string): string {
  return `<not emulated: ${type} ${logicalId}.${attribute}>`;
}

function splitDotted(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function evaluateSub(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string {
  const [text, variables] = typeof args === 'string' ? [args, {}] : Array.isArray(args) ? [args[0], args[1] ?? {}] : [undefined, undefined];
  if (typeof text !== 'string' || !isRecord(variables) || (Array.isArray(args) && args.length !== 2)) {
    throw new IntrinsicError('Template error: Fn::Sub needs a string, or a list of [string, {variable map}]', path);
  }
  const values: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(variables)) setOwn(values, key, evaluate(expression, scope, [...path, 1, key]));
  const parts = parseSubString(text).map((part) => ('literal' in part ? part.literal : subVariable(part.variable, values, scope, path)));
  return boundedJoin(parts, '', 'the string Fn::Sub makes', path);
}

function subVariable(name: string, values: Record<string, unknown>, scope: EvaluationScope, path: readonly PathKey[]): string {
  let value: unknown;
  if (Object.hasOwn(values, name)) value = values[name];
  else if (Object.hasOwn(scope.parameters, name) || name.startsWith('AWS::') || Object.hasOwn(scope.declared, name)) value = evaluateRef(name, scope, path);
  else if (name.includes('.') && Object.hasOwn(scope.declared, splitDotted(name)[0]!)) {
    const [logicalId, attribute] = splitDotted(name) as [string, string];
    value = getAttribute(logicalId, attribute, scope, path);
  } else {
    throw new IntrinsicError(`Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template (Fn::Sub variable '\${${name}}' names no parameter, resource or variable)`, path);
  }
  return stringOf(value, `the Fn::Sub variable \${${name}}`, path);
}

function evaluateJoin(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string {
  const [delimiter, items] = argumentList(args, 2, 2, 'Fn::Join', path);
  if (typeof delimiter !== 'string') throw new IntrinsicError('Template error: the Fn::Join delimiter must be a string', [...path, 0]);
  const list = evaluate(items, scope, [...path, 1]);
  if (!Array.isArray(list)) throw new IntrinsicError('Template error: Fn::Join needs a list of values to join', [...path, 1]);
  const strings = list.map((item, index) => stringOf(item, 'every Fn::Join item', [...path, 1, index]));
  return boundedJoin(strings, delimiter, 'the string Fn::Join makes', path);
}

function evaluateSelect(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const [indexExpression, items] = argumentList(args, 2, 2, 'Fn::Select', path);
  const index = Number(evaluate(indexExpression, scope, [...path, 0]));
  const list = evaluate(items, scope, [...path, 1]);
  if (!Array.isArray(list)) throw new IntrinsicError('Template error: Fn::Select needs a list to select from', [...path, 1]);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw new IntrinsicError(`Template error: Fn::Select cannot select nonexistent value at index ${String(index)} (the list has ${list.length} items)`, path);
  }
  return list[index];
}

function evaluateSplit(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string[] {
  const [delimiter, source] = argumentList(args, 2, 2, 'Fn::Split', path);
  if (typeof delimiter !== 'string' || delimiter === '') throw new IntrinsicError('Template error: the Fn::Split delimiter must be a non-empty string', [...path, 0]);
  return stringOf(evaluate(source, scope, [...path, 1]), 'the Fn::Split source', path).split(delimiter);
}

function evaluateIf(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const [condition, whenTrue, whenFalse] = argumentList(args, 3, 3, 'Fn::If', path);
  if (typeof condition !== 'string') throw new IntrinsicError('Template error: the first argument of Fn::If must be a condition name', [...path, 0]);
  return conditionValue(condition, scope, [...path, 0]) ? evaluate(whenTrue, scope, [...path, 1]) : evaluate(whenFalse, scope, [...path, 2]);
}

function evaluateFindInMap(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): unknown {
  const list = argumentList(args, 3, 4, 'Fn::FindInMap', path);
  const [mapName, topKey, secondKey] = list.slice(0, 3).map((item, index) => stringOf(evaluate(item, scope, [...path, index]), 'every Fn::FindInMap key', [...path, index]));
  const fallback = list[3];
  if (fallback !== undefined) requireTransform(scope, 'Fn::FindInMap with a DefaultValue', path);
  const map = ownValue(scope.mappings, mapName!);
  if (!map) throw new IntrinsicError(`Template error: Unable to get mapping for ${mapName}::${topKey}::${secondKey} (no mapping named '${mapName}')`, path);
  const top = ownValue(map, topKey!);
  const value = top && ownValue(top, secondKey!);
  if (value !== undefined) return value;
  if (isRecord(fallback) && 'DefaultValue' in fallback) return evaluate(fallback.DefaultValue, scope, [...path, 3, 'DefaultValue']);
  throw new IntrinsicError(`Template error: Unable to get mapping for ${mapName}::${topKey}::${secondKey}`, path);
}

function evaluateImportValue(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string {
  const name = stringOf(evaluate(args, scope, path), 'the Fn::ImportValue export name', path);
  const value = scope.importValue(name);
  if (value === undefined) throw new IntrinsicError(`No export named ${name} found. Create the stack that exports it first (slipway stack create).`, path);
  return value;
}

function evaluateGetAZs(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string[] {
  const region = args === null || args === undefined ? '' : stringOf(evaluate(args, scope, path), 'the Fn::GetAZs region', path);
  // An empty string means the stack's own region (AWS docs, Fn::GetAZs).
  return scope.availabilityZones(region === '' ? String(scope.pseudo['AWS::Region']) : region);
}

function evaluateCidr(args: unknown, scope: EvaluationScope, path: readonly PathKey[]): string[] {
  const [block, count, bits] = argumentList(args, 3, 3, 'Fn::Cidr', path).map((item, index) => evaluate(item, scope, [...path, index]));
  try {
    return cidrSubnets(stringOf(block, 'the Fn::Cidr ipBlock', path), Number(count), Number(bits));
  } catch (error) {
    throw new IntrinsicError(`Template error: Fn::Cidr: ${(error as Error).message}`, path);
  }
}

function argumentList(args: unknown, min: number, max: number, name: string, path: readonly PathKey[]): unknown[] {
  if (!Array.isArray(args) || args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw new IntrinsicError(`Template error: ${name} needs a list of ${expected} arguments; got ${JSON.stringify(args)}`, path);
  }
  return args;
}

function conditionArgs(args: unknown, name: string, path: readonly PathKey[]): unknown[] {
  // Fn::And and Fn::Or take from 2 to 10 conditions (AWS docs, condition functions).
  return argumentList(args, 2, 10, name, path);
}

function requireTransform(scope: EvaluationScope, what: string, path: readonly PathKey[]): void {
  if (!scope.transforms.includes('AWS::LanguageExtensions')) {
    throw new IntrinsicError(`Template format error: ${what} needs 'Transform: AWS::LanguageExtensions'`, path);
  }
}

function comparable(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

// Joins strings unless the result would pass MAX_EVALUATED_BYTES (past about 512 MB, V8 itself
// would throw, after gigabytes of memory).
function boundedJoin(items: string[], delimiter: string, what: string, path: readonly PathKey[]): string {
  const size = items.reduce((total, item) => total + item.length + delimiter.length, 0);
  if (size > MAX_EVALUATED_BYTES) throw new IntrinsicError(tooLargeValueMessage(what), path);
  return items.join(delimiter);
}
