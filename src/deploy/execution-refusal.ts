// What it means when CloudFormation refuses to execute a change set it has already accepted
// and the user has confirmed: the deploy failed (exit 1), not the user's input (exit 2),
// unless AWS says the template itself is invalid.
import { SlipwayError } from '../errors.js';
import { locateInTemplate, type TemplateText } from './template-location.js';

// CloudFormation's wordings for a template it cannot accept (ValidateTemplate and
// CreateChangeSet API references, "Template format error: ..."; "Invalid template property or
// properties [...]", "Invalid template resource property '...'"). Anything else at this point
// (InvalidChangeSetStatus, InsufficientCapabilities, a resource it could not create while
// executing) is about the deploy, not the template; so is moto's "Template error: instance of
// Fn::GetAtt references undefined resource BuildProject", which names a resource type moto skips
// in a template that CreateChangeSet has just accepted (docs/deploy.md, where moto differs).
const TEMPLATE_INVALID = [/Template format error:/, /Invalid template (resource |parameter )?propert/];

/** The error to report for a refused ExecuteChangeSet, with where to look next. */
export function executionRefused(error: unknown, run: { stackName: string; changeSetType: 'CREATE' | 'UPDATE'; template: TemplateText }): unknown {
  // Missing credentials and an interrupted wait keep their own meaning and exit code.
  if (!(error instanceof SlipwayError) || error.kind === 'environment' || error.kind === 'interrupted') return error;
  const templateInvalid = TEMPLATE_INVALID.some((pattern) => pattern.test(error.message));
  const next = templateInvalid ? 'fix the template, then deploy again' : error.hint;
  // A refused CREATE leaves the stack the change set made: REVIEW_IN_PROGRESS, with no resources.
  const destroy = `\`slipway destroy --stack-name ${run.stackName}\``;
  const leftover = run.changeSetType === 'CREATE' ? `the stack is left REVIEW_IN_PROGRESS with no resources; ${destroy} removes it` : undefined;
  const problems = templateInvalid && error.problems.length === 0 ? locateInTemplate(error.message, run.template) : error.problems;
  return new SlipwayError(error.code, `executing the change set failed: ${error.message}`, {
    kind: templateInvalid ? 'invalid-input' : 'failed',
    hint: [next, leftover].filter(Boolean).join('; ') || undefined,
    problems,
    cause: error,
  });
}
