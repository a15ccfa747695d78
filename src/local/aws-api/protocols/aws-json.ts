// AWS's awsJson 1.0 and 1.1 protocols (ECR, CodeBuild, CodePipeline, SSM, Secrets Manager,
// CloudWatch Logs, EventBridge, CodeCommit; 1.0: CodeStar Connections, CodeConnections): a POST of
// a JSON document naming the operation in `X-Amz-Target: <targetPrefix>.<Operation>`; errors are
// `{"__type": code, "message": ...}` with the code also in `x-amzn-ErrorType`.
import type { Operation, ServiceModel } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { fromJson } from './json-read.js';
import { toJson } from './json-write.js';
import { headerValue, type Protocol, type WireRequest } from './protocol.js';
import { missingRequired, missingRequiredMessage } from './required-members.js';

/** The awsJson protocol of the given version. */
export function awsJsonProtocol(version: '1.0' | '1.1'): Protocol {
  const contentType = `application/x-amz-json-${version}`;
  const answer = (status: number, document: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: { 'Content-Type': contentType, ...headers },
    body: Buffer.from(JSON.stringify(document)),
  });
  return {
    name: version === '1.0' ? 'awsJson1_0' : 'awsJson1_1',
    operationName: (request) => operationOfTarget(headerValue(request.headers, 'x-amz-target')),
    readInput: (request, operation) => readJsonInput(request, operation),
    writeOutput: (output, operation) => answer(200, (operation.output ? toJson(output, operation.output) : undefined) ?? {}),
    writeError: (error) => answer(error.status, { __type: error.code, message: error.message }, { 'x-amzn-ErrorType': error.code }),
    unknownOperation: (name, model) => new AwsError('UnknownOperationException', unknownOperationMessage(name, model)),
    requestIdHeaders: (requestId) => ({ 'x-amzn-RequestId': requestId }),
  };
}

/**
 * The operation of an `X-Amz-Target` value: the text after the last dot. Some SDKs put a namespace
 * before the target prefix (`com.amazonaws.codestar.connections.CodeStar_connections_20191201.GetConnection`).
 */
export function operationOfTarget(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const dot = target.lastIndexOf('.');
  return dot < 0 ? undefined : target.slice(dot + 1) || undefined;
}

function readJsonInput(request: WireRequest, operation: Operation): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  let document: unknown = {};
  if (text !== '') {
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new AwsError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  const input = (fromJson(document, operation.input, '') ?? {}) as Record<string, unknown>;
  const missing = missingRequired(input, operation.input);
  if (missing.length > 0) throw new AwsError('ValidationException', missingRequiredMessage(missing));
  return input;
}

function unknownOperationMessage(name: string | undefined, model: ServiceModel | undefined): string {
  if (!name) return 'The request names no operation: X-Amz-Target must be <targetPrefix>.<Operation>.';
  const service = model ? model.metadata.serviceId : 'this service';
  return `Operation ${name} of ${service} is not served by the local endpoint.`;
}
