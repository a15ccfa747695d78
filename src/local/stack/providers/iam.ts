// AWS::IAM::Role, AWS::IAM::Policy and AWS::IAM::ManagedPolicy: recorded with their documents
// (nothing enforces IAM locally) and returning AWS's names and ARNs.
import { isRecord } from '../../../cloudformation/index.js';
import { arnOf, randomSuffix } from './naming.js';
import { PropertyChecks, policyDocumentProblems } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** IAM names: up to 64 (roles) or 128 (policies) characters of `[\w+=,.@-]` (IAM quotas). */
const IAM_NAME = /^[\w+=,.@-]+$/;
/** A path starts and ends with `/` (IAM, "IAM identifiers"). */
const IAM_PATH = /^\/(?:[\x21-\x7e]*\/)?$/;

/** AWS::IAM::Role: Ref is the role name; RoleName and Path changes replace it. */
export const roleProvider: ResourceProvider = recordedProvider({
  type: 'AWS::IAM::Role',
  properties: RESOURCE_PROPERTY_NAMES['AWS::IAM::Role'],
  nameProperty: 'RoleName',
  maxNameLength: 64,
  replaceOn: ['RoleName', 'Path'],
  validate(properties) {
    const checks = new PropertyChecks(properties).required('AssumeRolePolicyDocument').pattern('RoleName', IAM_NAME, 1, 64).pattern('Path', IAM_PATH, 1, 512)
      .list('ManagedPolicyArns').list('Policies').integer('MaxSessionDuration', 3600, 43200);
    if (properties.AssumeRolePolicyDocument !== undefined) checks.problems.push(...policyDocumentProblems(properties.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument', { trust: true }));
    checks.problems.push(...inlinePolicyProblems(properties.Policies));
    return checks.problems;
  },
  identity(ctx, name, properties, previous) {
    const path = String(properties.Path ?? '/');
    return {
      physicalId: name,
      ref: name,
      attributes: { Arn: arnOf(ctx, 'iam', `role${path}${name}`, { region: '' }), RoleId: previous?.attributes.RoleId ?? `AROA${randomSuffix(17)}` },
    };
  },
});

function inlinePolicyProblems(policies: unknown): string[] {
  if (!Array.isArray(policies)) return [];
  return policies.flatMap((policy, index) => {
    if (!isRecord(policy) || typeof policy.PolicyName !== 'string') return [`#/Policies/${index}: required key [PolicyName] not found`];
    return policyDocumentProblems(policy.PolicyDocument, `Policies/${index}/PolicyDocument`);
  });
}

/** AWS::IAM::Policy: an inline policy attached to roles, users or groups. */
export const policyProvider: ResourceProvider = recordedProvider({
  type: 'AWS::IAM::Policy',
  properties: RESOURCE_PROPERTY_NAMES['AWS::IAM::Policy'],
  maxNameLength: 128,
  replaceOn: [],
  validate(properties) {
    const checks = new PropertyChecks(properties).required('PolicyName', 'PolicyDocument').pattern('PolicyName', IAM_NAME, 1, 128);
    const attached = ['Roles', 'Users', 'Groups'].some((key) => Array.isArray(properties[key]) && (properties[key] as unknown[]).length > 0);
    checks.when(!attached, '#: at least one of Roles, Users or Groups must be given (an IAM::Policy must be attached to something)');
    if (properties.PolicyDocument !== undefined) checks.problems.push(...policyDocumentProblems(properties.PolicyDocument, 'PolicyDocument'));
    return checks.problems;
  },
  identity(_ctx, name) {
    return { physicalId: name, ref: name, attributes: { Id: name } };
  },
});

/** AWS::IAM::ManagedPolicy: Ref is the policy ARN. */
export const managedPolicyProvider: ResourceProvider = recordedProvider({
  type: 'AWS::IAM::ManagedPolicy',
  properties: RESOURCE_PROPERTY_NAMES['AWS::IAM::ManagedPolicy'],
  nameProperty: 'ManagedPolicyName',
  maxNameLength: 128,
  replaceOn: ['ManagedPolicyName', 'Path', 'Description'],
  validate(properties) {
    const checks = new PropertyChecks(properties).required('PolicyDocument').pattern('ManagedPolicyName', IAM_NAME, 1, 128).pattern('Path', IAM_PATH, 1, 512);
    if (properties.PolicyDocument !== undefined) checks.problems.push(...policyDocumentProblems(properties.PolicyDocument, 'PolicyDocument'));
    return checks.problems;
  },
  identity(ctx, name, properties, previous) {
    const arn = arnOf(ctx, 'iam', `policy${String(properties.Path ?? '/')}${name}`, { region: '' });
    const now = new Date().toISOString();
    const version = previous ? Number(String(previous.attributes.DefaultVersionId ?? 'v1').slice(1)) + 1 : 1;
    return {
      physicalId: arn,
      ref: arn,
      attributes: {
        PolicyArn: arn, PolicyId: previous?.attributes.PolicyId ?? `ANPA${randomSuffix(17)}`, AttachmentCount: attachments(properties),
        CreateDate: previous?.attributes.CreateDate ?? now, UpdateDate: now, DefaultVersionId: `v${version}`, IsAttachable: 'true',
      },
    };
  },
});

function attachments(properties: Record<string, unknown>): number {
  return ['Roles', 'Users', 'Groups'].reduce((sum, key) => sum + (Array.isArray(properties[key]) ? (properties[key] as unknown[]).length : 0), 0);
}
