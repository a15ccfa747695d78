// What the pipeline benchmarks share: an example repository made from examples/widget with
// `slipway init`, a `slipway up` on it, its runs, and the registry's view of a tag.
/* global fetch, process, setTimeout */
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = join(root, 'bin/slipway.js');
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs git in `dir` as a fixed author. */
export function git(dir, ...args) {
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

/** Runs slipway in `dir` (its home is `dir`/.slipway) and returns its standard output. */
export function slipway(dir, ...args) {
  return execFileSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A Git repository with the widget's Dockerfile, slipway.yml and buildspec.yml, committed on main. */
export function exampleRepository(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(root, 'examples/widget'), dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  git(dir, 'remote', 'add', 'origin', 'https://github.com/acme/widget.git');
  slipway(dir, 'init');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'widget');
  return dir;
}

/** Starts `slipway up --json` in `dir` (on a free port, or with `home` on the home's own); resolves with the child and its ready line. */
export function startUp(dir, extra = [], port = 'free') {
  const child = spawn(process.execPath, [cli, 'up', ...(port === 'free' ? ['--port', '0'] : []), '--json', ...extra], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((one) => one.includes('"type":"ready"'));
      if (line) resolve({ child, ready: JSON.parse(line) });
    });
    child.on('exit', (code) => reject(new Error(`slipway up ended (${code}) before it was ready: ${errors}`)));
  });
}

/** Stops an up as Ctrl-C does and waits for it to exit. */
export function stopUp(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** The executions recorded on the home of `dir`, newest first. */
export function runs(dir) {
  return JSON.parse(slipway(dir, 'runs', '--json')).pipelineExecutionSummaries;
}

/** Waits until no execution on the home of `dir` is in progress (and at least `count` exist). */
export async function settled(dir, count = 1, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = runs(dir);
    if (all.length >= count && all.every((run) => run.status !== 'InProgress' && run.status !== 'Stopping')) return all;
    if (Date.now() > deadline) throw new Error(`executions still running after ${timeoutMs} ms: ${JSON.stringify(all.slice(0, 3))}`);
    await sleep(200);
  }
}

/** A function telling whether `repository:tag` is in up's registry (a HEAD of its manifest, as a pull would start). */
export async function tagProbe(ready, repository) {
  const ecr = new ECRClient({
    endpoint: ready.endpoint, region: ready.region,
    credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey },
  });
  const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
  const authorization = `Basic ${authorizationData[0].authorizationToken}`;
  const accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';
  return async (tag) => (await fetch(`${ready.endpoint}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', headers: { authorization, accept } })).status === 200;
}

/** The median and the spread (min–max) of `values`. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
