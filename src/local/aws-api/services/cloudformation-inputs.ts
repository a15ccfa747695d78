// What CreateStack, UpdateStack and CreateChangeSet take besides the template: Parameters (with
// UsePreviousValue, and on an update the template's Default for what is not given, as
// CloudFormation does; "Parameters: [X] must have values" otherwise) and Capabilities, which
// must acknowledge the IAM resources a template makes (InsufficientCapabilitiesException).
import { readTemplate } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import type { StackRecord } from '../../stack/index.js';
import type { OperationInput } from './operation-input.js';

/** IAM resource types that need CAPABILITY_IAM, and the property that names each (naming one needs CAPABILITY_NAMED_IAM). */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::AccessKey': undefined, 'AWS::IAM::Group': 'GroupName', 'AWS::IAM::InstanceProfile': 'InstanceProfileName', 'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined, 'AWS::IAM::Role': 'RoleName', 'AWS::IAM::User': 'UserName', 'AWS::IAM::UserToGroupAddition': undefined,
  'AWS::IAM::RolePolicy': undefined, 'AWS::IAM::UserPolicy': undefined, 'AWS::IAM::GroupPolicy': undefined,
};

/** The capabilities a template needs and why (ValidateTemplate's Capabilities and CapabilitiesReason). */
export function requiredCapabilities(templateBody: string): { capabilities: string[]; reason?: string } {
  const read = readTemplate(templateBody, 'template');
  if (!read.ok) return { capabilities: [] };
  const iam = Object.values(read.template.resources).filter((resource) => Object.hasOwn(IAM_TYPES, resource.type));
  const named = iam.filter((resource) => IAM_TYPES[resource.type] !== undefined && resource.properties[IAM_TYPES[resource.type]!] !== undefined);
  const capabilities = named.length > 0 ? ['CAPABILITY_NAMED_IAM'] : iam.length > 0 ? ['CAPABILITY_IAM'] : [];
  if (read.template.transforms.length > 0) capabilities.push('CAPABILITY_AUTO_EXPAND');
  const types = [...new Set((named.length > 0 ? named : iam).map((resource) => resource.type))];
  return { capabilities, ...(types.length > 0 ? { reason: `The following resource(s) require capabilities: [${types.join(', ')}]` } : {}) };
}

/** Refuses a template whose IAM resources (or macros, with `transforms`) the caller did not acknowledge. */
export function checkCapabilities(reader: OperationInput, templateBody: string, options: { transforms: boolean }): void {
  const given = reader.optionalStrings('Capabilities') ?? [];
  const missing = requiredCapabilities(templateBody).capabilities.filter((capability) => {
    if (capability === 'CAPABILITY_AUTO_EXPAND') return options.transforms && !given.includes(capability);
    return !given.includes(capability) && !(capability === 'CAPABILITY_IAM' && given.includes('CAPABILITY_NAMED_IAM'));
  });
  if (missing.length > 0) throw new SlipwayError('InsufficientCapabilitiesException', `Requires capabilities : [${missing.join(', ')}]`);
}

/** The Parameters member as values; on an update (`previous` given) every declared parameter gets its value, its previous one, or its Default. */
export function parametersOf(reader: OperationInput, templateBody: string, previous?: StackRecord): Record<string, string> {
  const given: Record<string, string> = {};
  for (const entry of (reader.optionalList('Parameters') ?? []) as { ParameterKey?: string; ParameterValue?: string; UsePreviousValue?: boolean }[]) {
    const key = entry.ParameterKey ?? '';
    if (entry.UsePreviousValue) {
      if (entry.ParameterValue !== undefined) throw reader.fail(`Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true and non empty value for a parameter`);
      if (previous === undefined || !Object.hasOwn(previous.parameters, key)) throw reader.fail(`Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
      given[key] = previous.parameters[key]!;
    } else {
      given[key] = entry.ParameterValue ?? '';
    }
  }
  if (previous === undefined) return given;
  const read = readTemplate(templateBody, 'template');
  if (!read.ok) return given;
  const missing: string[] = [];
  for (const declaration of Object.values(read.template.parameters)) {
    if (Object.hasOwn(given, declaration.name)) continue;
    if (declaration.default === undefined) missing.push(declaration.name);
    else given[declaration.name] = Array.isArray(declaration.default) ? declaration.default.join(',') : String(declaration.default);
  }
  if (missing.length > 0) throw reader.fail(`Parameters: [${missing.join(', ')}] must have values`);
  return given;
}
