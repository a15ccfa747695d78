// AWS's REST-XML protocol as S3 speaks it, path-style (`/bucket/key`): operations routed by
// method, URI and query (rest-routes.ts), members read from and written to the URI, query,
// headers and payload; errors as S3's `<Error><Code/><Message/>...<RequestId/></Error>` with the
// code's status (NoSuchKey and NoSuchBucket 404), and the request id in `x-amz-request-id`.
import { XmlNode } from '@aws-sdk/xml-builder';
import type { ServiceModel } from '../model/shapes.js';
import { AwsError } from './aws-error.js';
import type { Protocol, WireRequest } from './protocol.js';
import { missingRequired, missingRequiredMessage } from './required-members.js';
import { findRestRoute, type RestRoute } from './rest-routes.js';
import { readRestXmlInput } from './rest-xml-input.js';
import { writeRestXmlOutput } from './rest-xml-output.js';
import { XML_DECLARATION } from './xml-write.js';

/** The REST-XML protocol. */
export const restXmlProtocol: Protocol = {
  name: 'restXml',
  operationName: (request, model) => restRoute(request, model)?.operation.name,
  readInput: (request, operation, model) => {
    const route = restRoute(request, model);
    if (!route || route.operation !== operation) throw new AwsError('InternalFailure', `request not routed to ${operation.name}`, 500);
    const input = readRestXmlInput(request, route);
    const missing = missingRequired(input, operation.input);
    if (missing.length > 0) throw new AwsError('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema: ${missingRequiredMessage(missing)}`);
    return input;
  },
  // Routing matched the method, so a HEAD operation (HeadObject) answers a HEAD request.
  writeOutput: (output, operation) => writeRestXmlOutput(output, operation, operation.method),
  writeError: (error, _model, request, requestId) => {
    const fields = Object.entries(error.fields).map(([name, value]) => XmlNode.of(name, value));
    const root = new XmlNode('Error', [XmlNode.of('Code', error.code), XmlNode.of('Message', error.message), ...fields, XmlNode.of('RequestId', requestId)]);
    // A HEAD answer has no body: clients read the status alone (404 for NoSuchKey).
    const body = request.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(XML_DECLARATION + root.toString());
    return { status: error.status, headers: { 'Content-Type': 'application/xml' }, body };
  },
  unknownOperation: (name) =>
    name
      ? new AwsError('NotImplemented', `A header you provided implies functionality that is not implemented: the local endpoint does not serve ${name}.`)
      : new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.'),
  requestIdHeaders: (requestId) => ({ 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(`slipway/${requestId}`).toString('base64') }),
};

const routes = new WeakMap<WireRequest, RestRoute | undefined>();

/** The route of a request, found once. */
function restRoute(request: WireRequest, model: ServiceModel): RestRoute | undefined {
  if (!routes.has(request)) routes.set(request, findRestRoute(model, request));
  return routes.get(request);
}
