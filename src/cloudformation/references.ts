// Static checks of a template's intrinsic functions, before anything is evaluated or created:
// unknown functions, Ref/GetAtt/Sub naming nothing, GetAtt of an attribute the type lacks, and
// unknown condition names (CloudFormation reports these as "Template format error" at validation).
import type { PathKey } from '../yaml/located-document.js';
import { collectDependencies } from './dependencies.js';
import { intrinsicName, isConditionFunction } from './intrinsic-functions.js';
import { macroMessage } from './macros.js';
import type { ProblemList } from './problem-list.js';
import { isRecord, ownValue } from './records.js';
import { hasAttribute, RESOURCE_TYPES } from './resource-catalog.js';
import { subVariables } from './sub.js';
import type { Template } from './template-model.js';

const KNOWN_FUNCTIONS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::If', 'Fn::Equals', 'Fn::And',
  'Fn::Or', 'Fn::Not', 'Fn::FindInMap', 'Fn::ImportValue', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::GetStackOutput']);

type Section = 'Resources' | 'Conditions' | 'Outputs';

/** Reports every reference in the template that names nothing, with its location. */
export function checkReferences(template: Template, problems: ProblemList): void {
  for (const [name, expression] of Object.entries(template.conditions)) {
    walk(expression, ['Conditions', name], 'Conditions', template, problems);
  }
  for (const resource of Object.values(template.resources)) {
    const path = ['Resources', resource.logicalId];
    walk(resource.properties, [...path, 'Properties'], 'Resources', template, problems);
    if (resource.condition !== undefined && !Object.hasOwn(template.conditions, resource.condition)) {
      problems.add([...path, 'Condition'], `Template format error: Unresolved dependencies [${resource.condition}]. Cannot reference resources in the Conditions block of the template (no condition named '${resource.condition}')`);
    }
    resource.dependsOn.forEach((target, index) => {
      if (!Object.hasOwn(template.resources, target)) problems.add([...path, 'DependsOn', index], `Template format error: Unresolved resource dependencies [${target}] in the Resources block of the template (DependsOn)`);
    });
  }
  for (const output of Object.values(template.outputs)) {
    walk(output.value, ['Outputs', output.name, 'Value'], 'Outputs', template, problems);
    if (output.exportName !== undefined) walk(output.exportName, ['Outputs', output.name, 'Export', 'Name'], 'Outputs', template, problems);
    if (output.condition !== undefined && !Object.hasOwn(template.conditions, output.condition)) {
      problems.add(['Outputs', output.name, 'Condition'], `Template format error: no condition named '${output.condition}'`);
    }
  }
}

function walk(value: unknown, path: PathKey[], section: Section, template: Template, problems: ProblemList): void {
  const name = intrinsicName(value);
  if (name) {
    checkFunction(name, (value as Record<string, unknown>)[name], [...path, name], section, template, problems);
    return;
  }
  if (section === 'Conditions' && isRecord(value) && Object.keys(value).length === 1 && 'Condition' in value) {
    checkConditionName(value.Condition, [...path, 'Condition'], template, problems);
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index], section, template, problems));
  else if (isRecord(value)) {
    // `Fn::Transform` beside other keys (AWS::Include into a mapping) is a macro too.
    if (Object.hasOwn(value, 'Fn::Transform')) problems.add([...path, 'Fn::Transform'], macroMessage(value['Fn::Transform']), true);
    for (const [key, item] of Object.entries(value)) if (key !== 'Fn::Transform') walk(item, [...path, key], section, template, problems);
  }
}

function checkFunction(name: string, args: unknown, path: PathKey[], section: Section, template: Template, problems: ProblemList): void {
  if (!KNOWN_FUNCTIONS.has(name)) {
    problems.add(path, `Template format error: Encountered unsupported function: ${name}`);
    return;
  }
  if (section === 'Conditions' && !isConditionFunction(name)) {
    problems.add(path, `Template format error: ${name} cannot be used in the Conditions section (only Fn::And, Fn::Equals, Fn::If, Fn::Not, Fn::Or, Fn::FindInMap, Ref and Condition)`);
    return;
  }
  if (name === 'Fn::Transform') {
    // A macro rewrites the template before CloudFormation validates it; locally no macro runs, so
    // the template is refused before anything is made rather than half created.
    problems.add(path, macroMessage(args));
  } else if (name === 'Ref') checkRef(args, path, section, template, problems);
  else if (name === 'Fn::GetAtt') checkGetAtt(args, path, template, problems);
  else if (name === 'Fn::Sub') checkSub(args, path, section, template, problems);
  else if (name === 'Fn::If') {
    if (Array.isArray(args)) {
      checkConditionName(args[0], [...path, 0], template, problems);
      args.slice(1).forEach((item, index) => walk(item, [...path, index + 1], section, template, problems));
    }
  } else if (name === 'Fn::ImportValue' && referencesResource(args, template)) {
    problems.add(path, 'Template error: the value of Fn::ImportValue cannot depend on a resource (Ref, Fn::GetAtt or a resource in Fn::Sub); use parameters, pseudo parameters or literals');
  } else if (name === 'Fn::FindInMap' && Array.isArray(args) && typeof args[0] === 'string' && !Object.hasOwn(template.mappings, args[0])) {
    problems.add([...path, 0], `Template format error: Fn::FindInMap names mapping '${args[0]}', which the Mappings section does not declare`);
  } else {
    walk(args, path, section, template, problems);
  }
  if (['Fn::And', 'Fn::Or', 'Fn::Not'].includes(name) && Array.isArray(args)) {
    args.forEach((item, index) => {
      if (isRecord(item) && 'Condition' in item && Object.keys(item).length === 1) checkConditionName(item.Condition, [...path, index, 'Condition'], template, problems);
    });
  }
}

function checkRef(target: unknown, path: PathKey[], section: Section, template: Template, problems: ProblemList): void {
  if (typeof target !== 'string') {
    if (intrinsicName(target)) problems.add(path, 'Template format error: the value of a Ref must be a literal name, not a function');
    else problems.add(path, 'Template format error: the value of a Ref must be a parameter or resource name');
    return;
  }
  if (target.startsWith('AWS::') || Object.hasOwn(template.parameters, target)) return;
  if (Object.hasOwn(template.resources, target)) {
    if (section === 'Conditions') problems.add(path, `Template format error: Unresolved dependencies [${target}]. Cannot reference resources in the Conditions block of the template`);
    return;
  }
  problems.add(path, `Template format error: Unresolved resource dependencies [${target}] in the ${section} block of the template`);
}

function checkGetAtt(args: unknown, path: PathKey[], template: Template, problems: ProblemList): void {
  const list = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args;
  if (!Array.isArray(list) || list.length !== 2 || typeof list[0] !== 'string') {
    problems.add(path, 'Template error: Fn::GetAtt needs [LogicalName, AttributeName]');
    return;
  }
  const resource = ownValue(template.resources, list[0]);
  if (!resource) {
    problems.add(path, `Template format error: Unresolved resource dependencies [${list[0]}] in the Resources block of the template (Fn::GetAtt)`);
    return;
  }
  if (typeof list[1] === 'string' && hasAttribute(resource.type, list[1]) === false) {
    problems.add(path, `Template error: resource ${list[0]} does not support attribute type ${list[1]} in Fn::GetAtt (${resource.type} offers ${attributesOf(resource.type)})`);
  } else if (typeof list[1] !== 'string') {
    walk(list[1], [...path, 1], 'Resources', template, problems);
  }
}

function checkSub(args: unknown, path: PathKey[], section: Section, template: Template, problems: ProblemList): void {
  const text = typeof args === 'string' ? args : Array.isArray(args) ? args[0] : undefined;
  const variables = Array.isArray(args) && isRecord(args[1]) ? args[1] : {};
  if (typeof text !== 'string') {
    problems.add(path, 'Template error: Fn::Sub needs a string, or [string, {variable map}]');
    return;
  }
  if (Array.isArray(args)) walk(variables, [...path, 1], section, template, problems);
  for (const variable of subVariables(text)) {
    if (Object.hasOwn(variables, variable) || variable.startsWith('AWS::') || Object.hasOwn(template.parameters, variable) || Object.hasOwn(template.resources, variable)) continue;
    const [logicalId = '', attribute = ''] = [variable.slice(0, variable.indexOf('.')), variable.slice(variable.indexOf('.') + 1)];
    const resource = variable.includes('.') && Object.hasOwn(template.resources, logicalId) ? template.resources[logicalId] : undefined;
    if (!resource) {
      problems.add(path, `Template format error: Unresolved resource dependencies [${variable}] in the ${section} block of the template (Fn::Sub variable \${${variable}})`);
    } else if (hasAttribute(resource.type, attribute) === false) {
      problems.add(path, `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::Sub (${resource.type} offers ${attributesOf(resource.type)})`);
    }
  }
}

function checkConditionName(name: unknown, path: PathKey[], template: Template, problems: ProblemList): void {
  if (typeof name !== 'string' || !Object.hasOwn(template.conditions, name)) {
    problems.add(path, `Template format error: unresolved condition dependency ${JSON.stringify(name)} (no such condition in the Conditions section)`);
  }
}

function referencesResource(value: unknown, template: Template): boolean {
  const found = new Set<string>();
  collectDependencies(value, template, 'all', found);
  return found.size > 0;
}

function attributesOf(type: string): string {
  const attributes = (Object.hasOwn(RESOURCE_TYPES, type) ? RESOURCE_TYPES[type]?.attributes : undefined) ?? [];
  return attributes.length > 0 ? attributes.join(', ') : 'no attributes';
}
