// Small decisions on a request's way in: how large its body may be (S3 uploads more), the refusal
// of a body over that, the headers of an aws-chunked body once decoded (S3 drops `aws-chunked`
// from Content-Encoding and stores the decoded length), and a service the endpoint has no model for.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHead } from '../auth/authenticate.js';
import type { Payload } from '../auth/payload.js';
import { AwsError } from '../protocols/aws-error.js';
import type { ProtocolName } from '../protocols/protocol.js';
import { findRestRoute } from '../protocols/rest-routes.js';
import type { Identified } from './identify.js';
import type { GatewayState } from './operation-call.js';

/** The body limit of a request: the object limit for S3 operations whose payload is a blob. */
export function bodyLimit(state: GatewayState, identified: Identified, head: RequestHead): number {
  if (identified.protocol.name !== 'restXml' || !identified.model) return state.maxRequestBytes;
  const input = findRestRoute(identified.model, head)?.operation.input;
  const payload = input?.payload === undefined ? undefined : input.members[input.payload];
  return payload?.type === 'blob' ? state.maxObjectBytes : state.maxRequestBytes;
}

/** The refusal of a body of `size` bytes over `limit`. */
export function bodyTooLarge(protocol: ProtocolName, size: number, limit: number): AwsError {
  if (protocol === 'restXml') return new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400, { ProposedSize: String(size), MaxSizeAllowed: String(limit) });
  return new AwsError('RequestEntityTooLarge', `The request body of ${size} bytes exceeds the local endpoint's limit of ${limit} bytes.`, 413);
}

/** The request's headers as the operation should read them after its body was decoded. */
export function decodedHeaders(headers: IncomingHttpHeaders, payload: Payload): IncomingHttpHeaders {
  if (!payload.chunked) return headers;
  const encodings = (headers['content-encoding'] ?? '').split(',').map((encoding) => encoding.trim()).filter((encoding) => encoding !== '' && encoding !== 'aws-chunked');
  const decoded: IncomingHttpHeaders = { ...headers, 'content-length': String(payload.body.length) };
  if (encodings.length > 0) decoded['content-encoding'] = encodings.join(', ');
  else delete decoded['content-encoding'];
  return decoded;
}

/** AWS's refusal of a request for a service the endpoint has no model for. */
export function unknownService(protocol: ProtocolName, named: string): AwsError {
  const message = `The local endpoint serves no AWS service named by '${named}'.`;
  if (protocol === 'awsQuery') return new AwsError('InvalidAction', message);
  if (protocol === 'restXml') return new AwsError('NotImplemented', message);
  return new AwsError('UnknownOperationException', message);
}
