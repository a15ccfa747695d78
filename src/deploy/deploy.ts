// `slipway deploy`: a template onto a stack through a change set. Plan (validate, choose CREATE
// or UPDATE, create and summarize the change set), ask, execute, follow the stack's events until
// it settles, then look at the pipeline the stack holds.
import { randomUUID } from 'node:crypto';
import { isNoEcho } from '../cloudformation/index.js';
import { SlipwayError } from '../errors.js';
import { reportPipeline, type PipelineReport } from './after-deploy.js';
import { summarizeChangeSet, type ChangeSetSummary } from './change-set-summary.js';
import type { ChangeSetDescription, ChangeSetRequest, StackDescription, StackEvent } from './cloudformation.js';
import { executionRefused } from './execution-refusal.js';
import { emit, type FlowContext } from './flow-context.js';
import { firstFailure, StackEventWatcher, waitForStack } from './stack-events.js';
import { planForStack } from './stack-state.js';
import { changeSetParameters, requiredCapabilities, templateWarnings, type TemplateWarning } from './template-checks.js';
import { deliverTemplate, planTemplateDelivery, type TemplateBucket } from './template-delivery.js';
import type { TemplateDocument } from './template-document.js';
import { locateInTemplate } from './template-location.js';

/** What to deploy, and where. */
export interface DeployRequest {
  stackName: string;
  template: TemplateDocument;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  /** Wait for a PENDING connection to become AVAILABLE, then start the pipeline. */
  waitForConnection: boolean;
  /** Upload the template here and pass its URL (required over 51,200 bytes); default: inline TemplateBody. */
  templateBucket?: TemplateBucket;
}

/** The failed resource that explains a failed operation. */
export interface StackFailure {
  logicalId: string;
  resourceType: string;
  status: string;
  reason: string;
}

/** How a deploy ended; `failed` and `cancelled` are outcomes, not exceptions. */
export interface DeployResult {
  status: 'created' | 'updated' | 'unchanged' | 'failed' | 'cancelled';
  stackName: string;
  stackId?: string;
  stackStatus?: string;
  changes?: ChangeSetSummary;
  outputs: Record<string, string>;
  failure?: StackFailure;
  warnings: TemplateWarning[];
  pipeline?: PipelineReport;
}

// StatusReason of a change set that would change nothing; AWS uses both wordings.
const NO_CHANGES = [/didn't contain changes/i, /no updates are to be performed/i];

/** Deploys a template through a change set and reports every step. */
export async function deploy(request: DeployRequest, context: FlowContext): Promise<DeployResult> {
  const { template, stackName } = request;
  const delivery = planTemplateDelivery(template, request.templateBucket);
  const warnings = templateWarnings(template);
  for (const warning of warnings) emit(context, 'template.warning', { warning });
  const identity = await context.apis.sts.whoAmI();
  emit(context, 'identity.resolved', { account: identity.account, arn: identity.arn });
  const argument = await deliverTemplate(delivery, template, context);
  const { capabilities } = await context.apis.cloudFormation.validateTemplate(template, argument);

  const base = { stackName, outputs: {}, warnings };
  const target = await stackToDeployOver(stackName, context);
  if (target === 'cancelled') return { ...base, status: 'cancelled', stackStatus: 'ROLLBACK_COMPLETE' };
  const { stack, changeSetType } = target;
  const previous = changeSetType === 'UPDATE' ? stack?.parameters : undefined;
  const parameters = changeSetParameters(template, await withAskedSecrets(template, request.parameters, previous, context), previous);
  const unchanged = { ...base, status: 'unchanged' as const, stackId: stack?.stackId, stackStatus: stack?.status, outputs: stack?.outputs ?? {} };

  emit(context, 'changeset.creating', { stackName, changeSetType });
  const changeSetName = `slipway-${context.clock.now().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const created = await createChangeSet(
    { stackName, changeSetName, changeSetType, template: argument, parameters, capabilities: requiredCapabilities(template, capabilities), tags: request.tags, description: 'slipway deploy' },
    template,
    context,
  );
  if (!created) return unchanged;
  const changeSet = await waitForChangeSet(created.id, stackName, context);
  if (changeSet.status === 'FAILED') {
    await handleFailedChangeSet({ changeSet, request, stackId: created.stackId, changeSetName, createdStack: !stack }, context);
    return unchanged;
  }
  const summary = summarizeChangeSet(changeSet.changes);
  emit(context, 'changeset.ready', { stackName, summary });
  if (!(await approve(created, changeSetName, stackName, !stack, context))) return { ...base, status: 'cancelled', changes: summary, stackId: created.stackId };
  return execute({ request, stackId: created.stackId, changeSetId: created.id, changeSetType, summary, warnings }, context);
}

/** The stack to deploy over and the change set type it takes; a failed first create is deleted if the user agrees. */
async function stackToDeployOver(stackName: string, context: FlowContext): Promise<{ stack?: StackDescription; changeSetType: 'CREATE' | 'UPDATE' } | 'cancelled'> {
  const stack = await context.apis.cloudFormation.describeStack(stackName);
  if (stack) emit(context, 'stack.found', { stackName, status: stack.status });
  const plan = planForStack(stack);
  if (plan.kind === 'replace-failed-create') return (await deleteFailedCreate(stack as StackDescription, context)) ? { changeSetType: 'CREATE' } : 'cancelled';
  return { ...(stack ? { stack } : {}), changeSetType: plan.kind === 'update' ? 'UPDATE' : 'CREATE' };
}

/** Creates the change set; undefined when the endpoint refuses it because nothing changed. */
async function createChangeSet(
  request: ChangeSetRequest, template: TemplateDocument, context: FlowContext,
): Promise<{ id: string; stackId: string } | undefined> {
  try {
    return await context.apis.cloudFormation.createChangeSet(request, template);
  } catch (error) {
    // UpdateStack's wording; some endpoints answer CreateChangeSet with it instead of a FAILED change set.
    if (error instanceof SlipwayError && NO_CHANGES.some((pattern) => pattern.test(error.message))) {
      emit(context, 'changeset.empty', { stackName: request.stackName, reason: error.message });
      return undefined;
    }
    throw error;
  }
}

/** Asks before executing; declined, or no way to ask (no terminal): leaves no change set, nor an empty new stack, behind. */
async function approve(
  created: { id: string; stackId: string }, changeSetName: string, stackName: string, createdStack: boolean, context: FlowContext,
): Promise<boolean> {
  let approved = false;
  try {
    approved = await context.confirm({ kind: 'execute-change-set', message: `execute change set ${changeSetName} on stack ${stackName}?` });
  } finally {
    if (!approved) await discardChangeSet(created, stackName, changeSetName, createdStack, context);
  }
  return approved;
}

/** Adds the values of NoEcho parameters (a token) that nobody gave and nothing else provides, asked of the user. */
async function withAskedSecrets(
  template: TemplateDocument, given: Record<string, string>, previous: Record<string, string> | undefined, context: FlowContext,
): Promise<Record<string, string>> {
  const values = { ...given };
  for (const [name, declaration] of Object.entries(template.parameters)) {
    const secret = isNoEcho(declaration.NoEcho);
    if (!secret || name in values || declaration.Default !== undefined || (previous && name in previous)) continue;
    const answer = await context.askSecret?.(name);
    if (answer !== undefined && answer !== '') values[name] = answer;
  }
  return values;
}

async function waitForChangeSet(id: string, stackName: string, context: FlowContext): Promise<ChangeSetDescription> {
  for (;;) {
    const changeSet = await context.apis.cloudFormation.describeChangeSet(id, stackName);
    // CREATE_PENDING and CREATE_IN_PROGRESS move on by themselves; CREATE_COMPLETE or FAILED is final.
    if (changeSet.status === 'CREATE_COMPLETE' || changeSet.status === 'FAILED') return changeSet;
    await context.clock.sleep(Math.min(context.poll.intervalMs, 2000), context.signal);
  }
}

/** Deletes a FAILED change set; returns when it only said "no changes", throws its reason otherwise. */
async function handleFailedChangeSet(
  failed: { changeSet: ChangeSetDescription; request: DeployRequest; stackId: string; changeSetName: string; createdStack: boolean },
  context: FlowContext,
): Promise<void> {
  const { changeSet, request } = failed;
  const reason = changeSet.statusReason ?? 'no reason given';
  const empty = NO_CHANGES.some((pattern) => pattern.test(reason));
  if (empty) emit(context, 'changeset.empty', { stackName: request.stackName, reason });
  // A FAILED change set stays listed on the stack until deleted; leave nothing behind.
  await discardChangeSet({ id: changeSet.id, stackId: failed.stackId }, request.stackName, failed.changeSetName, failed.createdStack, context);
  if (empty) return;
  throw new SlipwayError('ChangeSetFailed', `CloudFormation could not make a change set for ${request.stackName}: ${reason}`, {
    kind: 'invalid-input',
    problems: locateInTemplate(reason, request.template),
    hint: 'fix the template (`cfn-lint` finds most of these), then deploy again',
  });
}

/** Deletes a change set nobody will execute, and the empty REVIEW_IN_PROGRESS stack a CREATE change set made. */
async function discardChangeSet(
  created: { id: string; stackId: string }, stackName: string, changeSetName: string, createdStack: boolean, context: FlowContext,
): Promise<void> {
  if (createdStack) {
    // Deleting the stack deletes its change sets with it.
    await context.apis.cloudFormation.deleteStack(created.stackId, `slipway-${randomUUID()}`);
  } else {
    await context.apis.cloudFormation.deleteChangeSet(created.id, stackName);
  }
  emit(context, 'changeset.deleted', { stackName, changeSetName });
}

async function deleteFailedCreate(stack: StackDescription, context: FlowContext): Promise<boolean> {
  const message = `stack ${stack.stackName} is ROLLBACK_COMPLETE from an earlier failed create and holds no resources; CloudFormation only accepts deleting it. Delete it and create it again?`;
  if (!(await context.confirm({ kind: 'delete-failed-stack', message }))) return false;
  emit(context, 'stack.failed-create.deleting', { stackName: stack.stackName, status: stack.status });
  const watcher = new StackEventWatcher(context.apis.cloudFormation, stack.stackId);
  await watcher.start();
  await context.apis.cloudFormation.deleteStack(stack.stackId, `slipway-${randomUUID()}`);
  const after = await followOperation(stack.stackId, stack.stackName, 'DELETE', watcher, context);
  if (after.stack && after.stack.status !== 'DELETE_COMPLETE') {
    throw new SlipwayError('StackDeleteFailed', `could not delete stack ${stack.stackName} (${after.stack.status}): ${after.failure?.reason ?? 'see its events'}`, { kind: 'failed' });
  }
  return true;
}

async function execute(
  run: { request: DeployRequest; stackId: string; changeSetId: string; changeSetType: 'CREATE' | 'UPDATE'; summary: ChangeSetSummary; warnings: TemplateWarning[] },
  context: FlowContext,
): Promise<DeployResult> {
  const { stackName } = run.request;
  const watcher = new StackEventWatcher(context.apis.cloudFormation, run.stackId);
  await watcher.start();
  await context.apis.cloudFormation.executeChangeSet(run.changeSetId, stackName, `slipway-${randomUUID()}`).catch((error: unknown) => {
    throw executionRefused(error, { stackName, changeSetType: run.changeSetType, template: run.request.template });
  });
  const { stack, failure } = await followOperation(run.stackId, stackName, run.changeSetType, watcher, context);
  const status = stack?.status ?? 'UNKNOWN';
  const result: DeployResult = {
    status: status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE' ? (run.changeSetType === 'CREATE' ? 'created' : 'updated') : 'failed',
    stackName,
    stackId: run.stackId,
    stackStatus: status,
    changes: run.summary,
    outputs: stack?.outputs ?? {},
    warnings: run.warnings,
    ...(failure ? { failure } : {}),
  };
  if (result.status === 'failed') return result;
  const pipeline = await reportPipeline(run.stackId, run.request.waitForConnection, context);
  return pipeline ? { ...result, pipeline } : result;
}

/** Follows one stack operation to its end, reporting every event; returns the settled stack and the first failure. */
export async function followOperation(
  stackId: string,
  stackName: string,
  operation: 'CREATE' | 'UPDATE' | 'DELETE',
  watcher: StackEventWatcher,
  context: FlowContext,
): Promise<{ stack: StackDescription | undefined; failure?: StackFailure; events: StackEvent[] }> {
  emit(context, 'stack.operation.started', { stackName, operation });
  const events: StackEvent[] = [];
  const stack = await waitForStack({
    api: context.apis.cloudFormation,
    stackId,
    watcher,
    clock: context.clock,
    poll: context.poll,
    ...(context.signal ? { signal: context.signal } : {}),
    onEvent: (event) => {
      events.push(event);
      emit(context, 'stack.resource', {
        logicalId: event.logicalId,
        resourceType: event.resourceType,
        status: event.status,
        ...(event.reason ? { reason: event.reason } : {}),
        ...(event.physicalId ? { physicalId: event.physicalId } : {}),
      });
    },
  });
  emit(context, 'stack.operation.finished', { stackName, status: stack?.status ?? 'DELETE_COMPLETE' });
  const failed = firstFailure(events);
  const failure = failed ? { logicalId: failed.logicalId, resourceType: failed.resourceType, status: failed.status, reason: failed.reason ?? 'no reason given' } : undefined;
  return { stack, events, ...(failure ? { failure } : {}) };
}
