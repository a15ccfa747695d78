// Benchmark: latency of the local AWS endpoint (`slipway up`) against moto_server answering the
// same calls, side by side in one run, with the AWS SDK v3 as the client: ECR
// GetAuthorizationToken, ECR DescribeImages and CloudFormation DescribeStacks. Each target gets
// the same repository and stack first; then a warm-up round, then ROUNDS rounds of CALLS calls per
// operation per target, the target order alternating between rounds. Prints the median per-call
// latency of each round's median, the spread (min-max of the round medians), and the ratio
// slipway/moto (under 1 means slipway answers faster).
//
// Run: npm run build && node bench/aws-api-latency.mjs [calls=200] [rounds=5]
/* global console, process, setTimeout */
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const calls = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 5);
const cli = join(dirname(fileURLToPath(import.meta.url)), '../bin/slipway.js');
const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-api-'));
const TEMPLATE = JSON.stringify({ Resources: { Colour: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/bench/colour', Type: 'String', Value: 'blue' } } } });

const freePort = () => new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

/** Starts `command`, resolves once `ready(stdout + stderr)` is true; returns the child. */
function start(command, args, ready) {
  const child = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  return new Promise((resolve, reject) => {
    const look = (chunk) => {
      seen += chunk.toString();
      if (ready(seen)) resolve({ child, seen });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`${command} ended (${code}) before it was ready: ${seen}`)));
  });
}

async function slipwayTarget() {
  const { child, seen } = await start(process.execPath, [cli, 'up', '--port', '0', '--json', '--home', join(dir, 'home')], (out) => out.includes('"type":"ready"'));
  const ready = JSON.parse(seen.split('\n').find((line) => line.includes('"type":"ready"')));
  return { name: 'slipway up', child, config: { endpoint: ready.endpoint, region: ready.region, credentials: { accessKeyId: ready.accessKeyId, secretAccessKey: ready.secretAccessKey } } };
}

async function motoTarget() {
  const port = await freePort();
  const { child } = await start('moto_server', ['-H', '127.0.0.1', '-p', String(port)], (out) => out.includes('Running on'));
  return { name: 'moto_server', child, config: { endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } } };
}

/** The same repository and stack on a target, and its three calls. */
async function prepare(target) {
  const ecr = new ECRClient({ ...target.config, maxAttempts: 1 });
  const cfn = new CloudFormationClient({ ...target.config, maxAttempts: 1 });
  await ecr.send(new CreateRepositoryCommand({ repositoryName: 'bench' }));
  await cfn.send(new CreateStackCommand({ StackName: 'bench', TemplateBody: TEMPLATE }));
  for (let tries = 0; tries < 100; tries += 1) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'bench' }))).Stacks[0];
    if (stack.StackStatus === 'CREATE_COMPLETE') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  target.operations = {
    GetAuthorizationToken: () => ecr.send(new GetAuthorizationTokenCommand({})),
    DescribeImages: () => ecr.send(new DescribeImagesCommand({ repositoryName: 'bench' })),
    DescribeStacks: () => cfn.send(new DescribeStacksCommand({ StackName: 'bench' })),
  };
  target.clients = [ecr, cfn];
}

/** Median milliseconds per call of `count` sequential calls. */
async function medianCall(call, count) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const begin = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - begin) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const targets = [];
try {
  targets.push(await slipwayTarget(), await motoTarget());
  for (const target of targets) await prepare(target);
  const operations = Object.keys(targets[0].operations);
  const results = Object.fromEntries(operations.map((op) => [op, Object.fromEntries(targets.map((t) => [t.name, []]))]));
  for (let round = 0; round <= rounds; round += 1) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const op of operations) {
      for (const target of order) {
        const ms = await medianCall(target.operations[op], round === 0 ? 20 : calls);
        if (round > 0) results[op][target.name].push(ms); // round 0 is the warm-up
      }
    }
  }
  console.log(`AWS API latency, SDK v3, ${calls} sequential calls per operation per round, ${rounds} rounds after a warm-up, order alternated`);
  for (const op of operations) {
    const [ours, theirs] = targets.map((t) => results[op][t.name]);
    const spread = (values) => `${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}`;
    console.log(`${op.padEnd(22)} slipway ${median(ours).toFixed(2)} ms (${spread(ours)})  moto ${median(theirs).toFixed(2)} ms (${spread(theirs)})  ratio slipway/moto ${(median(ours) / median(theirs)).toFixed(2)}`);
  }
} finally {
  for (const target of targets) {
    for (const client of target.clients ?? []) client.destroy();
    target.child.kill('SIGINT');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dir, { recursive: true, force: true });
}
