// Raw requests signed with the AWS SDK's own signer (@smithy/signature-v4), for what the service
// clients cannot send on purpose: another Host, an Origin, a tampered body, a namespaced
// X-Amz-Target, a malformed document. node:http rather than fetch, so the Host header is ours.
import { request as httpRequest } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../../../src/local/aws-api/auth/sha256.js';
import { TEST_KEY } from './wire-server.js';

export interface RawRequest {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The signing name in the credential scope. */
  service: string;
  /** Default TEST_KEY; null sends the request unsigned. */
  key?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
  signingDate?: Date;
  /** Applied after signing (a tampered request). */
  afterSigning?: (signed: { headers: Record<string, string>; body: string | Buffer }) => void;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends `raw` to the test server on `port`, signed unless `key` is null. */
export async function sendRaw(port: number, raw: RawRequest): Promise<RawAnswer> {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...raw.headers };
  const body = raw.body ?? '';
  const toSign = { method: raw.method ?? 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path: raw.path ?? '/', query: raw.query ?? {}, headers, body };
  let signed = toSign;
  if (raw.key !== null) {
    const signer = new SignatureV4({ service: raw.service, region: 'us-east-1', credentials: raw.key ?? TEST_KEY, sha256: Sha256, uriEscapePath: raw.service !== 's3' });
    signed = (await signer.sign(toSign, { signingDate: raw.signingDate ?? new Date() })) as typeof toSign;
  }
  const final = { headers: { ...signed.headers }, body };
  raw.afterSigning?.(final);
  const search = new URLSearchParams(signed.query as Record<string, string>).toString().replace(/\+/g, '%20');
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method: signed.method, path: `${signed.path}${search ? `?${search}` : ''}`, headers: final.headers, setHost: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(final.body);
  });
}

/** An awsJson 1.1 call of ECR's `operation`. */
export function ecrRequest(operation: string, document: unknown, overrides: Partial<RawRequest> = {}): RawRequest {
  return {
    service: 'ecr',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonEC2ContainerRegistry_V20150921.${operation}` },
    body: JSON.stringify(document),
    ...overrides,
  };
}

/** An awsQuery call of `Action` with `parameters` (STS unless `service` says otherwise). */
export function queryRequest(parameters: Record<string, string>, overrides: Partial<RawRequest> = {}): RawRequest {
  return { service: 'sts', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(parameters).toString(), ...overrides };
}
