// Which service and protocol a request is for, from its head alone (as AWS's own front doors and
// the best-known emulator route): the X-Amz-Target prefix (awsJson), else the service named in the
// SigV4 credential scope, else a query Action with its Version (awsQuery); anything else is S3,
// the one REST service, path-style.
import type { RequestHead } from '../auth/authenticate.js';
import type { ServiceModel } from '../model/shapes.js';
import { awsJsonProtocol } from '../protocols/aws-json.js';
import { awsQueryProtocol } from '../protocols/aws-query.js';
import { headerValue, type Protocol } from '../protocols/protocol.js';
import { restXmlProtocol } from '../protocols/rest-xml.js';

const JSON_1_0 = awsJsonProtocol('1.0');
const JSON_1_1 = awsJsonProtocol('1.1');

/** The models, indexed the ways requests name a service. */
export interface ModelIndex {
  byTarget: ReadonlyMap<string, ServiceModel>;
  bySigningName: ReadonlyMap<string, ServiceModel>;
  byQueryVersion: ReadonlyMap<string, ServiceModel>;
  s3: ServiceModel | undefined;
}

/** A request's service (when the endpoint has its model) and protocol, and how the request named it. */
export interface Identified {
  protocol: Protocol;
  model: ServiceModel | undefined;
  named: string;
}

/** Indexes `models` by target prefix (its last dotted part), signing name and query API version. */
export function indexModels(models: readonly ServiceModel[]): ModelIndex {
  const byTarget = new Map<string, ServiceModel>();
  const bySigningName = new Map<string, ServiceModel>();
  const byQueryVersion = new Map<string, ServiceModel>();
  for (const model of models) {
    if (model.metadata.targetPrefix) byTarget.set(lastPart(model.metadata.targetPrefix), model);
    bySigningName.set(model.signingName, model);
    if (model.metadata.protocol === 'query') byQueryVersion.set(model.metadata.apiVersion, model);
  }
  return { byTarget, bySigningName, byQueryVersion, s3: models.find((model) => model.name === 's3') };
}

/** The service and protocol of a request. */
export function identify(head: RequestHead, index: ModelIndex): Identified {
  const target = headerValue(head.headers, 'x-amz-target');
  if (target) {
    const prefix = target.includes('.') ? target.slice(0, target.lastIndexOf('.')) : target;
    const model = index.byTarget.get(lastPart(prefix));
    return { protocol: model ? protocolOf(model) : jsonByContentType(head), model, named: prefix };
  }
  const scoped = scopeService(head);
  if (scoped) {
    const model = index.bySigningName.get(scoped);
    return { protocol: model ? protocolOf(model) : guessProtocol(head), model, named: scoped };
  }
  const version = head.query.find(([name]) => name === 'Version')?.[1];
  if (isForm(head) || head.query.some(([name]) => name === 'Action')) {
    return { protocol: awsQueryProtocol, model: version === undefined ? undefined : index.byQueryVersion.get(version), named: `Version ${version ?? '(none)'}` };
  }
  return { protocol: restXmlProtocol, model: index.s3, named: 's3' };
}

/** The protocol a model declares. */
export function protocolOf(model: ServiceModel): Protocol {
  if (model.metadata.protocol === 'query') return awsQueryProtocol;
  if (model.metadata.protocol === 'rest-xml') return restXmlProtocol;
  return model.metadata.jsonVersion === '1.0' ? JSON_1_0 : JSON_1_1;
}

/** The service of the credential scope in the Authorization header or a presigned URL. */
function scopeService(head: RequestHead): string | undefined {
  const credential = /Credential=([^,\s]+)/.exec(headerValue(head.headers, 'authorization') ?? '')?.[1] ?? head.query.find(([name]) => name === 'X-Amz-Credential')?.[1];
  return credential?.split('/')[3] || undefined;
}

function guessProtocol(head: RequestHead): Protocol {
  if (isForm(head)) return awsQueryProtocol;
  return /x-amz-json/.test(headerValue(head.headers, 'content-type') ?? '') ? jsonByContentType(head) : restXmlProtocol;
}

function jsonByContentType(head: RequestHead): Protocol {
  return /x-amz-json-1\.0/.test(headerValue(head.headers, 'content-type') ?? '') ? JSON_1_0 : JSON_1_1;
}

function isForm(head: RequestHead): boolean {
  return /^application\/x-www-form-urlencoded/i.test(headerValue(head.headers, 'content-type') ?? '');
}

function lastPart(text: string): string {
  return text.slice(text.lastIndexOf('.') + 1);
}
