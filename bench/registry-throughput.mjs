// Benchmark: slipway's registry against Debian's docker-registry (the reference implementation
// of the distribution spec), started side by side on this machine.
//
//   npm run build && node bench/registry-throughput.mjs [--runs N] [--only skopeo|docker|gigabyte]
//
// Measures, for each registry, the median time of:
//   - skopeo copy push and pull of an image with one 256 MB layer (raw registry speed),
//   - skopeo copy push and pull of an image with 200 small layers,
//   - docker push and pull of a 256 MB image (what a user feels; includes docker's own gzip),
// and prints slipway's throughput ÷ the reference's (above 1.0: slipway is faster), plus the
// peak resident memory (VmHWM) of each registry process during a 1 GB push.
// Images are OCI layouts written here from random bytes; nothing is pulled from the internet.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, openSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';
import { clearInterval, setInterval, setTimeout } from 'node:timers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const wanted = (part) => ONLY === undefined || ONLY === part;
const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'slipway-bench-registry-'));
const started = [];

function log(text) {
  process.stderr.write(`${text}\n`);
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(command, commandArgs, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${commandArgs.join(' ')} failed (${code}):\n${output}`))));
  });
}

/** Times an action after flushing dirty pages, so one side never pays for the other's writes. */
async function timed(action) {
  execFileSync('sync');
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Peak and current resident memory of a process, in MiB, from /proc. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
  return { peak: field('VmHWM'), current: field('VmRSS') };
}

// ---- images ---------------------------------------------------------------------------------

function sha256(bytes) {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Writes a blob of random bytes in 16 MiB pieces (memory stays small) and returns its descriptor. */
async function randomBlob(dir, size) {
  const hash = createHash('sha256');
  const file = join(dir, 'blobs', 'sha256', 'incoming');
  const out = createWriteStream(file);
  for (let written = 0; written < size; ) {
    const piece = randomBytes(Math.min(16 * MiB, size - written));
    hash.update(piece);
    written += piece.length;
    if (!out.write(piece)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  const digest = `sha256:${hash.digest('hex')}`;
  execFileSync('mv', [file, join(dir, 'blobs', 'sha256', digest.slice(7))]);
  return { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size };
}

function jsonBlob(dir, mediaType, value) {
  const bytes = Buffer.from(JSON.stringify(value));
  writeFileSync(join(dir, 'blobs', 'sha256', sha256(bytes).slice(7)), bytes);
  return { mediaType, digest: sha256(bytes), size: bytes.length };
}

/** An OCI layout holding one image with layers of the given sizes, tagged `bench`. */
async function ociImage(name, layerSizes) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const layers = [];
  for (const size of layerSizes) layers.push(await randomBlob(dir, size));
  const config = jsonBlob(dir, 'application/vnd.oci.image.config.v1+json', { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } });
  const manifest = jsonBlob(dir, 'application/vnd.oci.image.manifest.v1+json', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers });
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'bench' } }] }));
  return { dir, bytes: layerSizes.reduce((a, b) => a + b, 0) };
}

// ---- registries -----------------------------------------------------------------------------

const REPOSITORIES = ['big', 'small', 'docker', 'gigabyte'].flatMap((kind) => Array.from({ length: RUNS + 1 }, (_, i) => `${kind}-${i}`));

async function startSlipway() {
  const dataDir = join(work, 'slipway-data');
  const child = spawn(process.execPath, [join(ROOT, 'bin/slipway.js'), 'registry', '--port', '0', '--json', '--data', dataDir, ...REPOSITORIES.flatMap((r) => ['--repository', r])], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`slipway registry exited (${code})`)));
  });
  const startup = JSON.parse(line);
  // The password is never printed: the startup document names the file holding it.
  const password = readFileSync(startup.passwordFile, 'utf8');
  return { name: 'slipway', host: startup.registry, pid: child.pid, creds: `AWS:${password}`, password };
}

async function startReference() {
  const port = await freePort();
  const config = join(work, 'reference.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(work, 'reference-data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  // Its log goes to a file: an unread pipe would fill up and stall the registry.
  const logFile = openSync(join(work, 'reference.log'), 'w');
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: ['ignore', logFile, logFile] });
  started.push(child);
  for (let i = 0; i < 100; i++) {
    try {
      await run('curl', ['-sf', `http://127.0.0.1:${port}/v2/`]);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { name: 'reference', host: `127.0.0.1:${port}`, pid: child.pid, creds: undefined };
}

// ---- clients --------------------------------------------------------------------------------

function skopeoPush(registry, image, repository) {
  const creds = registry.creds ? ['--dest-creds', registry.creds] : [];
  return run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', ...creds, `oci:${image.dir}:bench`, `docker://${registry.host}/${repository}:bench`]);
}

function skopeoPull(registry, repository) {
  const out = join(work, `pulled-${registry.name}-${repository}`);
  const creds = registry.creds ? ['--src-creds', registry.creds] : [];
  return run('skopeo', ['copy', '--quiet', '--src-tls-verify=false', ...creds, `docker://${registry.host}/${repository}:bench`, `oci:${out}:bench`]).finally(() => rmSync(out, { recursive: true, force: true }));
}

/**
 * Pushes and pulls with skopeo; each run gets freshly made layers, since skopeo remembers where
 * it pushed a blob before and would mount it instead of uploading it again.
 */
async function skopeoRound(registries, makeImage, kind) {
  const times = Object.fromEntries(registries.map((r) => [r.name, { push: [], pull: [] }]));
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    // Alternate who goes first, so disk cache warmth favours neither.
    const order = i % 2 === 0 ? registries : [...registries].reverse();
    for (const registry of order) {
      const image = await makeImage(`${kind}-${registry.name}-${i}`);
      bytes = image.bytes;
      times[registry.name].push.push(await timed(() => skopeoPush(registry, image, `${kind}-${i}`)));
      times[registry.name].pull.push(await timed(() => skopeoPull(registry, `${kind}-${i}`)));
      rmSync(image.dir, { recursive: true, force: true });
    }
  }
  return { times, bytes };
}

async function dockerRound(registries, sizeBytes) {
  const dockerConfig = join(work, 'docker-config');
  mkdirSync(dockerConfig, { recursive: true });
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
  const slipway = registries.find((r) => r.name === 'slipway');
  await new Promise((resolve, reject) => {
    const login = spawn('docker', ['login', '--username', 'AWS', '--password-stdin', slipway.host], { env, stdio: ['pipe', 'ignore', 'inherit'] });
    login.on('close', (code) => (code === 0 ? resolve() : reject(new Error('docker login failed'))));
    login.stdin.end(slipway.password);
  });
  const rootfs = join(work, 'docker-rootfs');
  mkdirSync(rootfs, { recursive: true });
  const times = Object.fromEntries(registries.map((r) => [r.name, { push: [], pull: [] }]));
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? registries : [...registries].reverse();
    for (const registry of order) {
      const image = `${registry.host}/docker-${i}:bench`;
      execFileSync('sh', ['-c', `head -c ${sizeBytes} /dev/urandom > '${rootfs}/payload' && tar -C '${rootfs}' -c . | docker import - ${image}`], { stdio: 'ignore' });
      times[registry.name].push.push(await timed(() => run('docker', ['push', image], env)));
      await run('docker', ['rmi', image], env);
      times[registry.name].pull.push(await timed(() => run('docker', ['pull', image], env)));
      await run('docker', ['rmi', image], env);
    }
  }
  return times;
}

// ---- main -----------------------------------------------------------------------------------

function report(label, bytes, times) {
  for (const direction of ['push', 'pull']) {
    const slipway = median(times.slipway[direction]);
    const reference = median(times.reference[direction]);
    const mbps = (seconds) => (bytes / MiB / seconds).toFixed(bytes < 64 * MiB ? 2 : 0);
    console.log(`${label.padEnd(28)} ${direction}: slipway ${slipway.toFixed(2)}s (${mbps(slipway)} MiB/s), reference ${reference.toFixed(2)}s (${mbps(reference)} MiB/s), throughput ratio slipway/reference = ${(reference / slipway).toFixed(2)}`);
  }
}

async function main() {
  log(`work folder ${work}; ${RUNS} runs each`);
  const registries = [await startSlipway(), await startReference()];
  log(`slipway at ${registries[0].host}, reference at ${registries[1].host}`);

  if (wanted('skopeo')) {
    log('skopeo, one 256 MiB layer');
    const big = await skopeoRound(registries, (name) => ociImage(name, [256 * MiB]), 'big');
    report('skopeo 1 x 256 MiB layer', big.bytes, big.times);
    log('skopeo, 200 layers of 4-64 KiB');
    const small = await skopeoRound(registries, (name) => ociImage(name, Array.from({ length: 200 }, (_, i) => 4096 + ((i * 2654435761) % (60 * 1024)))), 'small');
    report(`skopeo 200 layers (${(small.bytes / MiB).toFixed(1)} MiB)`, small.bytes, small.times);
  }
  if (wanted('docker')) {
    log('docker, 256 MiB image');
    report('docker 256 MiB image', 256 * MiB, await dockerRound(registries, 256 * MiB));
  }
  if (wanted('gigabyte')) {
    log('1 GiB layer: peak memory of each registry process during the push');
    const gigabyte = await ociImage('gigabyte', [1024 * MiB]);
    for (const registry of registries) {
      // Linux: writing 5 to clear_refs resets VmHWM, so the peak below is this push's alone.
      writeFileSync(`/proc/${registry.pid}/clear_refs`, '5');
      const before = memoryOf(registry.pid);
      let sampled = before.current;
      const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(registry.pid).current)), 50);
      const seconds = await timed(() => skopeoPush(registry, gigabyte, 'gigabyte-0'));
      clearInterval(sampler);
      const after = memoryOf(registry.pid);
      console.log(`1 GiB push to ${registry.name.padEnd(9)}: ${seconds.toFixed(2)}s (${(1024 / seconds).toFixed(0)} MiB/s), resident memory before ${before.current.toFixed(0)} MiB, peak during the push ${Math.max(after.peak, sampled).toFixed(0)} MiB`);
    }
  }
}

try {
  await main();
} finally {
  for (const child of started) child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}
