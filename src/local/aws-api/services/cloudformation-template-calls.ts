// GetTemplate (a stack's template, or a change set's) and ValidateTemplate (its parameters,
// description and the capabilities it needs, or "Template format error: ..." for a template
// CloudFormation would not read).
import { readTemplate } from '../../../cloudformation/index.js';
import { SlipwayError, type Problem } from '../../../errors.js';
import { unrecognizedTypeProblems } from '../../stack/resource-declaration-checks.js';
import type { OperationHandler } from '../handler.js';
import { requiredCapabilities } from './cloudformation-inputs.js';
import { CFN_INVALID } from './cloudformation-stacks.js';
import { templateOf } from './cloudformation-templates.js';
import { OperationInput } from './operation-input.js';

const STAGES = ['Original', 'Processed'];

/** The template operations, by name. */
export const templateHandlers: Record<string, OperationHandler> = {
  GetTemplate: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const stage = reader.optionalString('TemplateStage');
    if (stage !== undefined && !STAGES.includes(stage)) throw reader.invalid('TemplateStage', stage, `Member must satisfy enum value set: [${STAGES.join(', ')}]`);
    const changeSetName = reader.optionalString('ChangeSetName');
    const stackName = reader.optionalString('StackName');
    if (changeSetName !== undefined) {
      if (!changeSetName.startsWith('arn:') && stackName === undefined) throw reader.fail('StackName must be specified if ChangeSetName is not specified as an ARN.');
      return { TemplateBody: ctx.account.changeSets.describe(changeSetName, stackName).templateBody, StagesAvailable: STAGES };
    }
    if (stackName === undefined) throw reader.fail('Either StackName or ChangeSetName must be specified.');
    // Templates have no transforms locally, so the processed template is the original.
    return { TemplateBody: ctx.account.stacks.requireStack(stackName).templateBody, StagesAvailable: STAGES };
  },
  ValidateTemplate: (input, ctx) => {
    const reader = new OperationInput(input, CFN_INVALID);
    const { templateBody, templateFile } = templateOf(reader, ctx, true)!;
    const read = readTemplate(templateBody, templateFile ?? 'template');
    if (!read.ok) throw formatError(read.problems);
    const unrecognized = unrecognizedTypeProblems(read.template);
    if (unrecognized.length > 0) throw formatError(unrecognized);
    const { capabilities, reason } = requiredCapabilities(templateBody);
    return {
      Parameters: Object.values(read.template.parameters).map((parameter) => ({
        ParameterKey: parameter.name, ...(parameter.default !== undefined ? { DefaultValue: Array.isArray(parameter.default) ? parameter.default.join(',') : String(parameter.default) } : {}),
        NoEcho: parameter.noEcho, ...(parameter.description ? { Description: parameter.description } : {}),
      })),
      ...(read.template.description ? { Description: read.template.description } : {}),
      ...(capabilities.length > 0 ? { Capabilities: capabilities } : {}), ...(reason ? { CapabilitiesReason: reason } : {}),
      DeclaredTransforms: read.template.transforms,
    };
  },
};

/** CloudFormation's answer to a template it cannot read: "Template format error: ..." (with its line and column), every problem attached. */
function formatError(problems: Problem[]): SlipwayError {
  const first = problems[0]!;
  const text = first.message.startsWith('Template format error:') ? first.message : `Template format error: ${first.message}`;
  const where = first.line === undefined ? '' : ` (line ${first.line}${first.column === undefined ? '' : `, column ${first.column}`})`;
  return new SlipwayError(CFN_INVALID, `${text}${where}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { problems });
}
