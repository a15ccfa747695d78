// The local AWS endpoint's front door: one request listener that identifies the service
// (identify.ts), refuses foreign hosts and origins, authenticates the SigV4 signature, reads the
// body, then calls the operation (operation-call.ts) and writes its answer or error in the
// service's protocol. It never throws: every failure is an answer, and internal ones are logged.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { silentReporter } from '../../../reporter.js';
import { admitCaller, type RequestHead, verifySignature } from '../auth/authenticate.js';
import { verifyChecksums } from '../auth/checksums.js';
import { loadAllServiceModels } from '../model/catalog.js';
import { queryParameters } from '../protocols/aws-query.js';
import type { WireAnswer, WireRequest } from '../protocols/protocol.js';
import { checkHostAndOrigin, endpointHosts } from './host-check.js';
import { identify, type Identified, indexModels } from './identify.js';
import { callOperation, type GatewayState, type RequestTrace } from './operation-call.js';
import { DEFAULT_MAX_OBJECT_BYTES, DEFAULT_MAX_REQUEST_BYTES, keyLookup, type AwsGatewayOptions } from './options.js';
import { failureAnswer, sendAnswer } from './answers.js';
import { bodyLimit, bodyTooLarge, decodedHeaders, unknownService } from './request-checks.js';
import { readRequestBody } from './request-body.js';
import { readRequestHead } from './request-head.js';
import { checkServiceTable } from './table-check.js';

/** A request listener for node:http, to mount next to the registry's /v2/ on one port. */
export type AwsGateway = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Builds the gateway: loads every model and checks the handler table against them. */
export async function createAwsGateway(options: AwsGatewayOptions): Promise<AwsGateway> {
  const models = await loadAllServiceModels();
  checkServiceTable(options.services, models);
  const state: GatewayState = {
    index: indexModels(models),
    services: options.services,
    keys: keyLookup(options.keys),
    context: options.context,
    reporter: options.reporter ?? silentReporter,
    clock: options.clock ?? (() => new Date()),
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
    allowedHosts: options.allowedHosts ?? [],
  };
  return (req, res) => serve(state, req, res);
}

async function serve(state: GatewayState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const head = readRequestHead(req);
  const identified = identify(head, state.index);
  // S3 request ids are 16 hex digits; the JSON and query services use UUIDs.
  const requestId = identified.protocol.name === 'restXml' ? randomBytes(8).toString('hex').toUpperCase() : randomUUID();
  const trace: RequestTrace = { service: identified.model?.name ?? identified.named, operation: '-' };
  let answer: WireAnswer;
  try {
    answer = await answerRequest(state, req, head, identified, requestId, trace);
  } catch (error) {
    // A client that went away mid-request is an expected outcome, not a failure to report.
    if (req.socket.destroyed) return;
    answer = failureAnswer(state, error, identified, head, requestId, trace);
  }
  sendAnswer(req, res, answer, identified.protocol.requestIdHeaders(requestId), state.clock());
  const milliseconds = Math.round(performance.now() - started);
  state.reporter.emit({ type: 'aws-api.request', ...trace, status: answer.status, requestId, milliseconds });
}

async function answerRequest(
  state: GatewayState, req: IncomingMessage, head: RequestHead, identified: Identified, requestId: string, trace: RequestTrace,
): Promise<WireAnswer> {
  const { protocol } = identified;
  checkHostAndOrigin(head.headers, endpointHosts(req.socket.localPort, state.allowedHosts));
  const caller = admitCaller(head, state.keys, state.clock(), identified.model?.signingName);
  const limit = bodyLimit(state, identified, head);
  const raw = await readRequestBody(req, limit, (size) => bodyTooLarge(protocol.name, size, limit));
  const payload = await verifySignature(head, raw, caller);
  const request: WireRequest = { ...head, headers: decodedHeaders(head.headers, payload), body: payload.body };
  if (caller.claims.service === 's3') verifyChecksums(payload.body, { ...(request.headers as Record<string, string>), ...payload.trailers });
  const version = protocol.name === 'awsQuery' ? queryParameters(request).values.get('Version') : undefined;
  const model = identified.model ?? (version === undefined ? undefined : state.index.byQueryVersion.get(version));
  if (!model) throw unknownService(protocol.name, identified.named);
  trace.service = model.name;
  return callOperation(state, { request, model, protocol, caller, requestId, trace });
}
