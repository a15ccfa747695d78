// A delivery to an AWS::CodePipeline::Webhook's URL (aws-semantics §2, "Webhooks"): authenticated
// as the webhook says (GITHUB_HMAC with its SecretToken, IP from its AllowedIPRange, or
// UNAUTHENTICATED), checked once (replays refused), then the webhook's Filters decide, and the
// target pipeline starts with the trigger Webhook: at the pushed commit when the delivery is a push
// whose commit the local repository has, else at its branch's head. A target action with a V2
// trigger is started as its trigger's filters say (delivery-starts.ts).
import type { IncomingHttpHeaders } from 'node:http';
import { startForDelivery, type DeliveryContext, type StartOutcome } from './delivery-starts.js';
import { acceptDelivery, type EndpointAuth } from './github-endpoint.js';
import type { Refusal } from './http-delivery.js';
import { inRange } from './ip-range.js';
import type { WebhookDeclaration } from './model.js';
import { gitConfigurationOf } from './git-triggers.js';
import { readableCopy } from './git-repository.js';
import { hasCommit } from './repository-refs.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import { applyFilters } from './webhook-filters.js';

/** The answer to a delivery. */
export type DeliveryAnswer = { refusal: Refusal } | { status: number; message: string; outcomes: StartOutcome[]; deliveryId?: string };

/** One delivery to `webhook` from `remoteAddress`. */
export async function deliverToWebhook(
  ctx: DeliveryContext & { deliveries: WebhookDeliveries }, webhook: WebhookDeclaration, headers: IncomingHttpHeaders,
  body: Buffer, remoteAddress: string,
): Promise<DeliveryAnswer> {
  const stored = ctx.account.pipelines.get(webhook.targetPipeline);
  const action = stored?.pipeline.stages[0]?.actions.find((one) => one.name === webhook.targetAction);
  if (!stored || !action) return { refusal: { status: 404, message: `the webhook's target ${webhook.targetPipeline}/${webhook.targetAction} is not a local pipeline's source action` } };
  let auth: EndpointAuth = { none: true };
  if (webhook.authentication === 'GITHUB_HMAC') auth = { secret: String(webhook.authenticationConfiguration.SecretToken ?? '') };
  if (webhook.authentication === 'IP' && !inRange(remoteAddress, String(webhook.authenticationConfiguration.AllowedIPRange ?? ''))) {
    return { refusal: { status: 403, message: `${remoteAddress} is not in the webhook's AllowedIPRange` } };
  }
  const accepted = acceptDelivery(headers, body, auth, ctx.deliveries, `webhook/${webhook.name}`);
  if ('refusal' in accepted) return accepted;
  const answer = (message: string, outcomes: StartOutcome[] = []) => ({ status: 200, message, outcomes, deliveryId: accepted.deliveryId });
  if (accepted.event.kind === 'ping') return answer('pong');
  const names = { pipeline: stored.pipeline.name, action: action.name };
  const filtered = applyFilters(webhook.filters, accepted.payload, action.configuration);
  if (!filtered.matched) return answer(`filtered out: ${filtered.reason}`, [{ ...names, started: false, reason: filtered.reason }]);
  const event = accepted.event;
  if ((event.kind === 'push' || event.kind === 'pullRequest') && gitConfigurationOf(stored.pipeline, action.name)) {
    return answer('delivered', [await startForDelivery(ctx, stored.pipeline, action, event)]);
  }
  let commit: string | undefined;
  if (event.kind === 'push') {
    const repository = ctx.account.sources.locate(action);
    const folder = await readableCopy(repository.location, ctx.account.sources.mirrorOf(repository.name));
    if (await hasCommit(folder, event.commit)) commit = event.commit;
  }
  if (commit && ctx.account.executions.position(stored.pipeline.name, action.name) === commit) {
    return answer('delivered', [{ ...names, started: false, reason: `an execution was already started for ${commit}` }]);
  }
  const execution = await ctx.engine.start(stored.pipeline.name, {
    trigger: { triggerType: 'Webhook', triggerDetail: `${webhook.name}${commit ? ` ${action.name}@${commit}` : ''}` }, ...(commit ? { revisions: { [action.name]: commit } } : {}),
  });
  return answer('delivered', [{ ...names, started: true, pipelineExecutionId: execution.pipelineExecutionId }]);
}
