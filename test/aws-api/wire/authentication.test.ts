// SigV4 authentication, each refusal in each protocol's words (awsJson: ECR; awsQuery: STS; S3):
// unsigned, mis-signed, unknown key, more than 15 minutes of skew, a tampered body, a credential
// scoped to another service, a session token that does not match, presigned URLs, a foreign Host
// (DNS rebinding) and a foreign Origin.
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { parseXML } from '@aws-sdk/xml-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecrRequest, queryRequest, sendRaw, type RawRequest } from './support/signed-request.js';
import { startWireServer, TEST_KEY, type WireServer } from './support/wire-server.js';

let server: WireServer;
beforeAll(async () => {
  server = await startWireServer();
});
afterAll(async () => server?.close());

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const clients = (endpoint: string, credentials: Credentials, maxAttempts = 1) => ({
  ecr: () => new ECRClient({ endpoint, region: 'us-east-1', credentials, maxAttempts }).send(new DescribeRepositoriesCommand({})),
  sts: () => new STSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts }).send(new GetCallerIdentityCommand({})),
  s3: () => new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts }).send(new GetObjectCommand({ Bucket: 'existing', Key: 'k' })),
});
const refusal = (call: () => Promise<unknown>) => call().then(() => ({ name: 'none', status: 200, message: '' }), (error: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => ({ name: error.name, status: error.$metadata?.httpStatusCode, message: error.message }));
const S3_GET: RawRequest = { service: 's3', method: 'GET', path: '/existing/k' };
const JSON_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('refusals at the door', () => {
  it('refuses an unsigned request: MissingAuthenticationTokenException, MissingAuthenticationToken, AccessDenied', async () => {
    const json = await sendRaw(server.port, ecrRequest('DescribeRepositories', {}, { key: null }));
    expect([json.status, JSON.parse(json.text)]).toEqual([400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }]);
    const query = await sendRaw(server.port, queryRequest({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { key: null }));
    expect(query.status).toBe(403);
    expect(query.text).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
    const s3 = await sendRaw(server.port, { ...S3_GET, key: null });
    expect([s3.status, s3.text]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code><Message>Access Denied</Message>')]);
    expect(server.received).toEqual([]);
  });

  it('refuses a signature made with the wrong secret: InvalidSignatureException, SignatureDoesNotMatch', async () => {
    const wrong = clients(server.endpoint, { accessKeyId: TEST_KEY.accessKeyId, secretAccessKey: 'not-the-secret' });
    expect(await refusal(wrong.ecr)).toEqual({ name: 'InvalidSignatureException', status: 400, message: JSON_MISMATCH });
    expect(await refusal(wrong.sts)).toEqual({ name: 'SignatureDoesNotMatch', status: 403, message: JSON_MISMATCH });
    expect(await refusal(wrong.s3)).toEqual({ name: 'SignatureDoesNotMatch', status: 403, message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' });
    // S3 quotes what it signed, so a client can find where the two differ.
    const raw = await sendRaw(server.port, { ...S3_GET, key: { ...TEST_KEY, secretAccessKey: 'x' } });
    const { Error: error } = parseXML(raw.text) as { Error: Record<string, string> };
    expect(error.AWSAccessKeyId).toBe(TEST_KEY.accessKeyId);
    expect(error.StringToSign).toMatch(/^AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/);
    expect(error.CanonicalRequest).toMatch(new RegExp(`^GET\n/existing/k\n\nhost:127.0.0.1:${server.port}\nx-amz-content-sha256:e3b0c4[0-9a-f]+\nx-amz-date:\\d{8}T\\d{6}Z\n\nhost;x-amz-content-sha256;x-amz-date\ne3b0c4[0-9a-f]+$`));
  });

  it('refuses a key it was not given: UnrecognizedClientException, InvalidClientTokenId, InvalidAccessKeyId', async () => {
    const stranger = clients(server.endpoint, { accessKeyId: 'AKIDSTRANGER', secretAccessKey: TEST_KEY.secretAccessKey });
    expect(await refusal(stranger.ecr)).toEqual({ name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' });
    expect(await refusal(stranger.sts)).toEqual({ name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
    expect(await refusal(stranger.s3)).toEqual({ name: 'InvalidAccessKeyId', status: 403, message: 'The AWS Access Key Id you provided does not exist in our records.' });
  });

  it('refuses a body changed after signing', async () => {
    const json = await sendRaw(server.port, ecrRequest('DescribeRepositories', { repositoryNames: ['a'] }, { afterSigning: (signed) => void (signed.body = JSON.stringify({ repositoryNames: ['b'] })) }));
    expect(JSON.parse(json.text)).toEqual({ __type: 'InvalidSignatureException', message: JSON_MISMATCH });
    const s3 = await sendRaw(server.port, { service: 's3', method: 'PUT', path: '/existing/k', body: 'signed', afterSigning: (signed) => void (signed.body = 'sneaky') });
    expect([s3.status, s3.text]).toEqual([400, expect.stringContaining('<Code>XAmzContentSHA256Mismatch</Code><Message>The provided &apos;x-amz-content-sha256&apos; header does not match what was computed.</Message>')]);
  });

  it('verifies paths as SigV4 canonicalizes them: encoded twice for every service but S3, once for S3', async () => {
    const json = await sendRaw(server.port, ecrRequest('DescribeRepositories', {}, { path: '/a%20b/./c' }));
    expect(json.status).toBe(200);
    const s3 = await sendRaw(server.port, { ...S3_GET, path: '/existing/a%20b%2Bc' });
    expect([s3.status, s3.text]).toEqual([404, expect.stringContaining('<Code>NoSuchKey</Code>')]);
  });

  it('refuses a credential scoped to another service', async () => {
    const json = await sendRaw(server.port, ecrRequest('DescribeRepositories', {}, { service: 'codebuild' }));
    expect(JSON.parse(json.text)).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'ecr'." });
  });

  it('refuses a session key without its token, and accepts it with the token', async () => {
    const session = await startWireServer({ keys: (id) => (id === 'ASIASESSION' ? { secretAccessKey: 's3cret', sessionToken: 'the-token' } : undefined) });
    try {
      const without = clients(session.endpoint, { accessKeyId: 'ASIASESSION', secretAccessKey: 's3cret' });
      expect(await refusal(without.ecr)).toMatchObject({ name: 'UnrecognizedClientException' });
      expect(await refusal(without.s3)).toMatchObject({ name: 'InvalidToken' });
      const wrongToken = clients(session.endpoint, { accessKeyId: 'ASIASESSION', secretAccessKey: 's3cret', sessionToken: 'other-token' });
      expect(await refusal(wrongToken.sts)).toMatchObject({ name: 'InvalidClientTokenId' });
      const withToken = clients(session.endpoint, { accessKeyId: 'ASIASESSION', secretAccessKey: 's3cret', sessionToken: 'the-token' });
      expect(await withToken.sts()).toMatchObject({ UserId: 'ASIASESSION' });
    } finally {
      await session.close();
    }
  });
});

describe('clock skew', () => {
  it('refuses a request signed more than 15 minutes before the endpoint clock, in each protocol', async () => {
    const ahead = await startWireServer({ clock: () => new Date(Date.now() + 20 * 60_000) });
    try {
      const skewed = clients(ahead.endpoint, TEST_KEY);
      expect(await refusal(skewed.ecr)).toMatchObject({ name: 'InvalidSignatureException', status: 400, message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/) });
      expect(await refusal(skewed.sts)).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403, message: expect.stringMatching(/^Signature expired: /) });
      expect(await refusal(skewed.s3)).toMatchObject({ name: 'RequestTimeTooSkewed', status: 403, message: 'The difference between the request time and the current time is too large.' });
      const raw = await sendRaw(ahead.port, S3_GET);
      expect(raw.text).toMatch(/<RequestTime>\d{8}T\d{6}Z<\/RequestTime><ServerTime>[-\dT:]+Z<\/ServerTime><MaxAllowedSkewMilliseconds>900000<\/MaxAllowedSkewMilliseconds>/);
      // With retries on, the SDK reads the endpoint's Date header, corrects its clock and gets through.
      expect(await clients(ahead.endpoint, TEST_KEY, 3).sts()).toMatchObject({ UserId: TEST_KEY.accessKeyId });
    } finally {
      await ahead.close();
    }
  });

  it('refuses a request signed more than 15 minutes after the endpoint clock, and accepts 14 minutes either way', async () => {
    const now = Date.now();
    const future = await sendRaw(server.port, ecrRequest('DescribeRepositories', {}, { signingDate: new Date(now + 16 * 60_000) }));
    expect(JSON.parse(future.text).message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
    for (const minutes of [-14, 14]) {
      const near = await sendRaw(server.port, ecrRequest('DescribeRepositories', {}, { signingDate: new Date(now + minutes * 60_000) }));
      expect(near.status).toBe(200);
    }
  });
});

describe('presigned URLs (S3)', () => {
  it("serves a URL presigned by the SDK's presigner, and refuses it tampered or past X-Amz-Expires", async () => {
    const s3 = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: TEST_KEY, forcePathStyle: true });
    await sendRaw(server.port, { service: 's3', method: 'PUT', path: '/existing/shared.txt', body: 'shared' });
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'existing', Key: 'shared.txt' }), { expiresIn: 60 });
    expect(url).toContain('X-Amz-Content-Sha256=UNSIGNED-PAYLOAD');
    const good = await fetch(url);
    expect([good.status, await good.text()]).toEqual([200, 'shared']);
    const tampered = await fetch(url.replace('shared.txt', 'other.txt'));
    expect([tampered.status, await tampered.text()]).toEqual([403, expect.stringContaining('<Code>SignatureDoesNotMatch</Code>')]);
    const old = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'existing', Key: 'shared.txt' }), { expiresIn: 60, signingDate: new Date(Date.now() - 120_000) });
    const expired = await fetch(old);
    expect([expired.status, await expired.text()]).toEqual([403, expect.stringMatching(/<Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>60<\/X-Amz-Expires><Expires>[-\dT:]+Z<\/Expires><ServerTime>/)]);
  });
});

describe('who may call', () => {
  it('refuses a Host that is not the endpoint address (DNS rebinding), even when correctly signed', async () => {
    const foreign = (request: RawRequest): RawRequest => ({ ...request, headers: { ...request.headers, host: `rebound.example:${server.port}` } });
    const json = await sendRaw(server.port, foreign(ecrRequest('DescribeRepositories', {})));
    expect([json.status, JSON.parse(json.text).__type]).toEqual([403, 'AccessDeniedException']);
    expect(JSON.parse(json.text).message).toBe(`The Host 'rebound.example:${server.port}' is not this endpoint's address (127.0.0.1:${server.port} or localhost:${server.port}); requests through other names are refused.`);
    const query = await sendRaw(server.port, foreign(queryRequest({ Action: 'GetCallerIdentity', Version: '2011-06-15' })));
    expect([query.status, query.text]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    const s3 = await sendRaw(server.port, foreign(S3_GET));
    expect([s3.status, s3.text]).toEqual([403, expect.stringContaining('<Code>AccessDenied</Code>')]);
    const virtualHosted = await sendRaw(server.port, { ...S3_GET, path: '/k', headers: { host: `existing.localhost:${server.port}` } });
    expect(virtualHosted.text).toContain(`S3 buckets are addressed path-style here (http://localhost:${server.port}/&lt;bucket&gt;/&lt;key&gt;; the AWS SDK&apos;s forcePathStyle: true).`);
    const described = ecrRequest('DescribeRepositories', {});
    const local = await sendRaw(server.port, { ...described, headers: { ...described.headers, host: `localhost:${server.port}` } });
    expect(local.status).toBe(200);
  });

  it("refuses browser requests from another origin, and accepts the endpoint's own", async () => {
    const described = ecrRequest('DescribeRepositories', {});
    const from = (origin: string) => sendRaw(server.port, { ...described, headers: { ...described.headers, origin } });
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${server.port + 1}`]) {
      const answer = await from(origin);
      expect([origin, answer.status, JSON.parse(answer.text).__type]).toEqual([origin, 403, 'AccessDeniedException']);
    }
    expect((await from(`http://127.0.0.1:${server.port}`)).status).toBe(200);
  });
});
