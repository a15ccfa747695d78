// Benchmark: `docker push` through slipway's Docker proxy with the local account's ECR name
// (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>`, as builds push) against `docker push`
// straight to the local registry (`127.0.0.1:<port>/<repo>` on the real engine), side by side on
// one running `slipway up`. Goal (issue 11): the proxy costs less than 5 %.
//
//   npm run build && node bench/ecr-proxy-push.mjs [--runs N] [--mib M]
//
// Each round makes two images of the same shape (one layer of M MiB of fresh random bytes,
// default 128, so that no push finds its layer already in the registry) outside the timing, then
// times one push each way; the order alternates from round to round. Round 0 is a warm-up (not
// counted), then N rounds (default 5). It prints each side's median time with its spread
// (fastest–slowest) and the ratio proxy/direct of the medians (below 1.05 meets the goal), with
// the spread of the per-round ratios. The blobs themselves go from the engine to the registry
// either way; the proxy carries the push request and streams its progress back, rewriting names.
// The machine may be shared: read the spread before reading the ratio.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import console from 'node:console';
import process from 'node:process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = option('--runs', 5);
const MIB = option('--mib', 128);
const work = mkdtempSync(join(tmpdir(), 'slipway-bench-proxy-'));
const home = join(work, 'home');
const made = [];

function run(command, commandArgs, env = process.env, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    if (input !== undefined) child.stdin.end(input);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${commandArgs.join(' ')} failed (${code}):\n${output}`))));
  });
}

function startUp() {
  const child = spawn(process.execPath, [join(ROOT, 'bin/slipway.js'), 'up', '--port', '0', '--json', '--home', home], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve({ child, ready: JSON.parse(out.split('\n')[0]) });
    });
    child.on('close', (code) => reject(new Error(`slipway up ended (${code}) before it was ready`)));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const spread = (values, digits, unit = '') => `${median(values).toFixed(digits)}${unit} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** A one-layer image of fresh random bytes, tagged `tag` on the real engine. */
async function makeImage(tag) {
  const context = join(work, 'context');
  mkdirSync(context, { recursive: true });
  writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY blob /blob\n');
  writeFileSync(join(context, 'blob'), randomBytes(MIB * 1024 * 1024));
  await run('docker', ['build', '-q', '-t', tag, context]);
  made.push(tag);
}

async function timed(action) {
  execFileSync('sync');
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const { child, ready } = await startUp();
try {
  const socket = join(home, 'docker.sock');
  if (!existsSync(socket)) throw new Error(`no Docker proxy socket at ${socket}`);
  const ecrHost = `${ready.accountId}.dkr.ecr.${ready.region}.amazonaws.com`;
  const alias = `localhost:${ready.registry.split(':')[1]}`;
  const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: ready.accessKeyId, AWS_SECRET_ACCESS_KEY: ready.secretAccessKey, AWS_DEFAULT_REGION: ready.region };
  await run('aws', ['--endpoint-url', ready.endpoint, 'ecr', 'create-repository', '--repository-name', 'bench'], awsEnv);
  const password = (await run('aws', ['--endpoint-url', ready.endpoint, 'ecr', 'get-login-password'], awsEnv)).trim();
  const config = { ...process.env, DOCKER_CONFIG: join(work, 'docker-config') };
  const direct = { ...config, DOCKER_HOST: undefined };
  const proxied = { ...config, DOCKER_HOST: `unix://${socket}` };
  await run('docker', ['login', ready.registry, '-u', 'AWS', '--password-stdin'], direct, password);
  await run('docker', ['login', ecrHost, '-u', 'AWS', '--password-stdin'], proxied, password);
  const times = { direct: [], proxy: [] };
  const ratios = [];
  console.error(`docker push of one ${MIB} MiB layer: straight to ${ready.registry} vs through the proxy as ${ecrHost}; 1 warm-up + ${RUNS} rounds`);
  for (let round = 0; round <= RUNS; round += 1) {
    await makeImage(`${ready.registry}/bench:direct-${round}`);
    await makeImage(`${alias}/bench:proxy-${round}`);
    const sides = {
      direct: () => run('docker', ['push', `${ready.registry}/bench:direct-${round}`], direct),
      proxy: () => run('docker', ['push', `${ecrHost}/bench:proxy-${round}`], proxied),
    };
    const order = round % 2 === 0 ? ['direct', 'proxy'] : ['proxy', 'direct'];
    const took = {};
    for (const side of order) took[side] = await timed(sides[side]);
    console.error(`round ${round}${round === 0 ? ' (warm-up)' : ''}: ${order.map((side) => `${side} ${took[side].toFixed(2)} s`).join(', ')}`);
    if (round === 0) continue;
    times.direct.push(took.direct);
    times.proxy.push(took.proxy);
    ratios.push(took.proxy / took.direct);
  }
  const ratio = median(times.proxy) / median(times.direct);
  console.log(`direct  ${spread(times.direct, 2, ' s')}`);
  console.log(`proxy   ${spread(times.proxy, 2, ' s')}`);
  console.log(`ratio proxy/direct ${ratio.toFixed(3)} (per round ${spread(ratios, 3)}); goal below 1.05: ${ratio < 1.05 ? 'met' : 'NOT met'}`);
} finally {
  if (made.length > 0) execFileSync('docker', ['rmi', '--force', ...made], { stdio: 'ignore' });
  child.kill('SIGINT');
  await new Promise((resolve) => child.on('close', resolve));
  rmSync(work, { recursive: true, force: true });
}
