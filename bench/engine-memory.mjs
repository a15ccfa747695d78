// Benchmark: the memory of `slipway up` (the engine's one process: registry, AWS endpoint,
// CloudFormation, pipeline engine, watches) idle with 20 pipelines loaded, and at its peak while
// one of them builds, against the same `slipway up` with no pipeline at all, side by side in one
// run. The 20 pipelines are slipway's own template with its pipeline copied 20 times, each
// watching the repository and building the widget (the recipe's buildspec, host builds). Each
// round starts both ups afresh, the order alternating, after a warm-up round; prints the medians
// and spreads of the resident set size (VmRSS of the process alone: a build's own shells are not
// the engine), the ratios against the empty up, and the goal (under 150 MB).
//
// Run: npm run build && node bench/engine-memory.mjs [rounds=5]
/* global console, process */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, exampleRepository, settled, sleep, slipway, startUp, stats, stopUp } from './support/local-up.mjs';

const rounds = Number(process.argv[2] ?? 5);
const PIPELINES = 20;
const loadedDir = exampleRepository('slipway-bench-memory-');
const emptyDir = mkdtempSync(join(tmpdir(), 'slipway-bench-memory-empty-'));

// slipway's template with its pipeline copied PIPELINES times under distinct names.
const template = JSON.parse(slipway(loadedDir, 'synth', '--format', 'json'));
const [pipelineId, pipeline] = Object.entries(template.Resources).find(([, resource]) => resource.Type === 'AWS::CodePipeline::Pipeline');
delete template.Resources[pipelineId];
for (let i = 1; i <= PIPELINES; i++) {
  template.Resources[`${pipelineId}${i}`] = { ...pipeline, Properties: { ...pipeline.Properties, Name: `widget-${i}` } };
}
template.Outputs = {};
writeFileSync(join(loadedDir, '.git', 'pipelines.json'), JSON.stringify(template));

const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** The median of 10 samples over 2 s, after 3 s of quiet. */
async function idle(pid) {
  await sleep(3000);
  const samples = [];
  for (let i = 0; i < 10; i++) {
    samples.push(rss(pid));
    await sleep(200);
  }
  return stats(samples).median;
}

/** The highest RSS seen every 50 ms while `slipway start widget-1` runs its execution through up. */
async function duringBuild(pid) {
  let peak = rss(pid);
  const start = spawn(process.execPath, [cli, 'start', 'widget-1'], { cwd: loadedDir, stdio: 'ignore' });
  const ended = new Promise((resolve) => start.on('exit', resolve));
  let code;
  ended.then((status) => { code = status; });
  while (code === undefined) {
    peak = Math.max(peak, rss(pid));
    await sleep(50);
  }
  if (code !== 0) console.log(`WARNING: slipway start widget-1 exited ${code}: the execution did not succeed`);
  return peak;
}

async function measure(side) {
  const dir = side === 'loaded' ? loadedDir : emptyDir;
  // The loaded up keeps its home's port from round to round, so its stack's REPOSITORY_URI stays right.
  const { child } = await startUp(dir, side === 'loaded' ? ['--template', join(loadedDir, '.git', 'pipelines.json')] : [], side === 'loaded' ? 'home' : 'free');
  try {
    if (side === 'loaded') await settled(dir, PIPELINES, 600_000);
    const result = { idle: await idle(child.pid) };
    if (side === 'loaded') result.build = await duringBuild(child.pid);
    return result;
  } finally {
    await stopUp(child);
  }
}

try {
  const figures = { empty: [], loaded: [], build: [] };
  for (let round = 0; round <= rounds; round++) {
    for (const side of round % 2 ? ['loaded', 'empty'] : ['empty', 'loaded']) {
      const result = await measure(side);
      if (round === 0) continue; // the warm-up: the stack and its first executions are made here
      figures[side].push(result.idle);
      if (result.build !== undefined) figures.build.push(result.build);
    }
  }
  const show = (name, values, base) => {
    const s = stats(values);
    console.log(`${name} median ${s.median.toFixed(1)} MB (spread ${s.min.toFixed(1)}–${s.max.toFixed(1)})${base ? `, ${(s.median / base).toFixed(2)}x the empty up` : ''}`);
    return s.median;
  };
  console.log(`slipway up's resident memory, ${rounds} rounds after a warm-up, order alternating`);
  const base = show('no pipelines, idle:          ', figures.empty);
  const loaded = show(`${PIPELINES} pipelines, idle:          `, figures.loaded, base);
  const peak = show(`${PIPELINES} pipelines, during a build:`, figures.build, base);
  console.log(`goal under 150 MB: idle ${(loaded / 150).toFixed(2)} of it, during a build ${(peak / 150).toFixed(2)} of it`);
} finally {
  for (const dir of [loadedDir, emptyDir]) rmSync(dir, { recursive: true, force: true });
}
