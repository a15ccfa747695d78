// Checks slipway makes on a template before it asks CloudFormation for a change set: what will
// cost money or work badly (warnings), which capabilities to acknowledge, and whether the
// parameters given fit the template. Pure functions over the parsed template. (Its size is
// template-delivery.ts's concern.)
import { isNoEcho } from '../cloudformation/index.js';
import { SlipwayError, type Problem } from '../errors.js';
import { findName } from './template-location.js';
import type { TemplateDocument } from './template-document.js';
import type { Parameter } from '@aws-sdk/client-cloudformation';

/** A finding worth telling the user before deploying. */
export interface TemplateWarning {
  code: 'KMS_KEY' | 'PIPELINE_V1' | 'POLLING_SOURCE';
  logicalId: string;
  message: string;
}

// Source providers whose PollForSourceChanges defaults to true when the property is absent
// (CodePipeline action structure reference: CodeCommit, S3, GitHub version 1).
const POLLING_BY_DEFAULT = new Set(['CodeCommit', 'S3', 'GitHub']);

/** Warnings for a KMS key (billed monthly), a V1 pipeline and a source that polls for changes. */
export function templateWarnings(template: TemplateDocument): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  for (const [logicalId, resource] of Object.entries(template.resources)) {
    if (resource.Type === 'AWS::KMS::Key') {
      warnings.push({ code: 'KMS_KEY', logicalId, message: `${logicalId} creates a customer managed KMS key, billed monthly even when unused` });
    }
    if (resource.Type !== 'AWS::CodePipeline::Pipeline') continue;
    if (resource.Properties?.PipelineType !== 'V2') {
      warnings.push({ code: 'PIPELINE_V1', logicalId, message: `${logicalId} is a V1 pipeline (no PipelineType V2): no triggers, no QUEUED or PARALLEL execution modes` });
    }
    for (const action of sourceActions(resource.Properties)) {
      const provider = action.ActionTypeId?.Provider;
      const poll = action.Configuration?.PollForSourceChanges;
      const polls = poll === undefined ? POLLING_BY_DEFAULT.has(String(provider)) : poll === true || poll === 'true';
      if (polls) {
        warnings.push({
          code: 'POLLING_SOURCE',
          logicalId,
          message: `${logicalId}: source action ${action.Name ?? '?'} (${String(provider)}) polls for changes; a webhook, EventBridge rule or connection starts the pipeline sooner`,
        });
      }
    }
  }
  return warnings;
}

interface SourceAction {
  Name?: string;
  ActionTypeId?: { Category?: string; Provider?: unknown };
  Configuration?: Record<string, unknown>;
}

function sourceActions(properties: Record<string, unknown> | undefined): SourceAction[] {
  const stages = Array.isArray(properties?.Stages) ? (properties.Stages as { Actions?: SourceAction[] }[]) : [];
  return stages.flatMap((stage) => (Array.isArray(stage.Actions) ? stage.Actions : [])).filter((action) => action.ActionTypeId?.Category === 'Source');
}

/**
 * Capabilities to acknowledge: CAPABILITY_NAMED_IAM when the template has IAM resources (AWS
 * accepts it for unnamed ones too, and requires it for named ones), CAPABILITY_AUTO_EXPAND with
 * a Transform; plus whatever ValidateTemplate reported.
 */
export function requiredCapabilities(template: TemplateDocument, reported: string[]): string[] {
  const capabilities = new Set(reported);
  if (Object.values(template.resources).some((resource) => String(resource.Type).startsWith('AWS::IAM::'))) capabilities.add('CAPABILITY_NAMED_IAM');
  if (template.transform !== undefined) capabilities.add('CAPABILITY_AUTO_EXPAND');
  if (capabilities.has('CAPABILITY_NAMED_IAM')) capabilities.delete('CAPABILITY_IAM');
  return [...capabilities].sort();
}

/**
 * The Parameters of a change set: each given value; for an update, UsePreviousValue for a
 * parameter the user did not give that has no Default or is NoEcho (so a token need not be
 * passed on every deploy); otherwise the template's Default applies, so a changed Default is
 * deployed rather than silently kept at its old value. Every problem (an unknown name, a
 * required value missing) is reported at once.
 */
export function changeSetParameters(template: TemplateDocument, given: Record<string, string>, previous: Record<string, string> | undefined): Parameter[] {
  const declared = Object.keys(template.parameters);
  const problems: Problem[] = [];
  for (const name of Object.keys(given)) {
    if (!declared.includes(name)) problems.push({ file: template.file, path: `Parameters.${name}`, message: `the template declares no parameter ${name} (it declares: ${declared.join(', ') || 'none'})` });
  }
  const parameters: Parameter[] = [];
  for (const name of declared) {
    if (name in given) parameters.push({ ParameterKey: name, ParameterValue: given[name] });
    else if (previous && name in previous && (template.parameters[name]?.Default === undefined || isNoEcho(template.parameters[name]?.NoEcho))) {
      parameters.push({ ParameterKey: name, UsePreviousValue: true });
    } else if (template.parameters[name]?.Default === undefined) {
      problems.push({ file: template.file, ...findName(template.text, name), path: `Parameters.${name}`, message: `parameter ${name} has no Default and no value was given` });
    }
  }
  if (problems.length > 0) {
    throw new SlipwayError('ParametersInvalid', `the parameters do not fit ${template.file}`, { problems, hint: 'pass each missing value with --parameter NAME=VALUE' });
  }
  return parameters;
}
