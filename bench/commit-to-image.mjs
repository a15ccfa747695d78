// Benchmark: from `git commit` to the commit's tag being visible in the local registry, through
// `slipway up` (the file-system watch sees the commit, the pipeline checks it out, CodeBuild runs
// the recipe's buildspec: ECR login, docker build, tag, push), against the same buildspec's
// commands run by hand with bash against the same registry. Both change the image's content each
// round, so every push sends a new layer. A warm-up round, then ROUNDS rounds, the order
// alternating; prints each side's median and spread, the ratio slipway/bash (goal: under 1.3) and
// the absolute time slipway adds (goal: under 0.3 s).
//
// Run: npm run build && node bench/commit-to-image.mjs [rounds=5]
/* global console, process */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleRepository, git, settled, sleep, startUp, stats, stopUp, tagProbe } from './support/local-up.mjs';

const rounds = Number(process.argv[2] ?? 5);
const dir = exampleRepository('slipway-bench-commit-');
const { child, ready } = await startUp(dir);
const visible = await tagProbe(ready, 'widget');
const env = { ...process.env, AWS_ACCESS_KEY_ID: ready.accessKeyId, AWS_SECRET_ACCESS_KEY: ready.secretAccessKey, AWS_DEFAULT_REGION: ready.region };
// The buildspec's commands as one would type them, with the endpoint the AWS CLI needs passed by hand.
const byHand = `set -euo pipefail
aws ecr get-login-password --endpoint-url "${ready.endpoint}" --region "$AWS_DEFAULT_REGION" | docker login --username AWS --password-stdin "${ready.registry}" >/dev/null
docker build -q -t "${ready.registry}/widget:$1" -t "${ready.registry}/widget:latest" -f Dockerfile . >/dev/null
docker push -q "${ready.registry}/widget:$1" >/dev/null
docker push -q "${ready.registry}/widget:latest" >/dev/null
`;
writeFileSync(join(dir, '.git', 'by-hand.sh'), byHand);

/** Commits new content; returns the commit's short name, the clock started just before the commit. */
function commitChange(label) {
  writeFileSync(join(dir, 'hello.txt'), `${label} ${process.hrtime.bigint()}\n`);
  const start = process.hrtime.bigint();
  git(dir, 'commit', '-q', '-am', label);
  return { tag: git(dir, 'rev-parse', '--short=7', 'HEAD'), start };
}

async function untilVisible(tag, start) {
  while (!(await visible(tag))) await sleep(10);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const sides = {
  async slipway(round) {
    const { tag, start } = commitChange(`slipway ${round}`);
    const ms = await untilVisible(tag, start);
    await settled(dir);
    return ms;
  },
  // Timed to the same point as slipway's side: the tag visible, polled while the script still runs.
  async bash(round) {
    const { tag, start } = commitChange(`bash ${round}`);
    const script = spawn('bash', [join(dir, '.git', 'by-hand.sh'), tag], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    script.stderr.on('data', (chunk) => { errors += chunk; });
    const ended = new Promise((resolve) => script.on('exit', resolve));
    const ms = await untilVisible(tag, start);
    if ((await ended) !== 0) throw new Error(`the commands by hand failed: ${errors}`);
    return ms;
  },
};

try {
  await settled(dir); // the pipeline's first execution (CreatePipeline)
  const times = { slipway: [], bash: [] };
  for (let round = 0; round <= rounds; round++) {
    const order = round % 2 ? ['bash', 'slipway'] : ['slipway', 'bash'];
    for (const side of order) {
      const ms = await sides[side](round);
      if (round > 0) times[side].push(ms); // round 0 warms both up
    }
  }
  const s = stats(times.slipway);
  const b = stats(times.bash);
  const failed = (await settled(dir)).filter((run) => run.status !== 'Succeeded');
  console.log(`commit → tag visible in the registry, ${rounds} rounds after a warm-up, order alternating`);
  console.log(`slipway up (watch, pipeline, CodeBuild): median ${s.median.toFixed(0)} ms (spread ${s.min.toFixed(0)}–${s.max.toFixed(0)})`);
  console.log(`bash by hand (login, build, push):        median ${b.median.toFixed(0)} ms (spread ${b.min.toFixed(0)}–${b.max.toFixed(0)})`);
  console.log(`ratio slipway/bash: ${(s.median / b.median).toFixed(2)} (goal < 1.3); added: ${(s.median - b.median).toFixed(0)} ms (goal < 300 ms)`);
  if (failed.length > 0) console.log(`WARNING: ${failed.length} execution(s) did not succeed: ${failed.map((run) => run.status).join(', ')}`);
} finally {
  await stopUp(child);
  const images = execFileSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', `${ready.registry}/widget`], { encoding: 'utf8' }).split('\n').filter((name) => name && !name.endsWith(':<none>'));
  if (images.length > 0) execFileSync('docker', ['rmi', '-f', ...images], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
}
