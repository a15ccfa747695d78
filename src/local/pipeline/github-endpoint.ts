// The checks every GitHub delivery passes before anything starts, in this order: the signature
// (X-Hub-Signature-256, or X-Hub-Signature) under the endpoint's secret, a JSON body, and a
// delivery id (X-GitHub-Delivery) not seen before; then `ping` is answered. Each refusal is an
// HTTP status with a message the sender can act on.
import type { IncomingHttpHeaders } from 'node:http';
import { readGitHubEvent, type GitHubEvent } from './github-delivery.js';
import type { Refusal } from './http-delivery.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import { checkSignature } from './webhook-signature.js';

/** A delivery that passed: its payload, its event, and its id (to forget if handling fails). */
export interface AcceptedDelivery {
  payload: unknown;
  event: GitHubEvent;
  deliveryId?: string;
}

/** How the endpoint authenticates: a secret, or none (a webhook with IP or UNAUTHENTICATED authentication). */
export type EndpointAuth = { secret: string } | { none: true };

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Checks a delivery to `endpoint`; the accepted delivery, or the refusal. */
export function acceptDelivery(
  headers: IncomingHttpHeaders, body: Buffer, auth: EndpointAuth, deliveries: WebhookDeliveries, endpoint: string,
): AcceptedDelivery | { refusal: Refusal } {
  if ('secret' in auth) {
    const signature = checkSignature(headers, body, auth.secret);
    if (signature === 'missing') return { refusal: { status: 401, message: 'the delivery is not signed: X-Hub-Signature-256 is missing (give the webhook its secret)' } };
    if (signature === 'mismatch') return { refusal: { status: 401, message: 'the signature does not match the body under this webhook\'s secret' } };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return { refusal: { status: 400, message: 'the body is not JSON' } };
  }
  const deliveryId = header(headers, 'x-github-delivery');
  if (deliveryId !== undefined && !deliveries.remember(deliveryId, endpoint)) {
    return { refusal: { status: 409, message: `delivery ${deliveryId} was already received: a replayed delivery is refused` } };
  }
  return { payload, event: readGitHubEvent(header(headers, 'x-github-event'), payload), deliveryId };
}
