// The acknowledgement a CloudFormation action's Capabilities must give (CreateStack and UpdateStack
// "Capabilities"; CodePipeline's CloudFormation action: "This property is required if you have
// IAM resources in your stack template"): CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM
// when one of them has a custom name, CAPABILITY_AUTO_EXPAND for a stack made directly from a
// template with macros (Transform; "This capability does not apply to creating change sets"). The
// local engine needs none of them; checking them here keeps a pipeline that runs
// locally from failing on AWS with InsufficientCapabilitiesException.
import { readTemplate } from '../../cloudformation/index.js';

/** The properties that give an IAM resource a custom name. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName', 'AWS::IAM::User': 'UserName', 'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName', 'AWS::IAM::InstanceProfile': 'InstanceProfileName',
};

/** The configured Capabilities: "a comma (no space) between capabilities", spaces tolerated. */
export function capabilitiesOf(value: unknown): string[] {
  return value === undefined ? [] : String(value).split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** The capabilities the template needs but `given` lacks (none when the template cannot be read: the engine reports that). */
export function missingCapabilities(templateBody: string, file: string, given: string[], forChangeSet: boolean): string[] {
  const read = readTemplate(templateBody, file);
  if (!read.ok) return [];
  const iam = Object.values(read.template.resources).filter((resource) => resource.type.startsWith('AWS::IAM::'));
  const named = iam.some((resource) => NAME_PROPERTIES[resource.type] !== undefined && resource.properties[NAME_PROPERTIES[resource.type]!] !== undefined);
  const missing: string[] = [];
  if (named && !given.includes('CAPABILITY_NAMED_IAM')) missing.push('CAPABILITY_NAMED_IAM');
  else if (iam.length > 0 && !given.includes('CAPABILITY_IAM') && !given.includes('CAPABILITY_NAMED_IAM')) missing.push('CAPABILITY_IAM');
  if (!forChangeSet && read.template.transforms.length > 0 && !given.includes('CAPABILITY_AUTO_EXPAND')) missing.push('CAPABILITY_AUTO_EXPAND');
  return missing;
}
