// The template model: a template's sections as plain data, as read and shape-checked
// ("Template anatomy" in the AWS CloudFormation User Guide), before any intrinsic function is
// evaluated. Types only: the reader fills them, the checks and the planner read them.
import type { PathKey } from '../yaml/located-document.js';
import type { Position } from './template-document.js';

/** One declared parameter, as written. */
export interface ParameterDeclaration {
  name: string;
  type: string;
  default?: unknown;
  allowedValues?: unknown[];
  allowedPattern?: string;
  constraintDescription?: string;
  description?: string;
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  noEcho: boolean;
}

/** One resource, as written (Properties still hold intrinsic functions). */
export interface ResourceDeclaration {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  dependsOn: string[];
  condition?: string;
  /** `Delete` (default), `Retain`, `RetainExceptOnCreate` or `Snapshot`; once planned, also when written as a function. */
  deletionPolicy: string;
  updateReplacePolicy: string;
  /** Policies written as intrinsic functions (AWS::LanguageExtensions), which planning resolves. */
  policyExpressions?: Partial<Record<'DeletionPolicy' | 'UpdateReplacePolicy', unknown>>;
}

/** One output, as written. */
export interface OutputDeclaration {
  name: string;
  value: unknown;
  description?: string;
  exportName?: unknown;
  condition?: string;
}

/** A template read and checked for shape; intrinsic functions are not evaluated yet. */
export interface Template {
  file: string;
  description?: string;
  transforms: string[];
  parameters: Record<string, ParameterDeclaration>;
  mappings: Record<string, Record<string, Record<string, unknown>>>;
  conditions: Record<string, unknown>;
  resources: Record<string, ResourceDeclaration>;
  outputs: Record<string, OutputDeclaration>;
  rules: Record<string, unknown>;
  /** Position of a path inside the template, for problems found later. */
  locate(path: readonly PathKey[]): Position | undefined;
  /** Position of the key at the end of a path, for problems about the key itself. */
  locateKey(path: readonly PathKey[]): Position | undefined;
  /** The value at a path as the template wrote it, for messages. */
  source(path: readonly PathKey[]): string | undefined;
}
