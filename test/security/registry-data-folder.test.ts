// The registry's data folder under attack (issue 16): a symbolic link planted where the registry
// writes (password, endpoint record, lock, database, blob and upload folders and files) is never
// followed, and under umask 000 every folder is 0700 and every file 0600.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, recordRegistryEndpoint, writePasswordFile, type RegistryEvent } from '../../src/local/registry/index.js';
import { send } from '../registry/http-client.js';
import { sha256 } from '../registry/registry-fixture.js';

const CLI = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));
let parent: string;
let data: string;
let victim: string;
let elsewhere: string;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'slipway-registry-links-'));
  data = join(parent, 'data');
  victim = join(parent, 'victim');
  elsewhere = join(parent, 'elsewhere');
  mkdirSync(data);
  mkdirSync(elsewhere);
  writeFileSync(victim, 'victim');
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

/** Nothing outside the data folder changed: the victim file, and the folder a link pointed at. */
function expectNothingOutside(): void {
  expect(readFileSync(victim, 'utf8')).toBe('victim');
  expect(readdirSync(elsewhere)).toEqual([]);
}

describe('a symbolic link planted in the data folder', () => {
  it('at the password file or the endpoint record is replaced, never written through', () => {
    symlinkSync(victim, join(data, 'password'));
    symlinkSync(victim, join(data, 'endpoint'));
    writePasswordFile(data, 'secret');
    recordRegistryEndpoint(data, '127.0.0.1:5000');
    expectNothingOutside();
    for (const [name, content] of [['password', 'secret'], ['endpoint', '127.0.0.1:5000\n']] as const) {
      expect(lstatSync(join(data, name)).isFile()).toBe(true);
      expect(readFileSync(join(data, name), 'utf8')).toBe(content);
    }
  });

  it("at the lock file's temporary name is removed, and the registry still opens", async () => {
    symlinkSync(victim, join(data, `registry.lock.new-${process.pid}`));
    const registry = openRegistry({ dataDir: data, maintenanceIntervalMs: 0 });
    await registry.close();
    expectNothingOutside();
  });

  for (const name of ['registry.db', 'registry.db-wal', 'registry.db-shm']) {
    it(`at ${name} makes the registry refuse to open, naming it`, () => {
      symlinkSync(victim, join(data, name));
      expect(() => openRegistry({ dataDir: data, maintenanceIntervalMs: 0 })).toThrow(expect.objectContaining({ code: 'RegistryDataUnsafe', message: expect.stringContaining(join(data, name)) }));
      expectNothingOutside();
    });
  }

  for (const name of ['blobs', 'uploads']) {
    it(`at the ${name} folder makes the registry refuse to open`, () => {
      symlinkSync(elsewhere, join(data, name));
      expect(() => openRegistry({ dataDir: data, maintenanceIntervalMs: 0 })).toThrow(expect.objectContaining({ code: 'RegistryDataUnsafe' }));
      expectNothingOutside();
    });
  }

  it("at a digest's folder, at an upload's file or at a blob's file is never written through or served", async () => {
    const failures: RegistryEvent[] = [];
    const registry = openRegistry({ dataDir: data, maintenanceIntervalMs: 0, requireAuth: false, reporter: { emit: (event) => failures.push(event) } });
    try {
      registry.createRepository({ repositoryName: 'app' });
      const { endpoint } = await registry.listen();
      const bytes = Buffer.from('a layer');
      const hex = sha256(bytes).slice('sha256:'.length);
      // A digest's folder: the upload is refused (an internal error, reported), nothing lands elsewhere.
      mkdirSync(join(data, 'blobs', 'sha256'), { recursive: true });
      symlinkSync(elsewhere, join(data, 'blobs', 'sha256', hex.slice(0, 2)));
      const planted = await send(endpoint, 'POST', `/v2/app/blobs/uploads/?digest=${sha256(bytes)}`, { body: bytes });
      expect(planted.status).toBe(500);
      expect(failures.map((event) => event.type === 'registry.request.failed' && event.error)).toEqual([expect.stringContaining(`${join(data, 'blobs', 'sha256', hex.slice(0, 2))} is a symbolic link`)]);
      rmSync(join(data, 'blobs', 'sha256', hex.slice(0, 2)));
      // An upload's file swapped for a link between two chunks: the next chunk is refused.
      const location = (await send(endpoint, 'POST', '/v2/app/blobs/uploads/')).headers.location!;
      expect((await send(endpoint, 'PATCH', location, { body: 'one' })).status).toBe(202);
      const uploadFile = join(data, 'uploads', location.split('/').pop()!);
      rmSync(uploadFile);
      symlinkSync(victim, uploadFile);
      expect((await send(endpoint, 'PATCH', location, { body: 'two' })).status).toBeGreaterThanOrEqual(400);
      expect((await send(endpoint, 'PUT', `${location}?digest=${sha256('onetwo')}`)).status).toBeGreaterThanOrEqual(400);
      // A stored blob swapped for a link: answered as missing, the link's target never served.
      expect((await send(endpoint, 'POST', `/v2/app/blobs/uploads/?digest=${sha256(bytes)}`, { body: bytes })).status).toBe(201);
      const blobFile = join(data, 'blobs', 'sha256', hex.slice(0, 2), hex);
      rmSync(blobFile);
      symlinkSync(victim, blobFile);
      const served = await send(endpoint, 'GET', `/v2/app/blobs/${sha256(bytes)}`);
      expect([served.status, served.body.toString().includes('victim')]).toEqual([404, false]);
      expectNothingOutside();
    } finally {
      await registry.close();
    }
  });
});

/** Every entry under `dir` with its permission bits, as `relative path: mode`. */
function modesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const info = lstatSync(path);
    const line = `${prefix}${name}${info.isDirectory() ? '/' : ''}: ${(info.mode & 0o777).toString(8)}`;
    return info.isDirectory() ? [line, ...modesUnder(path, `${prefix}${name}/`)] : [line];
  });
}

describe('`slipway registry` under umask 000', () => {
  it('makes its data folder and every folder in it 0700 and every file 0600', async () => {
    if (!existsSync(join(CLI, '../../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
    data = join(parent, 'fresh', 'registry');
    const child = spawn('sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, CLI, 'registry', '--port', '0', '--json', '--data', data, '--repository', 'app'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      const startup = await new Promise<{ endpoint: string; passwordFile: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()) && out.includes('\n') && resolve(JSON.parse(out.split('\n')[0]!)));
        child.on('exit', (code) => reject(new Error(`slipway registry exited (${code})`)));
      });
      const authorization = `Basic ${Buffer.from(`AWS:${readFileSync(startup.passwordFile, 'utf8')}`).toString('base64')}`;
      const bytes = Buffer.from('layer under umask 000');
      expect((await send(startup.endpoint, 'POST', `/v2/app/blobs/uploads/?digest=${sha256(bytes)}`, { body: bytes, headers: { Authorization: authorization } })).status).toBe(201);
      expect((await send(startup.endpoint, 'POST', '/v2/app/blobs/uploads/', { headers: { Authorization: authorization } })).status).toBe(202);
      const modes = modesUnder(join(parent, 'fresh'));
      expect(modes.filter((line) => line.endsWith('/: 700') || line.endsWith(': 600'))).toEqual(modes);
      // What must be there: the folders, the database, the password, the lock, a blob and an upload.
      expect(modes.join('\n')).toMatch(/registry\/blobs\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}: 600/);
      for (const name of ['registry/: 700', 'registry/registry.db: 600', 'registry/password: 600', 'registry/registry.lock: 600', 'registry/endpoint: 600']) expect(modes).toContain(name);
      expect(modes.some((line) => /registry\/uploads\/[0-9a-f-]{36}: 600/.test(line))).toBe(true);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
    expectNothingOutside();
  });
});
