// The /v2/ API spoken over real HTTP on 127.0.0.1, request by request, as the OCI distribution
// spec describes it, with ECR's refusals.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type RawRequest } from './http-client.js';
import { sha256, startRegistry, tinyImage, type RegistryFixture } from './registry-fixture.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
let fx: RegistryFixture;

function call(method: string, path: string, options: RawRequest = {}) {
  return send(fx.endpoint, method, path, { ...options, headers: { Authorization: fx.authorization, ...options.headers } });
}

async function pushBlob(repository: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const res = await call('POST', `/v2/${repository}/blobs/uploads/?digest=${digest}`, { body: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
  expect(res.status).toBe(201);
  return digest;
}

async function pushImage(repository: string, tag: string, seed: string) {
  const image = tinyImage(seed);
  await pushBlob(repository, image.config);
  await pushBlob(repository, image.layer);
  const res = await call('PUT', `/v2/${repository}/manifests/${tag}`, { body: image.manifest, headers: { 'Content-Type': OCI_MANIFEST } });
  expect(res.status).toBe(201);
  return image;
}

beforeAll(async () => {
  fx = await startRegistry();
  for (const repositoryName of ['app', 'other', 'team/service', 'locked']) fx.registry.createRepository({ repositoryName });
  fx.registry.putImageTagMutability({ repositoryName: 'locked', imageTagMutability: 'IMMUTABLE' });
});
afterAll(() => fx.stop());

describe('authentication', () => {
  it('challenges anonymous requests with Basic, as docker login expects', async () => {
    const res = await send(fx.endpoint, 'GET', '/v2/');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="http:\/\/127\.0\.0\.1:\d+\/"/);
    expect(res.headers['docker-distribution-api-version']).toBe('registry/2.0');
    expect(res.errorCodes()).toEqual(['UNAUTHORIZED']);
  });

  it('refuses a wrong password and a user other than AWS', async () => {
    const wrong = await send(fx.endpoint, 'GET', '/v2/', { headers: { Authorization: `Basic ${Buffer.from('AWS:nope').toString('base64')}` } });
    const user = await send(fx.endpoint, 'GET', '/v2/', { headers: { Authorization: `Basic ${Buffer.from(`root:${fx.password}`).toString('base64')}` } });
    expect([wrong.status, user.status]).toEqual([401, 401]);
  });

  it('answers the version check for user AWS with a GetAuthorizationToken password', async () => {
    const res = await call('GET', '/v2/');
    expect(res.status).toBe(200);
    expect(res.headers['docker-distribution-api-version']).toBe('registry/2.0');
  });
});

describe('blobs', () => {
  it('uploads monolithically (POST then PUT) and serves the blob with its digest', async () => {
    const bytes = Buffer.from('monolithic upload');
    const start = await call('POST', '/v2/app/blobs/uploads/');
    expect(start.status).toBe(202);
    expect(start.headers.range).toBe('0-0');
    const location = start.headers.location!;
    expect(location).toMatch(/^\/v2\/app\/blobs\/uploads\/[0-9a-f-]{36}$/);
    expect(start.headers['docker-upload-uuid']).toBe(location.split('/').pop());
    const put = await call('PUT', `${location}?digest=${sha256(bytes)}`, { body: bytes });
    expect(put.status).toBe(201);
    expect(put.headers.location).toBe(`/v2/app/blobs/${sha256(bytes)}`);
    expect(put.headers['docker-content-digest']).toBe(sha256(bytes));
    const get = await call('GET', `/v2/app/blobs/${sha256(bytes)}`);
    expect([get.status, get.body.toString(), get.headers['docker-content-digest']]).toEqual([200, 'monolithic upload', sha256(bytes)]);
    const head = await call('HEAD', `/v2/app/blobs/${sha256(bytes)}`);
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, String(bytes.length), 0]);
  });

  it('uploads in chunks with Content-Range, reports progress on GET and refuses a chunk out of order', async () => {
    const bytes = Buffer.from('0123456789abcdefghij');
    const location = (await call('POST', '/v2/app/blobs/uploads/')).headers.location!;
    const first = await call('PATCH', location, { body: bytes.subarray(0, 8), headers: { 'Content-Range': '0-7', 'Content-Type': 'application/octet-stream' } });
    expect([first.status, first.headers.range]).toEqual([202, '0-7']);
    const skipped = await call('PATCH', location, { body: bytes.subarray(12), headers: { 'Content-Range': '12-19' } });
    expect([skipped.status, skipped.headers.range, skipped.errorCodes()]).toEqual([416, '0-7', ['BLOB_UPLOAD_INVALID']]);
    const status = await call('GET', location);
    expect([status.status, status.headers.range]).toEqual([204, '0-7']);
    expect((await call('PATCH', location, { body: bytes.subarray(8), headers: { 'Content-Range': '8-19' } })).headers.range).toBe('0-19');
    expect((await call('PUT', `${location}?digest=${sha256(bytes)}`)).status).toBe(201);
    expect((await call('GET', `/v2/app/blobs/${sha256(bytes)}`)).body.toString()).toBe(bytes.toString());
  });

  it('serves byte ranges and refuses ranges past the end with 416', async () => {
    const digest = await pushBlob('app', Buffer.from('range-me-please'));
    const part = await call('GET', `/v2/app/blobs/${digest}`, { headers: { Range: 'bytes=6-7' } });
    expect([part.status, part.body.toString(), part.headers['content-range']]).toEqual([206, 'me', 'bytes 6-7/15']);
    const tail = await call('GET', `/v2/app/blobs/${digest}`, { headers: { Range: 'bytes=-6' } });
    expect(tail.body.toString()).toBe('please');
    const outside = await call('GET', `/v2/app/blobs/${digest}`, { headers: { Range: 'bytes=99-' } });
    expect([outside.status, outside.headers['content-range']]).toEqual([416, 'bytes */15']);
  });

  it('mounts a blob from another repository without uploading it, and starts an upload when the source lacks it', async () => {
    const digest = await pushBlob('app', Buffer.from('shared layer'));
    expect((await call('HEAD', `/v2/other/blobs/${digest}`)).status).toBe(404);
    const mounted = await call('POST', `/v2/other/blobs/uploads/?mount=${digest}&from=app`);
    expect([mounted.status, mounted.headers.location, mounted.headers['docker-content-digest']]).toEqual([201, `/v2/other/blobs/${digest}`, digest]);
    expect((await call('HEAD', `/v2/other/blobs/${digest}`)).status).toBe(200);
    const fallback = await call('POST', `/v2/other/blobs/uploads/?mount=${sha256('absent')}&from=app`);
    expect(fallback.status).toBe(202);
  });

  it('refuses an upload whose content does not match its digest, and keeps nothing', async () => {
    const claimed = sha256('what the client says');
    const uploadsBefore = readdirSync(`${fx.dataDir}/uploads`);
    const res = await call('POST', `/v2/app/blobs/uploads/?digest=${claimed}`, { body: 'what the client sends' });
    expect([res.status, res.errorCodes()]).toEqual([400, ['DIGEST_INVALID']]);
    expect((await call('HEAD', `/v2/app/blobs/${claimed}`)).status).toBe(404);
    expect((await call('HEAD', `/v2/app/blobs/${sha256('what the client sends')}`)).status).toBe(404);
    expect(readdirSync(`${fx.dataDir}/uploads`)).toEqual(uploadsBefore);
  });

  it('answers BLOB_UNKNOWN for a blob never pushed and BLOB_UPLOAD_UNKNOWN for an unknown upload', async () => {
    expect((await call('GET', `/v2/app/blobs/${sha256('never')}`)).errorCodes()).toEqual(['BLOB_UNKNOWN']);
    const res = await call('PATCH', '/v2/app/blobs/uploads/00000000-0000-0000-0000-000000000000', { body: 'x' });
    expect([res.status, res.errorCodes()]).toEqual([404, ['BLOB_UPLOAD_UNKNOWN']]);
  });

  it('deletes a blob link no image uses, and refuses to delete a layer an image uses', async () => {
    const loose = await pushBlob('app', Buffer.from('loose blob'));
    expect((await call('DELETE', `/v2/app/blobs/${loose}`)).status).toBe(202);
    expect((await call('HEAD', `/v2/app/blobs/${loose}`)).status).toBe(404);
    const image = await pushImage('app', 'blob-delete', 'blob-delete');
    const refused = await call('DELETE', `/v2/app/blobs/${sha256(image.layer)}`);
    expect([refused.status, refused.errorCodes()]).toEqual([405, ['UNSUPPORTED']]);
  });
});

describe('manifests', () => {
  it('stores an image by tag and serves it by tag and by digest with the right headers', async () => {
    const image = await pushImage('app', 'v1', 'v1');
    for (const reference of ['v1', image.digest]) {
      const res = await call('GET', `/v2/app/manifests/${reference}`, { headers: { Accept: OCI_MANIFEST } });
      expect([res.status, res.headers['content-type'], res.headers['docker-content-digest']]).toEqual([200, OCI_MANIFEST, image.digest]);
      expect(res.body.equals(image.manifest)).toBe(true);
    }
    const head = await call('HEAD', '/v2/app/manifests/v1');
    expect([head.status, head.headers['content-length']]).toEqual([200, String(image.manifest.length)]);
  });

  it("answers ECR's NAME_UNKNOWN for a repository that was never created", async () => {
    const res = await call('PUT', '/v2/ghost/manifests/latest', { body: tinyImage('x').manifest, headers: { 'Content-Type': OCI_MANIFEST } });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({ errors: [{ code: 'NAME_UNKNOWN', message: "The repository with name 'ghost' does not exist in the registry with id '000000000000'", detail: null }] });
    expect((await call('POST', '/v2/ghost/blobs/uploads/')).errorCodes()).toEqual(['NAME_UNKNOWN']);
  });

  it('refuses a manifest whose blobs are missing with MANIFEST_BLOB_UNKNOWN', async () => {
    const image = tinyImage('missing-blobs');
    await pushBlob('app', image.config);
    const res = await call('PUT', '/v2/app/manifests/broken', { body: image.manifest, headers: { 'Content-Type': OCI_MANIFEST } });
    expect([res.status, res.errorCodes()]).toEqual([400, ['MANIFEST_BLOB_UNKNOWN']]);
    expect((await call('GET', '/v2/app/manifests/broken')).status).toBe(404);
  });

  it('refuses a malformed manifest, a digest that does not match, and one over 4 MiB', async () => {
    const malformed = await call('PUT', '/v2/app/manifests/bad', { body: '{"schemaVersion": 2,', headers: { 'Content-Type': OCI_MANIFEST } });
    expect([malformed.status, malformed.errorCodes()]).toEqual([400, ['MANIFEST_INVALID']]);
    const image = await pushImage('app', 'digest-check', 'digest-check');
    const mismatch = await call('PUT', `/v2/app/manifests/${sha256('other')}`, { body: image.manifest, headers: { 'Content-Type': OCI_MANIFEST } });
    expect([mismatch.status, mismatch.errorCodes()]).toEqual([400, ['DIGEST_INVALID']]);
    const huge = await call('PUT', '/v2/app/manifests/huge', { body: Buffer.alloc(4 * 1024 * 1024 + 10, 32), headers: { 'Content-Type': OCI_MANIFEST } });
    expect([huge.status, huge.errorCodes()]).toEqual([413, ['MANIFEST_INVALID']]);
  });

  it("refuses to overwrite a tag in an immutable repository with ECR's TAG_INVALID, even with the same digest", async () => {
    const image = await pushImage('locked', 'v1', 'locked');
    const again = await call('PUT', '/v2/locked/manifests/v1', { body: image.manifest, headers: { 'Content-Type': OCI_MANIFEST } });
    expect(again.status).toBe(400);
    expect(again.json()).toMatchObject({ errors: [{ code: 'TAG_INVALID', message: "The image tag 'v1' already exists in the 'locked' repository and cannot be overwritten because the repository is immutable." }] });
  });

  it('stores an index whose children are present, and refuses one with a missing child', async () => {
    const amd = await pushImage('app', 'amd', 'amd64');
    const index = (digest: string, size: number) =>
      Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest, size, platform: { os: 'linux', architecture: 'amd64' } }] }));
    const ok = await call('PUT', '/v2/app/manifests/multi', { body: index(amd.digest, amd.manifest.length), headers: { 'Content-Type': OCI_INDEX } });
    expect(ok.status).toBe(201);
    expect((await call('GET', '/v2/app/manifests/multi')).headers['content-type']).toBe(OCI_INDEX);
    const missing = await call('PUT', '/v2/app/manifests/multi2', { body: index(sha256('nothing'), 10), headers: { 'Content-Type': OCI_INDEX } });
    expect(missing.errorCodes()).toEqual(['MANIFEST_BLOB_UNKNOWN']);
    const childDelete = await call('DELETE', `/v2/app/manifests/${amd.digest}`);
    expect([childDelete.status, childDelete.errorCodes()]).toEqual([405, ['UNSUPPORTED']]);
  });

  it('deletes by tag (the image goes with its last tag) and by digest', async () => {
    const image = await pushImage('app', 'short-lived', 'short-lived');
    expect((await call('DELETE', '/v2/app/manifests/short-lived')).status).toBe(202);
    expect((await call('GET', `/v2/app/manifests/${image.digest}`)).errorCodes()).toEqual(['MANIFEST_UNKNOWN']);
    const second = await pushImage('app', 'by-digest', 'by-digest');
    expect((await call('DELETE', `/v2/app/manifests/${second.digest}`)).status).toBe(202);
    expect((await call('GET', '/v2/app/manifests/by-digest')).json()).toMatchObject({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'Requested image not found' }] });
  });

  it('lists the manifests that name a subject on the referrers endpoint, filtered by artifactType', async () => {
    const subject = await pushImage('app', 'signed', 'signed');
    const emptyConfig = await pushBlob('app', Buffer.from('{}'));
    const signature = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.example.signature',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyConfig, size: 2 },
      layers: [],
      subject: { mediaType: OCI_MANIFEST, digest: subject.digest, size: subject.manifest.length },
      annotations: { 'org.example.signer': 'ci' },
    }));
    const put = await call('PUT', `/v2/app/manifests/${sha256(signature)}`, { body: signature, headers: { 'Content-Type': OCI_MANIFEST } });
    expect(put.headers['oci-subject']).toBe(subject.digest);
    const all = await call('GET', `/v2/app/referrers/${subject.digest}`);
    expect(all.headers['content-type']).toBe(OCI_INDEX);
    expect(all.json()).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: sha256(signature), size: signature.length, artifactType: 'application/vnd.example.signature', annotations: { 'org.example.signer': 'ci' } }] });
    const filtered = await call('GET', `/v2/app/referrers/${subject.digest}?artifactType=application/vnd.example.sbom`);
    expect([filtered.headers['oci-filters-applied'], filtered.json<{ manifests: unknown[] }>().manifests]).toEqual(['artifactType', []]);
  });
});

describe('listing', () => {
  it('pages the tags list with n, last and a Link header', async () => {
    for (const tag of ['a1', 'a2', 'a3']) await pushImage('team/service', tag, tag);
    const first = await call('GET', '/v2/team/service/tags/list?n=2');
    expect(first.json()).toEqual({ name: 'team/service', tags: ['a1', 'a2'] });
    expect(first.headers.link).toBe('</v2/team/service/tags/list?n=2&last=a2>; rel="next"');
    const second = await call('GET', '/v2/team/service/tags/list?n=2&last=a2');
    expect([second.json(), second.headers.link]).toEqual([{ name: 'team/service', tags: ['a3'] }, undefined]);
  });

  it('pages the catalog', async () => {
    const res = await call('GET', '/v2/_catalog?n=2');
    expect(res.json()).toEqual({ repositories: ['app', 'locked'] });
    expect(res.headers.link).toBe('</v2/_catalog?n=2&last=locked>; rel="next"');
    expect((await call('GET', '/v2/_catalog?n=10&last=locked')).json()).toEqual({ repositories: ['other', 'team/service'] });
  });
});

describe('path tricks', () => {
  const tricks = [
    '/v2/../../etc/blobs/uploads/',
    '/v2/app/../other/blobs/uploads/',
    '/v2/%2e%2e/%2e%2e/tmp/blobs/uploads/',
    '/v2/app%2f..%2f..%2ftmp/blobs/uploads/',
    '/v2//tmp/evil/blobs/uploads/',
    '/v2/App/blobs/uploads/',
  ];
  for (const path of tricks) {
    it(`refuses ${path} as NAME_INVALID`, async () => {
      const res = await call('POST', path, { body: 'x' });
      expect([res.status, res.errorCodes()]).toEqual([400, ['NAME_INVALID']]);
    });
  }

  it('refuses digests and upload ids that try to leave the data folder', async () => {
    expect((await call('GET', '/v2/app/blobs/sha256:..%2f..%2fregistry.db')).errorCodes()).toEqual(['DIGEST_INVALID']);
    expect((await call('GET', '/v2/app/manifests/sha256:../../x')).status).toBe(404);
    expect((await call('PUT', `/v2/app/blobs/uploads/..%2f..%2fregistry.db?digest=${sha256('')}`)).errorCodes()).toEqual(['BLOB_UPLOAD_UNKNOWN']);
    expect((await call('PUT', '/v2/app/manifests/..%2Fx', { body: '{}' })).errorCodes()).toEqual(['TAG_INVALID']);
  });

  it('has written nothing outside its data folder', () => {
    expect(readdirSync(fx.parentDir)).toEqual(['data']);
    expect(readdirSync(fx.dataDir).sort()).toEqual(['blobs', 'registry.db', 'registry.db-shm', 'registry.db-wal', 'registry.lock', 'uploads']);
    expect(existsSync('/tmp/evil')).toBe(false);
  });
});
