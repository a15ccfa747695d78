// GitHub deliveries for connection sources, at `/webhooks/connections`: on AWS a repository's
// pushes and pull requests reach CodePipeline through the connection's GitHub App; locally GitHub
// (or anything forwarding its deliveries) posts them here, signed with the home's connection
// secret (`slipway hook show`). Every CodeStarSourceConnection source action whose
// FullRepositoryId is the delivery's repository, and that detects changes, gets the event.
import type { IncomingHttpHeaders } from 'node:http';
import type { DeliveryAnswer } from './codepipeline-webhook.js';
import { startForDelivery, type DeliveryContext, type StartOutcome } from './delivery-starts.js';
import { acceptDelivery } from './github-endpoint.js';
import { changeDetection } from './source-watch.js';
import { triggerSecret } from './trigger-secrets.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';

/** One delivery to the connections endpoint. */
export async function deliverToConnections(
  ctx: DeliveryContext & { deliveries: WebhookDeliveries }, headers: IncomingHttpHeaders, body: Buffer,
): Promise<DeliveryAnswer> {
  const accepted = acceptDelivery(headers, body, { secret: triggerSecret(ctx.account.db, 'connections') }, ctx.deliveries, 'connections');
  if ('refusal' in accepted) return accepted;
  const event = accepted.event;
  const answer = (message: string, outcomes: StartOutcome[] = []) => ({ status: 200, message, outcomes, deliveryId: accepted.deliveryId });
  if (event.kind === 'ping') return answer('pong');
  if (event.kind === 'ignored') return answer(`nothing to start: ${event.reason}`);
  const outcomes: StartOutcome[] = [];
  for (const { pipeline } of ctx.account.pipelines.list()) {
    for (const action of pipeline.stages[0]?.actions ?? []) {
      if (action.actionTypeId.provider !== 'CodeStarSourceConnection') continue;
      if (String(action.configuration.FullRepositoryId).toLowerCase() !== event.repository.toLowerCase()) continue;
      if (!changeDetection(pipeline, action, false)) {
        outcomes.push({ pipeline: pipeline.name, action: action.name, started: false, reason: 'DetectChanges is false' });
        continue;
      }
      outcomes.push(await startForDelivery(ctx, pipeline, action, event).catch((error: unknown) => ({
        pipeline: pipeline.name, action: action.name, started: false as const, reason: error instanceof Error ? error.message : String(error),
      })));
    }
  }
  return answer(outcomes.length === 0 ? `no connection source reads ${event.repository}` : 'delivered', outcomes);
}
