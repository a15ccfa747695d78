// Benchmark: one output line without newlines, through `slipway build --host`, against the
// same bytes written by a plain shell (the baseline), side by side in the same run.
// Long lines are cut into pieces in linear time: the time per MiB and the peak memory should
// stay flat as the line grows (issue 16 measured 300 MB at 11 minutes and 3.4 GB before).
//
// Run: npm run build && node bench/codebuild-long-lines.mjs [--sizes 16,64,256] [--runs 5] [--cli bin/slipway.js]
// Prints, per size: slipway's median seconds and spread, the shell's, their ratio, seconds per
// MiB, and slipway's peak resident memory (VmHWM). A warm-up round runs first; the order of the
// two commands alternates from run to run.
/* global console, process, setInterval, clearInterval */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sizes = option('--sizes', '16,64,256').split(',').map(Number);
const runs = Number(option('--runs', '5'));
const cli = resolve(option('--cli', join(dirname(fileURLToPath(import.meta.url)), '../bin/slipway.js')));
const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-lines-'));
const producer = (mib) => `head -c ${mib * 1024 * 1024} /dev/zero | tr '\\0' x; echo`;

/** Runs a command; resolves with its seconds and its peak resident memory in MiB. */
function measure(command, commandArgs) {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    let peak = 0;
    const poll = setInterval(() => {
      const status = (() => { try { return readFileSync(`/proc/${child.pid}/status`, 'utf8'); } catch { return ''; } })();
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) fail(new Error(`${command} ${commandArgs.join(' ')} exited ${code}`));
      else done({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peak });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => Math.max(...xs) - Math.min(...xs);

async function one(mib, slipwayFirst) {
  writeFileSync(join(dir, 'buildspec.yml'), `version: 0.2\nphases:\n  build:\n    commands:\n      - ${JSON.stringify(producer(mib))}\n`);
  const slipway = () => measure(process.execPath, [cli, '--home', join(dir, '.home'), 'build', '--host', '--json']);
  const shell = () => measure('bash', ['-c', producer(mib)]);
  if (slipwayFirst) return { slipway: await slipway(), shell: await shell() };
  const s = await shell();
  return { slipway: await slipway(), shell: s };
}

try {
  await one(sizes[0], true); // warm-up
  console.log('MiB  slipway s (spread)  shell s (spread)  ratio  s/MiB  peak MiB');
  for (const mib of sizes) {
    const rounds = [];
    for (let i = 0; i < runs; i += 1) rounds.push(await one(mib, i % 2 === 0));
    const ours = rounds.map((r) => r.slipway.seconds);
    const base = rounds.map((r) => r.shell.seconds);
    const peak = Math.max(...rounds.map((r) => r.slipway.peak));
    console.log(
      `${String(mib).padStart(4)}  ${median(ours).toFixed(2).padStart(9)} (${spread(ours).toFixed(2)})  ${median(base).toFixed(2).padStart(8)} (${spread(base).toFixed(2)})  ${(median(ours) / median(base)).toFixed(1).padStart(5)}  ${(median(ours) / mib).toFixed(3)}  ${peak.toFixed(0).padStart(8)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
