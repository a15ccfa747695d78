// Benchmark: the dashboard's build log view on a log of 100 MB (a million lines) against the same
// view on a log of 1 MB (ten thousand lines), side by side in one running `slipway up`, in
// Debian's Chromium: the time from opening the build's page to its last line on screen, and to
// a line in the middle after a jump. A virtualised view costs the same whatever the log's size,
// so the goal is a ratio near 1 (under 1.5). Also the time to the pipelines page being usable.
// A warm-up round, then five rounds in alternating order; median and spread.
//
// Run: npm run build && node bench/dashboard-log.mjs [rounds=5]
/* global console, process, URL, performance */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { LocalAccount } from '../dist/local/account/index.js';

const rounds = Number(process.argv[2] ?? 5);
const home = mkdtempSync(join(tmpdir(), 'slipway-bench-dashboard-'));
const cli = new URL('../bin/slipway.js', import.meta.url).pathname;

/** Writes a finished build whose log has `count` lines of about 100 bytes; returns its id. */
function writeBuild(account, count, suffix) {
  const id = `bench:00000000-0000-4000-8000-${suffix.padStart(12, '0')}`;
  const start = Date.UTC(2026, 0, 1);
  const records = account.codebuild.builds;
  records.start({ id, arn: `arn:aws:codebuild:us-east-1:000000000000:build/${id}`, buildNumber: Number(suffix), projectName: 'bench', startTime: new Date(start).toISOString(), initiator: 'bench', buildStatus: 'IN_PROGRESS', currentPhase: 'SUBMITTED' }, account.owner);
  for (let first = 1; first <= count; first += 20_000) {
    const lines = [];
    for (let seq = first; seq < first + 20_000 && seq <= count; seq += 1) lines.push({ timestamp: start + seq, message: seq === Math.floor(count / 2) ? '[Container] 2026/01/01 00:00:00.000000 Entering phase BUILD' : `line ${seq} ${'x'.repeat(88)}` });
    records.appendLog(id, lines);
  }
  const phase = (phaseType, from, to) => ({ phaseType, phaseStatus: 'SUCCEEDED', startTime: new Date(start + from).toISOString(), endTime: new Date(start + to).toISOString(), durationInSeconds: 0 });
  records.finish({ id, buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED', endTime: new Date(start + count).toISOString(), phases: [phase('INSTALL', 1, count / 2 - 1), phase('BUILD', count / 2, count)] });
  return id;
}

async function startUp() {
  const up = spawn(process.execPath, [cli, 'up', '--port', '0', '--json', '--home', home], { cwd: home, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const ready = await new Promise((resolve, reject) => {
    up.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((one) => one.includes('"type":"ready"'));
      if (line) resolve(JSON.parse(line));
    });
    up.on('exit', (code) => reject(new Error(`slipway up ended (${code})`)));
  });
  return { up, ready };
}

async function timed(run) {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;

const account = new LocalAccount({ home });
const builds = { small: writeBuild(account, 10_000, '1'), large: writeBuild(account, 1_000_000, '2') };
account.close();
const { up, ready } = await startUp();
const browser = await chromium.launch({ executablePath: process.env.SLIPWAY_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const results = { small: { open: [], jump: [] }, large: { open: [], jump: [] }, first: [] };
  for (let round = 0; round <= rounds; round += 1) {
    const order = round % 2 === 0 ? ['small', 'large'] : ['large', 'small'];
    for (const size of order) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      const count = size === 'small' ? 10_000 : 1_000_000;
      const open = await timed(async () => {
        await page.goto(`${ready.dashboard}builds/${encodeURIComponent(builds[size])}`);
        await page.locator(`.log-line[data-line="${count}"]:not(.pending)`).waitFor();
      });
      const jump = await timed(async () => {
        await page.locator('ol.phases li[data-phase="BUILD"] button').click();
        await page.locator(`.log-line[data-line="${count / 2}"]:not(.pending)`).waitFor();
      });
      if (round > 0) {
        results[size].open.push(open);
        results[size].jump.push(jump);
      }
      await page.close();
    }
    const page = await browser.newPage();
    const first = await timed(async () => {
      await page.goto(ready.dashboard);
      await page.locator('main h1').waitFor();
    });
    if (round > 0) results.first.push(first);
    await page.close();
  }
  console.log(`rounds: ${rounds} after a warm-up; median (spread) in ms`);
  for (const what of ['open', 'jump']) {
    const [small, large] = [results.small[what], results.large[what]];
    console.log(`${what === 'open' ? 'open at the end   ' : 'jump to the middle'}  1 MB: ${median(small).toFixed(0)} (${spread(small)})  100 MB: ${median(large).toFixed(0)} (${spread(large)})  ratio ${(median(large) / median(small)).toFixed(2)} (goal < 1.5)`);
  }
  console.log(`pipelines page usable: ${median(results.first).toFixed(0)} (${spread(results.first)}) (goal well under 1000)`);
} finally {
  await browser.close();
  up.kill('SIGINT');
  await new Promise((resolve) => up.on('exit', resolve));
  rmSync(home, { recursive: true, force: true });
}
