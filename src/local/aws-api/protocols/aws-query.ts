// AWS's awsQuery protocol (CloudFormation, STS): form-encoded `Action`, `Version` and members
// (query-read.ts), answered with `<XResponse xmlns=...><XResult>...</XResult><ResponseMetadata>
// <RequestId>` and refused with `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`.
import { XmlNode } from '@aws-sdk/xml-builder';
import type { Operation, ServiceModel } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import { headerValue, type Protocol, type WireRequest } from './protocol.js';
import { fromQuery, QueryParameters } from './query-read.js';
import { missingRequired, missingRequiredMessage } from './required-members.js';
import { addXmlMembers, XML_DECLARATION } from './xml-write.js';

/** The namespace of AWS's query-protocol faults, for a service the request did not identify. */
const FAULT_NAMESPACE = 'http://webservices.amazon.com/AWSFault/2005-15-09';

/** The awsQuery protocol. */
export const awsQueryProtocol: Protocol = {
  name: 'awsQuery',
  operationName: (request) => queryParameters(request).values.get('Action') || undefined,
  readInput: (request, operation) => readQueryInput(request, operation),
  writeOutput: (output, operation, model, requestId) => xmlAnswer(200, queryResponse(output, operation, model, requestId)),
  writeError: (error, model, _request, requestId) => {
    const fault = new XmlNode('Error', [XmlNode.of('Type', error.faultType), XmlNode.of('Code', error.code), XmlNode.of('Message', error.message)]);
    const root = new XmlNode('ErrorResponse', [fault, XmlNode.of('RequestId', requestId)]).addAttribute('xmlns', model?.metadata.xmlNamespace ?? FAULT_NAMESPACE);
    return xmlAnswer(error.status, root);
  },
  unknownOperation: (name, model) =>
    name
      ? new AwsError('InvalidAction', `Could not find operation ${name} for version ${model?.metadata.apiVersion ?? 'NO_VERSION_SPECIFIED'}`)
      : new AwsError('MissingAction', 'The request must name an operation in its Action parameter.'),
  requestIdHeaders: (requestId) => ({ 'x-amzn-RequestId': requestId }),
};

const parsed = new WeakMap<WireRequest, QueryParameters>();

/** The request's parameters: the URL's query, then a form-encoded body's fields. */
export function queryParameters(request: WireRequest): QueryParameters {
  let parameters = parsed.get(request);
  if (!parameters) {
    const values = new Map<string, string>(request.query.map(([name, value]) => [name, value]));
    if (/^application\/x-www-form-urlencoded/i.test(headerValue(request.headers, 'content-type') ?? '')) {
      for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) values.set(name, value);
    }
    parameters = new QueryParameters(values);
    parsed.set(request, parameters);
  }
  return parameters;
}

function readQueryInput(request: WireRequest, operation: Operation): Record<string, unknown> {
  const input = fromQuery(queryParameters(request), operation.input, '') as Record<string, unknown>;
  const missing = missingRequired(input, operation.input);
  if (missing.length > 0) throw new AwsError('ValidationError', missingRequiredMessage(missing));
  return input;
}

function queryResponse(output: Readonly<Record<string, unknown>>, operation: Operation, model: ServiceModel, requestId: string): XmlNode {
  const root = new XmlNode(`${operation.name}Response`);
  if (model.metadata.xmlNamespace) root.addAttribute('xmlns', model.metadata.xmlNamespace);
  if (operation.output) root.addChildNode(addXmlMembers(new XmlNode(operation.output.resultWrapper ?? `${operation.name}Result`), output, operation.output));
  return root.addChildNode(new XmlNode('ResponseMetadata', [XmlNode.of('RequestId', requestId)]));
}

function xmlAnswer(status: number, root: XmlNode) {
  return { status, headers: { 'Content-Type': 'text/xml' }, body: Buffer.from(XML_DECLARATION + root.toString()) };
}
