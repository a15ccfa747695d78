// A chunk still arriving when its upload is closed (issue 16): a PUT that completes the upload,
// or a DELETE that cancels it, stops the chunk first; the chunk is answered BLOB_UPLOAD_UNKNOWN
// and none of its bytes reach the stored blob.
import { readdirSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../registry/http-client.js';
import { sha256, startRegistry, type RegistryFixture } from '../registry/registry-fixture.js';

let fx: RegistryFixture;

const call = (method: string, path: string, body?: Buffer) => send(fx.endpoint, method, path, { body, headers: { Authorization: fx.authorization } });

/** A PATCH that sends `first` now and announces `total` bytes; finish() sends the rest and resolves with the answer. */
function slowPatch(location: string, first: Buffer, total: number) {
  const url = new URL(fx.endpoint);
  let req!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req = request({ host: url.hostname, port: url.port, method: 'PATCH', path: location, agent: false, headers: { Authorization: fx.authorization, 'Content-Length': total } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The registry may close the connection once it has answered; that is its right.
    req.on('error', (error) => (error.message.includes('ECONNRESET') || error.message.includes('EPIPE') ? undefined : reject(error)));
  });
  req.write(first);
  return { answer, finish: (rest: Buffer) => (req.end(rest), answer) };
}

/** Waits until the registry has the first bytes of a chunk on disk (the upload file grew). */
async function chunkArriving(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function startUpload(chunk: Buffer): Promise<string> {
  const location = (await call('POST', '/v2/app/blobs/uploads/')).headers.location!;
  expect((await call('PATCH', location, chunk)).status).toBe(202);
  return location;
}

beforeAll(async () => {
  fx = await startRegistry();
  fx.registry.createRepository({ repositoryName: 'app' });
});
afterAll(() => fx.stop());

describe('a chunk still arriving when its upload is closed', () => {
  it('is refused with BLOB_UPLOAD_UNKNOWN when a PUT completes the upload, and the blob holds only the bytes before it', async () => {
    const first = Buffer.from('first chunk, complete. ');
    const location = await startUpload(first);
    const late = slowPatch(location, Buffer.alloc(64 * 1024, 'L'), 128 * 1024);
    await chunkArriving();
    const put = await call('PUT', `${location}?digest=${sha256(first)}`);
    expect([put.status, put.headers['docker-content-digest']]).toEqual([201, sha256(first)]);
    const answer = await late.finish(Buffer.alloc(64 * 1024, 'L'));
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('BLOB_UPLOAD_UNKNOWN');
    const blob = await call('GET', `/v2/app/blobs/${sha256(first)}`);
    expect([blob.status, blob.body.toString()]).toEqual([200, first.toString()]);
  });

  it('is refused when a DELETE cancels the upload, and no upload file is left', async () => {
    const location = await startUpload(Buffer.from('some bytes'));
    const late = slowPatch(location, Buffer.alloc(32 * 1024, 'D'), 64 * 1024);
    await chunkArriving();
    expect((await call('DELETE', location)).status).toBe(204);
    const answer = await late.finish(Buffer.alloc(32 * 1024, 'D'));
    expect([answer.status, answer.body.includes('BLOB_UPLOAD_UNKNOWN')]).toEqual([404, true]);
    expect(readdirSync(join(fx.dataDir, 'uploads'))).toEqual([]);
    expect((await call('GET', location)).status).toBe(404);
  });

  it('is refused when it starts after the upload was completed or cancelled', async () => {
    const bytes = Buffer.from('done');
    const completed = await startUpload(bytes);
    expect((await call('PUT', `${completed}?digest=${sha256(bytes)}`)).status).toBe(201);
    const cancelled = await startUpload(Buffer.from('gone'));
    expect((await call('DELETE', cancelled)).status).toBe(204);
    for (const location of [completed, cancelled]) {
      const late = await call('PATCH', location, Buffer.from('late'));
      expect([late.status, late.errorCodes()]).toEqual([404, ['BLOB_UPLOAD_UNKNOWN']]);
    }
    const blob = await call('GET', `/v2/app/blobs/${sha256(bytes)}`);
    expect(blob.body.toString()).toBe('done');
  });

  it('lets a second PUT on an upload being completed find it unknown, and the first one store it intact', async () => {
    const bytes = Buffer.alloc(512 * 1024, 'P');
    const location = await startUpload(bytes);
    const [one, two] = await Promise.all([call('PUT', `${location}?digest=${sha256(bytes)}`), call('PUT', `${location}?digest=${sha256(bytes)}`)]);
    expect([one.status, two.status].sort()).toEqual([201, 404]);
    expect((await call('GET', `/v2/app/blobs/${sha256(bytes)}`)).body.equals(bytes)).toBe(true);
  });
});
