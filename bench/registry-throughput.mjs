// Benchmark: slipway's registry against Debian's docker-registry (the reference implementation
// of the distribution spec), started side by side on this machine.
//
//   npm run build && node bench/registry-throughput.mjs [--runs N] [--only serve|skopeo|docker|gigabyte|idle]
//
// Every scenario runs one warm-up round (not counted) and then N rounds (default 5); each round
// times both registries, and the order alternates from round to round so that neither always
// goes first (disk cache warmth, CPU frequency). For each scenario it prints, per registry, the
// median time with the spread (fastest–slowest run), and the throughput ratio slipway/reference
// (above 1.0: slipway is faster) as the ratio of the medians, with the spread of the per-round
// ratios. Scenarios:
//   - curl fetching one 256 MiB blob into /dev/null: the registry's own serving speed, with no
//     client disk or digest check in the way (every client below is bounded by its own side),
//     and the CPU time each registry spent per GiB served,
//   - skopeo copy push and pull of an image with one 256 MiB layer,
//   - skopeo copy push and pull of an image with 200 small layers,
//   - docker push and pull of a 256 MiB image (what a user feels; includes docker's own gzip),
//   - skopeo push of a 1 GiB layer, with the peak resident memory (VmHWM) of each registry,
//   - the idle resident memory (VmRSS) of each registry process: just started, and after all runs.
// Images are OCI layouts written here from random bytes; nothing is pulled from the internet.
// The machine may be shared: read the spread before reading the ratio.
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
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
/** Round 0 is the warm-up; rounds 1..RUNS are measured. */
const ROUNDS = RUNS + 1;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const wanted = (part) => ONLY === undefined || ONLY === part;
const MiB = 1024 * 1024;
/**
 * How long a registry is left alone before its idle memory is read. Both give memory back over
 * seconds: slipway's V8 shrinks its heap about 8 s after the quiet spell's full collection, and
 * Go's scavenger returns pages in the background.
 */
const SETTLE_MS = 15_000;
const work = mkdtempSync(join(tmpdir(), 'slipway-bench-registry-'));
const started = [];

function log(text) {
  process.stderr.write(`${text}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** "median (min–max)" with `digits` decimals. */
function spread(values, digits = 2, unit = '') {
  const f = (v) => `${v.toFixed(digits)}${unit}`;
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

/** The registries in the order of round `round`: alternated, so neither always goes first. */
function orderOf(registries, round) {
  return round % 2 === 0 ? registries : [...registries].reverse();
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString());

/** CPU time (user + system) a process has used so far, in seconds, from /proc. */
function cpuSecondsOf(pid) {
  // Counted from after the command name, which is in parentheses and may hold spaces and
  // parentheses itself (as processStart in src/local/codebuild/left-builds.ts): utime and stime
  // are the 12th and 13th fields from there.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Peak, current and anonymous resident memory of a process, in MiB, from /proc. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
  return { peak: field('VmHWM'), current: field('VmRSS'), anonymous: field('RssAnon') };
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

const REPOSITORIES = ['serve', 'big', 'small', 'docker', 'gigabyte'].flatMap((kind) => Array.from({ length: ROUNDS }, (_, i) => `${kind}-${i}`));

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
      await sleep(100);
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
 * Pushes one 256 MiB layer to each registry, then times curl fetching that blob into /dev/null.
 * The layer's digest comes from the pushed manifest: skopeo gzips a layer that is not gzip yet.
 */
async function serveRound(registries) {
  const image = await ociImage('serve', [256 * MiB]);
  for (const registry of registries) await skopeoPush(registry, image, 'serve-0');
  rmSync(image.dir, { recursive: true, force: true });
  const times = emptyTimes(registries, ['pull']);
  const curl = async (registry, path, curlArgs) => run('curl', ['-sSf', ...(registry.creds ? ['--user', registry.creds] : []), ...curlArgs, `http://${registry.host}/v2/serve-0/${path}`]);
  const accept = ['--header', 'Accept: application/vnd.oci.image.manifest.v1+json'];
  for (const registry of registries) registry.serveDigest = JSON.parse(await curl(registry, 'manifests/bench', accept)).layers[0].digest;
  const cpu = Object.fromEntries(registries.map((r) => [r.name, 0]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const registry of orderOf(registries, round)) {
      const before = cpuSecondsOf(registry.pid);
      const seconds = await timed(() => curl(registry, `blobs/${registry.serveDigest}`, ['--output', '/dev/null']));
      if (round === 0) continue;
      times[registry.name].pull.push(seconds);
      cpu[registry.name] += cpuSecondsOf(registry.pid) - before;
    }
  }
  // CPU time per GiB served: on 2 cores the registry's CPU competes with a pulling client's.
  const servedGiB = (RUNS * image.bytes) / (1024 * MiB);
  return { times, bytes: image.bytes, cpuPerGiB: Object.fromEntries(registries.map((r) => [r.name, cpu[r.name] / servedGiB])) };
}

/** Per registry, the measured times of each direction (the warm-up round left out). */
function emptyTimes(registries, directions) {
  return Object.fromEntries(registries.map((r) => [r.name, Object.fromEntries(directions.map((d) => [d, []]))]));
}

/**
 * Pushes and pulls with skopeo; each push gets freshly made layers, since skopeo remembers where
 * it pushed a blob before and would mount it instead of uploading it again.
 */
async function skopeoRound(registries, makeImage, kind) {
  const times = emptyTimes(registries, ['push', 'pull']);
  let bytes = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const registry of orderOf(registries, round)) {
      const image = await makeImage(`${kind}-${registry.name}-${round}`);
      bytes = image.bytes;
      const push = await timed(() => skopeoPush(registry, image, `${kind}-${round}`));
      const pull = await timed(() => skopeoPull(registry, `${kind}-${round}`));
      rmSync(image.dir, { recursive: true, force: true });
      if (round === 0) continue;
      times[registry.name].push.push(push);
      times[registry.name].pull.push(pull);
    }
  }
  return { times, bytes };
}

async function dockerLogin(registries, env) {
  const slipway = registries.find((r) => r.name === 'slipway');
  await new Promise((resolve, reject) => {
    const login = spawn('docker', ['login', '--username', 'AWS', '--password-stdin', slipway.host], { env, stdio: ['pipe', 'ignore', 'inherit'] });
    login.on('close', (code) => (code === 0 ? resolve() : reject(new Error('docker login failed'))));
    login.stdin.end(slipway.password);
  });
}

async function dockerRound(registries, sizeBytes) {
  const dockerConfig = join(work, 'docker-config');
  mkdirSync(dockerConfig, { recursive: true });
  const env = { ...process.env, DOCKER_CONFIG: dockerConfig };
  await dockerLogin(registries, env);
  const rootfs = join(work, 'docker-rootfs');
  mkdirSync(rootfs, { recursive: true });
  const times = emptyTimes(registries, ['push', 'pull']);
  for (let round = 0; round < ROUNDS; round++) {
    for (const registry of orderOf(registries, round)) {
      const image = `${registry.host}/docker-${round}:bench`;
      execFileSync('sh', ['-c', `head -c ${sizeBytes} /dev/urandom > '${rootfs}/payload' && tar -C '${rootfs}' -c . | docker import - ${image}`], { stdio: 'ignore' });
      const push = await timed(() => run('docker', ['push', image], env));
      await run('docker', ['rmi', image], env);
      const pull = await timed(() => run('docker', ['pull', image], env));
      await run('docker', ['rmi', image], env);
      if (round === 0) continue;
      times[registry.name].push.push(push);
      times[registry.name].pull.push(pull);
    }
  }
  return times;
}

/** Pushes a fresh 1 GiB layer per round and registry, reading each registry's peak memory. */
async function gigabyteRound(registries) {
  const results = Object.fromEntries(registries.map((r) => [r.name, { push: [], peak: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const registry of orderOf(registries, round)) {
      const image = await ociImage(`gigabyte-${registry.name}-${round}`, [1024 * MiB]);
      // Linux: writing 5 to clear_refs resets VmHWM, so the peak below is this push's alone.
      writeFileSync(`/proc/${registry.pid}/clear_refs`, '5');
      let sampled = memoryOf(registry.pid).current;
      const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(registry.pid).current)), 50);
      const seconds = await timed(() => skopeoPush(registry, image, `gigabyte-${round}`));
      clearInterval(sampler);
      rmSync(image.dir, { recursive: true, force: true });
      if (round === 0) continue;
      results[registry.name].push.push(seconds);
      results[registry.name].peak.push(Math.max(memoryOf(registry.pid).peak, sampled));
    }
  }
  return results;
}

// ---- report ---------------------------------------------------------------------------------

/** Per direction: each registry's median time (spread) and slipway's throughput ratio. */
function report(label, bytes, times, directions = ['push', 'pull']) {
  const mbps = (seconds) => (bytes / MiB / seconds).toFixed(bytes < 64 * MiB ? 2 : 0);
  for (const direction of directions) {
    const slipway = times.slipway[direction];
    const reference = times.reference[direction];
    // Round i of each list ran in the same round, side by side: their ratio is one paired sample.
    const perRound = slipway.map((s, i) => reference[i] / s);
    console.log(
      `${label.padEnd(28)} ${direction}: slipway ${spread(slipway, 2, 's')} ${mbps(median(slipway))} MiB/s, ` +
        `reference ${spread(reference, 2, 's')} ${mbps(median(reference))} MiB/s; ` +
        `throughput ratio slipway/reference ${(median(reference) / median(slipway)).toFixed(2)} (per round ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)})`,
    );
  }
}

/** Resident memory, and the part of it that is the process's own (RssAnon) rather than mapped files: code of the binary and its libraries. */
function reportIdle(when, registries) {
  const shown = registries.map((r) => {
    const { current, anonymous } = memoryOf(r.pid);
    return `${r.name} ${current.toFixed(0)} MiB (${anonymous.toFixed(0)} MiB its own)`;
  });
  console.log(`idle memory ${when.padEnd(16)}: ${shown.join(', ')} (VmRSS, RssAnon)`);
}

async function main() {
  log(`work folder ${work}; a warm-up round and ${RUNS} measured rounds each`);
  const registries = [await startSlipway(), await startReference()];
  log(`slipway at ${registries[0].host}, reference at ${registries[1].host}`);
  await sleep(SETTLE_MS);
  reportIdle('just started', registries);

  if (wanted('serve')) {
    log('curl, one 256 MiB blob into /dev/null');
    const serve = await serveRound(registries);
    report('curl GET 256 MiB blob', serve.bytes, serve.times, ['pull']);
    console.log(`curl GET CPU time per GiB    : ${registries.map((r) => `${r.name} ${serve.cpuPerGiB[r.name].toFixed(2)} s`).join(', ')} (user + system, /proc/<pid>/stat)`);
  }
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
    log('1 GiB layer: push time and peak memory of each registry process');
    const gigabyte = await gigabyteRound(registries);
    report('skopeo 1 x 1 GiB layer', 1024 * MiB, gigabyte, ['push']);
    for (const registry of registries) {
      console.log(`1 GiB push peak memory ${registry.name.padEnd(9)}: ${spread(gigabyte[registry.name].peak, 0, ' MiB')} (VmHWM)`);
    }
  }
  await sleep(SETTLE_MS);
  reportIdle('after the runs', registries);
}

try {
  await main();
} finally {
  for (const child of started) child.kill('SIGINT');
  await sleep(500);
  rmSync(work, { recursive: true, force: true });
}
