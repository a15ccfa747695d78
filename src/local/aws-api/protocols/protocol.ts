// What every AWS wire protocol does for the gateway: name the operation a request calls, read its
// input, write an output or an error, and say how AWS refuses an operation it does not know.
// One implementation per protocol (aws-json.ts, aws-query.ts, rest-xml.ts), driven by the models.
import type { IncomingHttpHeaders } from 'node:http';
import type { Operation, ServiceModel } from '../model/shapes.js';
import type { AwsError } from './aws-error.js';

/** One request, its body read (and un-chunked) whole. */
export interface WireRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** The query string's parameters in order, percent-decoded (`+` stays `+`). */
  query: ReadonlyArray<readonly [string, string]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One answer, ready to send. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** The protocols of AWS's JSON, query and REST-XML services. */
export type ProtocolName = 'awsJson1_0' | 'awsJson1_1' | 'awsQuery' | 'restXml';

/** Everything protocol-specific the gateway needs. */
export interface Protocol {
  readonly name: ProtocolName;
  /** The operation the request names; undefined when it names none. */
  operationName(request: WireRequest, model: ServiceModel): string | undefined;
  /** The handler's input, by the operation's input shape. */
  readInput(request: WireRequest, operation: Operation, model: ServiceModel): Record<string, unknown>;
  /** The answer carrying a handler's output. */
  writeOutput(output: Readonly<Record<string, unknown>>, operation: Operation, model: ServiceModel, requestId: string): WireAnswer;
  /** The answer carrying an error (HEAD answers carry no body). */
  writeError(error: AwsError, model: ServiceModel | undefined, request: { method: string }, requestId: string): WireAnswer;
  /** AWS's refusal of an operation the endpoint does not serve, naming it. */
  unknownOperation(name: string | undefined, model: ServiceModel | undefined): AwsError;
  /** The headers that carry the request id. */
  requestIdHeaders(requestId: string): Record<string, string>;
}

/** A header's value as one string (repeated headers joined as Node joins them). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}
