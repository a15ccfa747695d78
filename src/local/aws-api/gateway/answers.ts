// Turns failures into answers and sends answers. A refusal at the door speaks the protocol's
// authentication errors (refusals.ts); a handler's SlipwayError becomes the AWS error it names;
// anything else is a 500 InternalFailure whose detail goes to the log, never to the client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHead } from '../auth/authenticate.js';
import { AuthRefusal } from '../auth/refusal.js';
import { refusalError } from '../auth/refusals.js';
import { asAwsError, AwsError } from '../protocols/aws-error.js';
import type { WireAnswer } from '../protocols/protocol.js';
import type { Identified } from './identify.js';
import type { GatewayState, RequestTrace } from './operation-call.js';

/** The answer to a request that failed with `error`. */
export function failureAnswer(
  state: GatewayState, error: unknown, identified: Identified, head: RequestHead, requestId: string, trace: RequestTrace,
): WireAnswer {
  const { protocol, model } = identified;
  if (error instanceof AuthRefusal) return protocol.writeError(refusalError(error, protocol.name, state.clock()), model, head, requestId);
  const known = asAwsError(error);
  if (known.internal && !(error instanceof AwsError)) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    state.reporter.emit({ type: 'aws-api.request.failed', ...trace, requestId, error: detail });
  }
  return protocol.writeError(known.error, model, head, requestId);
}

/** Writes `answer` with the request id and the endpoint's Date; a request whose body was not read is not kept alive. */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: WireAnswer, idHeaders: Record<string, string>, now: Date): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...answer.headers, ...idHeaders, Date: now.toUTCString() };
  const bodyless = req.method === 'HEAD' || answer.status === 204 || answer.status === 304;
  if (!bodyless && headers['Content-Length'] === undefined) headers['Content-Length'] = String(answer.body.length);
  if (!req.complete) headers.Connection = 'close';
  try {
    res.writeHead(answer.status, headers);
  } catch (error) {
    // A handler's header value Node cannot send (a control character in x-amz-meta-*).
    res.writeHead(500, { 'Content-Type': 'text/plain', ...idHeaders });
    res.end(`InternalFailure: ${(error as Error).message}`);
    return;
  }
  res.end(bodyless ? undefined : answer.body);
}
