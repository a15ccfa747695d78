// The Resources section: each resource's Type and its attributes (DependsOn, Condition,
// DeletionPolicy, UpdateReplacePolicy, ...), as the AWS CloudFormation User Guide's "Resources
// template section syntax" and "Resource attribute reference" describe them.
import type { PathKey } from '../yaml/located-document.js';
import { intrinsicName } from './intrinsic-functions.js';
import { macroMessage } from './macros.js';
import { shown, type ProblemList } from './problem-list.js';
import { isRecord } from './records.js';
import type { ResourceDeclaration } from './template-model.js';

/** Logical IDs are alphanumeric (A-Za-z0-9) and unique in the template (AWS, Resources section). */
export const LOGICAL_ID = /^[A-Za-z0-9]{1,255}$/;

/**
 * The keys CloudFormation accepts on a resource. `Description` is not in the resource attribute
 * reference, but CloudFormation accepts it and ignores it (AWS CodeStar templates carry one on
 * every resource, and they deploy), where cfn-lint reports E3001. `Version` is the custom
 * resources' old attribute; cfn-lint accepts it on custom resources only.
 */
const RESOURCE_KEYS = ['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy', 'Version', 'Description'];
/** DeletionPolicy and UpdateReplacePolicy values (AWS docs, DeletionPolicy attribute). */
export const DELETION_POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
const POLICIES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

/** Reads the Resources section; every problem is added to `problems`. */
export function readResources(value: unknown, transforms: string[], problems: ProblemList): Record<string, ResourceDeclaration> {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.add(value === undefined ? [] : ['Resources'], 'Template format error: At least one Resources member must be defined.');
    return {};
  }
  const result: Record<string, ResourceDeclaration> = {};
  for (const [logicalId, raw] of Object.entries(value)) {
    const resource = readResource(logicalId, raw, transforms, problems);
    if (resource) Object.defineProperty(result, logicalId, { value: resource, enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function readResource(logicalId: string, raw: unknown, transforms: string[], problems: ProblemList): ResourceDeclaration | undefined {
  const path = ['Resources', logicalId];
  if (logicalId === 'Fn::Transform') {
    problems.add(path, macroMessage(raw), true);
    return undefined;
  }
  if (!LOGICAL_ID.test(logicalId)) {
    problems.add(path, `Template format error: resource name '${logicalId}' is non alphanumeric (logical IDs are A-Za-z0-9, at most 255 characters)`, true);
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.add(path, `Template format error: resource '${logicalId}' must be a mapping with a Type`);
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!RESOURCE_KEYS.includes(key)) problems.add([...path, key], `Invalid template resource property '${key}'`, true);
  }
  if (typeof raw.Type !== 'string' || raw.Type === '') {
    problems.add(path, `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member`);
    return undefined;
  }
  if (raw.Properties !== undefined && raw.Properties !== null && !isRecord(raw.Properties)) {
    problems.add([...path, 'Properties'], `Properties must be a mapping; got ${shown(problems, [...path, 'Properties'], raw.Properties)}`);
  }
  const dependsOn = raw.DependsOn === undefined ? [] : Array.isArray(raw.DependsOn) ? raw.DependsOn : [raw.DependsOn];
  if (!dependsOn.every((item) => typeof item === 'string')) problems.add([...path, 'DependsOn'], `DependsOn must be a resource name or a list of resource names; got ${shown(problems, [...path, 'DependsOn'], raw.DependsOn)}`);
  if (raw.Condition !== undefined && typeof raw.Condition !== 'string') problems.add([...path, 'Condition'], `a resource Condition must be the name of a condition; got ${shown(problems, [...path, 'Condition'], raw.Condition)}`);
  const policies = readPolicies(raw, path, transforms, problems);
  return {
    logicalId,
    type: raw.Type,
    properties: isRecord(raw.Properties) ? raw.Properties : {},
    dependsOn: dependsOn.filter((item) => typeof item === 'string'),
    condition: typeof raw.Condition === 'string' ? raw.Condition : undefined,
    deletionPolicy: policies.DeletionPolicy ?? 'Delete',
    updateReplacePolicy: policies.UpdateReplacePolicy ?? 'Delete',
    ...(Object.keys(policies.expressions).length > 0 ? { policyExpressions: policies.expressions } : {}),
  };
}

type PolicyName = (typeof POLICIES)[number];

/**
 * The two policies: a literal name, or, with `Transform: AWS::LanguageExtensions`, an intrinsic
 * function (Ref to a parameter, Fn::If, Fn::FindInMap, ...) that planning resolves ("Intrinsic
 * functions in DeletionPolicy and UpdateReplacePolicy" in the AWS::LanguageExtensions transform).
 */
function readPolicies(raw: Record<string, unknown>, path: PathKey[], transforms: string[], problems: ProblemList) {
  const result: Partial<Record<PolicyName, string>> & { expressions: Partial<Record<PolicyName, unknown>> } = { expressions: {} };
  for (const policy of POLICIES) {
    const value = raw[policy];
    if (value === undefined) continue;
    if (typeof value === 'string' && DELETION_POLICIES.includes(value)) result[policy] = value;
    else if (intrinsicName(value) !== undefined && transforms.includes('AWS::LanguageExtensions')) result.expressions[policy] = value;
    else {
      const needsTransform = intrinsicName(value) !== undefined ? " (an intrinsic function here needs 'Transform: AWS::LanguageExtensions')" : '';
      problems.add([...path, policy], `${policy} must be one of ${DELETION_POLICIES.join(', ')}; got ${shown(problems, [...path, policy], value)}${needsTransform}`);
    }
  }
  return result;
}
