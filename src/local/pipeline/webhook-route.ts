// The webhook endpoint on `slipway up`'s port, under `/webhooks/`: `/webhooks/trigger?t=<token>`
// is an AWS::CodePipeline::Webhook's URL (the stack's WebhookUrl output, made by the stack
// provider as `<webhook endpoint>/trigger?t=<token>&v=1`: the token names the webhook whatever
// host and port the URL was made with), `/webhooks/connections` takes GitHub deliveries for
// connection sources, `/webhooks/hook` calls from `slipway hook`. Answers are JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deliverToWebhook, type DeliveryAnswer } from './codepipeline-webhook.js';
import { deliverToConnections } from './connection-deliveries.js';
import type { DeliveryContext } from './delivery-starts.js';
import { receiveHookCall } from './hook-endpoint.js';
import { readDelivery, MAX_DELIVERY_BYTES } from './http-delivery.js';
import type { SourceWatch } from './source-watch.js';
import { WebhookDeliveries } from './webhook-deliveries.js';

/** What the route works with. */
export interface WebhookRouteParts extends DeliveryContext {
  sources: SourceWatch;
  /** The largest body taken; default MAX_DELIVERY_BYTES. */
  maxBytes?: number;
}

/** The token of a webhook URL (`...?t=<token>&v=1`). */
export function webhookToken(url: string): string | undefined {
  return new URL(url, 'http://local').searchParams.get('t') ?? undefined;
}

function send(res: ServerResponse, status: number, body: object, close = false): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...(close ? { Connection: 'close' } : {}) });
  res.end(text);
}

/** The `/webhooks/` route. */
export function webhookRoute(parts: WebhookRouteParts): { prefix: string; handle: (req: IncomingMessage, res: ServerResponse) => void } {
  const deliveries = new WebhookDeliveries(parts.account.db);
  const ctx = { ...parts, deliveries };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://local');
    let answerOf: ((body: Buffer) => Promise<DeliveryAnswer>) | undefined;
    if (url.pathname === '/webhooks/trigger') {
      const token = url.searchParams.get('t');
      const webhook = token ? parts.account.pipelines.listWebhooks().find((one) => webhookToken(one.url) === token) : undefined;
      if (webhook) answerOf = (body) => deliverToWebhook(ctx, webhook, req.headers, body, req.socket.remoteAddress ?? '');
    } else if (url.pathname === '/webhooks/connections') answerOf = (body) => deliverToConnections(ctx, req.headers, body);
    else if (url.pathname === '/webhooks/hook') answerOf = (body) => receiveHookCall(parts.account.db, parts.sources, req.headers, body);
    if (!answerOf) return send(res, 404, { message: `no webhook at ${url.pathname}${url.search ? ' with this token' : ''}` }, true);
    const read = await readDelivery(req, parts.maxBytes ?? MAX_DELIVERY_BYTES);
    if ('refusal' in read) return send(res, read.refusal.status, { message: read.refusal.message }, true);
    let answer: DeliveryAnswer | undefined;
    try {
      answer = await answerOf(read.body);
    } catch (error) {
      const id = req.headers['x-github-delivery'];
      if (typeof id === 'string') deliveries.forget(id);
      return send(res, 500, { message: `the delivery was not handled: ${error instanceof Error ? error.message : String(error)}` });
    }
    if ('refusal' in answer) return send(res, answer.refusal.status, { message: answer.refusal.message });
    send(res, answer.status, { message: answer.message, outcomes: answer.outcomes });
  };
  return { prefix: '/webhooks/', handle: (req, res) => void handle(req, res).catch(() => res.destroy()) };
}
