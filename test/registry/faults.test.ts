// Faults: a client that dies mid-upload, a registry killed mid-upload and restarted, concurrent
// pushes of one layer. Each must leave nothing partial visible and nothing corrupted.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type RawRequest, type RawResponse } from './http-client.js';
import { sha256, startRegistry, type RegistryFixture } from './registry-fixture.js';
import { startRegistryProcess } from './registry-process.js';

const MiB = 1024 * 1024;

/** Sends the start of a body, then drops the connection like a killed client. */
function abandonUpload(endpoint: string, path: string, headers: Record<string, string | number>, partial: Buffer, declared: number): Promise<void> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const req = request({ host: url.hostname, port: url.port, method: 'PATCH', path, headers: { ...headers, 'Content-Length': declared }, agent: false });
    req.on('error', () => resolve());
    req.write(partial, () => setTimeout(() => {
      req.destroy();
      resolve();
    }, 200));
  });
}

/**
 * PATCHes a chunk, again while the registry still answers that the upload is receiving one: it
 * notices a cut-off request only once its socket closes and the write has been cleaned up, and
 * nothing outside says when that is, so wait for it (with a deadline no loaded machine misses).
 */
async function patchOnceReleased(endpoint: string, location: string, options: RawRequest): Promise<RawResponse> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await send(endpoint, 'PATCH', location, options);
    const busy = response.status === 416 && response.body.toString('utf8').includes('is already receiving a chunk');
    if (!busy || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a client killed mid-upload', () => {
  let fx: RegistryFixture;
  beforeAll(async () => {
    fx = await startRegistry();
    fx.registry.createRepository({ repositoryName: 'app' });
  });
  afterAll(() => fx.stop());

  it('leaves the upload at its last whole chunk, and a retry completes with the right bytes', async () => {
    const auth = { Authorization: fx.authorization };
    const layer = randomBytes(2 * MiB);
    const location = (await send(fx.endpoint, 'POST', '/v2/app/blobs/uploads/', { headers: auth })).headers.location!;
    await abandonUpload(fx.endpoint, location, auth, layer.subarray(0, MiB / 2), layer.length);
    expect((await send(fx.endpoint, 'GET', location, { headers: auth })).headers.range).toBe('0-0');
    expect((await send(fx.endpoint, 'HEAD', `/v2/app/blobs/${sha256(layer)}`, { headers: auth })).status).toBe(404);

    const retry = await patchOnceReleased(fx.endpoint, location, { headers: { ...auth, 'Content-Range': `0-${layer.length - 1}` }, body: layer });
    expect([retry.status, retry.headers.range]).toEqual([202, `0-${layer.length - 1}`]);
    expect((await send(fx.endpoint, 'PUT', `${location}?digest=${sha256(layer)}`, { headers: auth })).status).toBe(201);
    const stored = await send(fx.endpoint, 'GET', `/v2/app/blobs/${sha256(layer)}`, { headers: auth });
    expect(stored.body.equals(layer)).toBe(true);
  });

  it('makes nothing visible when a single-POST upload is cut off', async () => {
    const auth = { Authorization: fx.authorization };
    const layer = randomBytes(MiB);
    const url = new URL(fx.endpoint);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: `/v2/app/blobs/uploads/?digest=${sha256(layer)}`, headers: { ...auth, 'Content-Length': layer.length }, agent: false });
      req.on('error', () => resolve());
      req.write(layer.subarray(0, 1000), () => setTimeout(() => (req.destroy(), resolve()), 200));
    });
    expect((await send(fx.endpoint, 'HEAD', `/v2/app/blobs/${sha256(layer)}`, { headers: auth })).status).toBe(404);
  });

  it('keeps serving after a client disconnects mid-download', async () => {
    const auth = { Authorization: fx.authorization };
    const layer = randomBytes(8 * MiB);
    expect((await send(fx.endpoint, 'POST', `/v2/app/blobs/uploads/?digest=${sha256(layer)}`, { headers: auth, body: layer })).status).toBe(201);
    const url = new URL(fx.endpoint);
    await new Promise<void>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: `/v2/app/blobs/${sha256(layer)}`, headers: auth, agent: false }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
    const again = await send(fx.endpoint, 'GET', `/v2/app/blobs/${sha256(layer)}`, { headers: auth });
    expect(again.body.equals(layer)).toBe(true);
  });

  it('stores one layer pushed by several clients at once exactly once, intact', async () => {
    const auth = { Authorization: fx.authorization };
    const layer = randomBytes(3 * MiB);
    const pushes = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const location = (await send(fx.endpoint, 'POST', '/v2/app/blobs/uploads/', { headers: auth })).headers.location!;
        await send(fx.endpoint, 'PATCH', location, { headers: auth, body: layer });
        return (await send(fx.endpoint, 'PUT', `${location}?digest=${sha256(layer)}`, { headers: auth })).status;
      }),
    );
    expect(pushes).toEqual([201, 201, 201, 201]);
    expect((await send(fx.endpoint, 'GET', `/v2/app/blobs/${sha256(layer)}`, { headers: auth })).body.equals(layer)).toBe(true);
  });
});

describe('the registry killed mid-upload', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'slipway-registry-kill-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes the upload after a restart from the last whole chunk, and the blob verifies', async () => {
    const layer = randomBytes(4 * MiB);
    const first = await startRegistryProcess(['--data', dataDir, '--no-auth', '--repository', 'app']);
    const { endpoint } = first.startup;
    const location = (await send(endpoint, 'POST', '/v2/app/blobs/uploads/')).headers.location!;
    const chunk = await send(endpoint, 'PATCH', location, { headers: { 'Content-Range': `0-${MiB - 1}` }, body: layer.subarray(0, MiB) });
    expect(chunk.headers.range).toBe(`0-${MiB - 1}`);

    // The second chunk is cut off by SIGKILL halfway through.
    const url = new URL(endpoint);
    const cut = request({ host: url.hostname, port: url.port, method: 'PATCH', path: location, headers: { 'Content-Range': `${MiB}-${4 * MiB - 1}`, 'Content-Length': 3 * MiB }, agent: false });
    cut.on('error', () => {});
    await new Promise<void>((resolve) => cut.write(layer.subarray(MiB, 2 * MiB), () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await startRegistryProcess(['--data', dataDir, '--no-auth']);
    try {
      const restarted = second.startup.endpoint;
      expect((await send(restarted, 'HEAD', `/v2/app/blobs/${sha256(layer)}`)).status).toBe(404);
      expect((await send(restarted, 'GET', location)).headers.range).toBe(`0-${MiB - 1}`);
      const rest = await send(restarted, 'PATCH', location, { headers: { 'Content-Range': `${MiB}-${4 * MiB - 1}` }, body: layer.subarray(MiB) });
      expect(rest.headers.range).toBe(`0-${4 * MiB - 1}`);
      expect((await send(restarted, 'PUT', `${location}?digest=${sha256(layer)}`)).status).toBe(201);
      expect((await send(restarted, 'GET', `/v2/app/blobs/${sha256(layer)}`)).body.equals(layer)).toBe(true);
      expect(readdirSync(join(dataDir, 'uploads'))).toEqual([]);
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
    expect(second.stderr()).toContain('registry stopped');
  });
});
