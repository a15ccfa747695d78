// Benchmark: the cost slipway adds per buildspec command.
// Runs N trivial commands (`true`) through `node bin/slipway.js build --host` and the same N
// commands as one plain bash script, side by side in the same run, and prints the added
// milliseconds per command (goal: under 5 ms) and slipway's own start-up time (`--help`).
//
// Run: npm run build && node bench/build-commands.mjs [commands=500] [rounds=3]
/* global console, process */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const commands = Number(process.argv[2] ?? 500);
const rounds = Number(process.argv[3] ?? 3);
const cli = join(dirname(fileURLToPath(import.meta.url)), '../bin/slipway.js');
const dir = mkdtempSync(join(tmpdir(), 'slipway-bench-'));

const lines = Array.from({ length: commands }, (_, i) => `x=${i}; true`);
writeFileSync(join(dir, 'buildspec.yml'), `version: 0.2\nphases:\n  build:\n    commands:\n${lines.map((l) => `      - ${l}\n`).join('')}`);
writeFileSync(join(dir, 'empty.yml'), 'version: 0.2\nphases:\n  build:\n    commands:\n      - "true"\n');
writeFileSync(join(dir, 'script.sh'), `${lines.join('\n')}\n`);

function timed(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function best(run) {
  return Math.min(...Array.from({ length: rounds }, () => timed(run)));
}

const home = join(dir, '.home');
const slipway = (buildspec) => () => {
  const r = spawnSync(process.execPath, [cli, '--home', home, 'build', '--host', '--buildspec', buildspec, '--json'], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`slipway build failed: ${r.stderr}`);
};

try {
  const startup = best(() => execFileSync(process.execPath, [cli, '--help'], { stdio: 'ignore' }));
  const bash = best(() => execFileSync('bash', [join(dir, 'script.sh')], { stdio: 'ignore' }));
  const oneCommand = best(slipway('empty.yml'));
  const full = best(slipway('buildspec.yml'));
  const perCommand = (full - oneCommand - bash) / commands;
  console.log(`commands: ${commands}, best of ${rounds} rounds`);
  console.log(`slipway start-up (--help):            ${startup.toFixed(1)} ms`);
  console.log(`plain bash script, ${commands} commands:     ${bash.toFixed(1)} ms`);
  console.log(`slipway build --host, 1 command:      ${oneCommand.toFixed(1)} ms (fixed cost of a build)`);
  console.log(`slipway build --host, ${commands} commands:  ${full.toFixed(1)} ms`);
  console.log(`ratio slipway/bash for ${commands} commands: ${(full / bash).toFixed(1)}x`);
  console.log(`added per command: ${perCommand.toFixed(3)} ms (goal < 5 ms)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
