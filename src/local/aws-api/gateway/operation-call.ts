// Calls one operation: names it by the protocol's rule, refuses what the model or the handler
// table does not have (AWS's unknown-operation error, naming it), reads the input, runs the
// handler, and checks its output against the model before writing it (output-check.ts).
import type { Reporter } from '../../../reporter.js';
import type { Caller, KeyLookup } from '../auth/authenticate.js';
import type { ApiContext, ServiceTable } from '../handler.js';
import type { ServiceModel, Shape } from '../model/shapes.js';
import { AwsError } from '../protocols/aws-error.js';
import { checkOutput } from '../protocols/output-check.js';
import { headerValue, type Protocol, type WireAnswer, type WireRequest } from '../protocols/protocol.js';
import type { AwsApiEvent } from './events.js';
import type { ModelIndex } from './identify.js';
import type { RequestFacts } from './options.js';

/** The gateway's settled options. */
export interface GatewayState {
  index: ModelIndex;
  services: ServiceTable;
  keys: KeyLookup;
  context: (request: RequestFacts) => ApiContext;
  reporter: Reporter<AwsApiEvent>;
  clock: () => Date;
  maxRequestBytes: number;
  maxObjectBytes: number;
  allowedHosts: readonly string[];
}

/** What the request log line names; filled in as the request is understood. */
export interface RequestTrace {
  service: string;
  operation: string;
}

/** One authenticated request on its way to a handler. */
export interface OperationCall {
  request: WireRequest;
  model: ServiceModel;
  protocol: Protocol;
  caller: Caller;
  requestId: string;
  trace: RequestTrace;
}

const NO_OUTPUT: Shape = { type: 'structure', members: {}, required: [] };

/** The answer of the operation the request calls. */
export async function callOperation(state: GatewayState, call: OperationCall): Promise<WireAnswer> {
  const { request, model, protocol, requestId, trace } = call;
  const name = protocol.operationName(request, model);
  trace.operation = name ?? '-';
  const operation = name === undefined ? undefined : model.operations.get(name);
  const handler = name === undefined ? undefined : state.services[model.name]?.[name];
  if (!operation || !handler) throw protocol.unknownOperation(name, model);
  const input = protocol.readInput(request, operation, model);
  const { claims } = call.caller;
  const endpoint = `http://${headerValue(request.headers, 'host') ?? ''}`;
  const output = await handler(input, state.context({ requestId, accessKeyId: claims.accessKeyId, region: claims.region, endpoint }));
  const problems = typeof output === 'object' && output !== null ? checkOutput(output, operation.output ?? NO_OUTPUT) : [`(the output): expected an object ({} when the operation has no output), found ${String(output)}`];
  if (problems.length > 0) {
    state.reporter.emit({ type: 'aws-api.output.invalid', service: model.name, operation: operation.name, requestId, problems });
    throw new AwsError('InternalFailure', `The local ${model.metadata.serviceId} ${operation.name} handler answered with an output its shape does not allow; the endpoint's log (request ${requestId}) names the problems.`, 500);
  }
  return protocol.writeOutput(output, operation, model, requestId);
}
