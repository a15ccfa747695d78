// Hostile input to the registry's /v2/ API and ECR calls (issue 16): numbers in query parameters
// and headers, manifests too deep or too large, JSON keys that name Object.prototype. Each is
// refused with the spec's error envelope (never a 500), and nothing refused is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type RawRequest } from '../registry/http-client.js';
import { sha256, startRegistry, tinyImage, type RegistryFixture } from '../registry/registry-fixture.js';
import type { RegistryEvent } from '../../src/local/registry/index.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
let fx: RegistryFixture;
const failures: RegistryEvent[] = [];

function call(method: string, path: string, options: RawRequest = {}) {
  return send(fx.endpoint, method, path, { ...options, headers: { Authorization: fx.authorization, ...options.headers } });
}

async function pushBlob(bytes: Buffer): Promise<void> {
  const res = await call('POST', `/v2/app/blobs/uploads/?digest=${sha256(bytes)}`, { body: bytes });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  fx = await startRegistry({ reporter: { emit: (event) => event.type === 'registry.request.failed' && failures.push(event) } });
  fx.registry.createRepository({ repositoryName: 'app' });
  const image = tinyImage('numbers');
  await pushBlob(image.config);
  await pushBlob(image.layer);
  for (const tag of ['a', 'b', 'c']) expect((await call('PUT', `/v2/app/manifests/${tag}`, { body: image.manifest, headers: { 'Content-Type': OCI_MANIFEST } })).status).toBe(201);
});
afterAll(async () => {
  // No request of this file may have been an internal error.
  expect(failures).toEqual([]);
  await fx.stop();
});

describe('numbers in query parameters', () => {
  const refused = ['99999999999999999999', '1001', '100000', '-1', 'abc', '1e3', '', '0x10', '１', '10 ', '2.5', '9007199254740993'];
  for (const path of ['/v2/app/tags/list', '/v2/_catalog']) {
    it(`refuses every n that is not a whole number from 0 to 1000 on ${path} with 400 PAGINATION_NUMBER_INVALID`, async () => {
      for (const n of refused) {
        const res = await call('GET', `${path}?n=${encodeURIComponent(n)}`);
        expect([n, res.status, res.errorCodes()]).toEqual([n, 400, ['PAGINATION_NUMBER_INVALID']]);
      }
    });
  }

  it('takes n from 0 to 1000 and pages by it', async () => {
    expect((await call('GET', '/v2/app/tags/list?n=0')).json()).toEqual({ name: 'app', tags: [] });
    expect((await call('GET', '/v2/app/tags/list?n=1000')).json()).toEqual({ name: 'app', tags: ['a', 'b', 'c'] });
    const page = await call('GET', '/v2/app/tags/list?n=2&last=a');
    expect([page.status, page.json(), page.headers.link]).toEqual([200, { name: 'app', tags: ['b', 'c'] }, undefined]);
  });

  it('refuses a Content-Range beyond 2^53 or running backwards with 416, and serves or refuses every Range without a 500', async () => {
    const start = await call('POST', '/v2/app/blobs/uploads/');
    for (const range of ['0-99999999999999999999', '5-1', '99999999999999999999-99999999999999999999']) {
      const res = await call('PATCH', start.headers.location!, { body: 'x', headers: { 'Content-Range': range } });
      expect([range, res.status, res.errorCodes()]).toEqual([range, 416, ['BLOB_UPLOAD_INVALID']]);
    }
    const layer = tinyImage('numbers').layer;
    const statuses = [];
    for (const range of ['bytes=0-99999999999999999999', 'bytes=99999999999999999999-', 'bytes=-99999999999999999999', 'bytes=5-2', 'bytes=0-0']) {
      statuses.push((await call('GET', `/v2/app/blobs/${sha256(layer)}`, { headers: { Range: range } })).status);
    }
    expect(statuses).toEqual([206, 416, 206, 416, 206]);
  });

  it("refuses ECR maxResults outside 1-1000 and a nextToken past 2^53 with ECR's InvalidParameterException", () => {
    for (const maxResults of [0, 1001, 1e20, 2.5, Number.NaN, -1]) {
      expect(() => fx.registry.describeImages({ repositoryName: 'app', maxResults }), String(maxResults)).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
      expect(() => fx.registry.listImages({ repositoryName: 'app', maxResults }), String(maxResults)).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
    }
    const nextToken = Buffer.from('99999999999999999999').toString('base64url');
    expect(() => fx.registry.listImages({ repositoryName: 'app', nextToken })).toThrow(expect.objectContaining({ code: 'InvalidParameterException' }));
  });
});

describe('manifests too deep or too large', () => {
  // A manifest that is valid but for one extra field: the registry used to store these.
  const withExtra = (extra: string) => Buffer.from(tinyImage('numbers').manifest.toString().replace(/^\{/, `{"x":${extra},`));
  const variants: [string, Buffer][] = [
    ['100,000 nested arrays', withExtra(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
    ['100,000 nested objects', withExtra(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)],
    ['101 levels, one past the limit', withExtra(`${'['.repeat(100)}${']'.repeat(100)}`)],
    ['deep nesting inside a layer descriptor', Buffer.from(tinyImage('numbers').manifest.toString().replace('"layers":[{', `"layers":[{"x":${'['.repeat(200)}${']'.repeat(200)},`))],
    ['a deep document that is not even closed', Buffer.from(`{"schemaVersion":2,"x":${'['.repeat(50_000)}`)],
    ['one byte over 4 MiB', withExtra(`"${' '.repeat(4 * 1024 * 1024)}"`)],
  ];
  for (const [label, body] of variants) {
    it(`refuses ${label} with MANIFEST_INVALID and stores nothing`, async () => {
      const digest = sha256(body);
      const byTag = await call('PUT', '/v2/app/manifests/refused', { body, headers: { 'Content-Type': OCI_MANIFEST } });
      const byDigest = await call('PUT', `/v2/app/manifests/${digest}`, { body, headers: { 'Content-Type': OCI_MANIFEST } });
      for (const res of [byTag, byDigest]) expect(res.errorCodes()).toEqual(['MANIFEST_INVALID']);
      expect([byTag.status, byDigest.status]).toEqual(body.length > 4 * 1024 * 1024 ? [413, 413] : [400, 400]);
      expect((await call('GET', `/v2/app/manifests/${digest}`)).status).toBe(404);
      expect((await call('GET', '/v2/app/tags/list')).json()).toEqual({ name: 'app', tags: ['a', 'b', 'c'] });
    });
  }
});

describe('JSON keys that name Object.prototype', () => {
  it('stores and serves a manifest with __proto__ and constructor keys byte for byte, and Object.prototype stays clean', async () => {
    const image = tinyImage('proto');
    await pushBlob(image.config);
    await pushBlob(image.layer);
    const document = JSON.parse(image.manifest.toString()) as Record<string, unknown>;
    const text = JSON.stringify(document).replace(
      /^\{/,
      '{"__proto__":{"polluted":"yes","schemaVersion":1},"constructor":{"prototype":{"polluted":"yes"}},"annotations":{"__proto__":"x","toString":"y"},',
    );
    const body = Buffer.from(text);
    const put = await call('PUT', '/v2/app/manifests/proto', { body, headers: { 'Content-Type': OCI_MANIFEST } });
    expect(put.status).toBe(201);
    const get = await call('GET', '/v2/app/manifests/proto');
    expect(get.body.equals(body)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(fx.registry.describeImages({ repositoryName: 'app', imageIds: [{ imageTag: 'proto' }] }).imageDetails[0]!.imageDigest).toBe(sha256(body));
  });
});
