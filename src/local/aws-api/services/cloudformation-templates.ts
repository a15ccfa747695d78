// Where a CloudFormation call's template comes from: TemplateBody, or TemplateURL naming an object
// in a local bucket (how `slipway deploy` sends templates over 51,200 bytes), in any URL form S3
// objects take: this endpoint path-style (`<endpoint>/<bucket>/<key>`, by any loopback name), AWS virtual-hosted and
// path-style hosts, and s3://. CloudFormation's quotas: TemplateBody at most 51,200 bytes, a
// template read from S3 at most 1,000,000 bytes ("Template may not exceed 1000000 bytes in size.").
import { SlipwayError } from '../../../errors.js';
import type { ApiContext } from '../handler.js';
import type { OperationInput } from './operation-input.js';

/** The largest TemplateBody, in bytes. */
const BODY_LIMIT = 51_200;
/** The largest template read from a TemplateURL, in bytes. */
const URL_LIMIT = 1_000_000;
const VIRTUAL_HOSTED = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;
const PATH_STYLE = /^s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

/** A template's text and the name it goes by in messages. */
export interface TemplateText {
  templateBody: string;
  templateFile?: string;
}

/** TemplateBody or TemplateURL (exactly one); undefined when neither is given and `required` is false. */
export function templateOf(reader: OperationInput, ctx: ApiContext, required: boolean): TemplateText | undefined {
  const body = reader.optionalString('TemplateBody');
  const url = reader.optionalString('TemplateURL');
  if (body !== undefined && url !== undefined) throw reader.fail('Specify exactly one of TemplateBody or TemplateURL.');
  if (body !== undefined) {
    if (Buffer.byteLength(body) > BODY_LIMIT) throw reader.invalid('TemplateBody', `${body.slice(0, 20)}…`, `Member must have length less than or equal to ${BODY_LIMIT}`);
    return { templateBody: body };
  }
  if (url !== undefined) return { templateBody: readTemplateUrl(url, ctx), templateFile: url };
  if (required) throw reader.fail('Either Template URL or Template Body must be specified.');
  return undefined;
}

/** The text of the object a TemplateURL names in a local bucket. */
export function readTemplateUrl(url: string, ctx: ApiContext): string {
  const location = objectOf(url, ctx);
  if (!location) throw new SlipwayError('ValidationError', `TemplateURL must be a supported URL: an S3 object URL, or ${ctx.endpoint}/<bucket>/<key> for a local bucket (got ${url})`);
  const { bucket, key } = location;
  const body = ctx.account.buckets.hasBucket(bucket) ? ctx.account.buckets.getObject(bucket, key) : undefined;
  if (!body) throw new SlipwayError('ValidationError', `S3 error: The specified key does not exist: no object '${key}' in a local bucket '${bucket}' (TemplateURL ${url})`);
  if (body.length > URL_LIMIT) throw new SlipwayError('ValidationError', `Template may not exceed ${URL_LIMIT} bytes in size.`);
  return body.toString('utf8');
}

/** The bucket and key a URL names, or undefined when it is no S3 object URL. */
function objectOf(url: string, ctx: ApiContext): { bucket: string; key: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = parsed.pathname.split('/').slice(1).map(decodeURIComponent);
  const hosted = VIRTUAL_HOSTED.exec(parsed.hostname);
  if (parsed.protocol === 's3:') return named(parsed.hostname, path);
  if (hosted && /^https?:$/.test(parsed.protocol)) return named(hosted[1]!, path);
  if (PATH_STYLE.test(parsed.hostname) || isThisEndpoint(parsed, new URL(ctx.endpoint))) return named(path[0] ?? '', path.slice(1));
  return undefined;
}

// This endpoint, by the address it was reached on or another loopback name for it (localhost, ::1).
function isThisEndpoint(url: URL, endpoint: URL): boolean {
  const loopback = (host: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(host);
  return url.host === endpoint.host || (url.port === endpoint.port && loopback(url.hostname) && loopback(endpoint.hostname));
}

function named(bucket: string, keyParts: string[]): { bucket: string; key: string } | undefined {
  const key = keyParts.join('/');
  return bucket && key ? { bucket, key } : undefined;
}
