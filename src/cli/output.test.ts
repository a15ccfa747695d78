// A reader that goes away ends slipway as SIGPIPE ends any Unix tool: tried through real pipes
// in bash, with the compiled CLI (npm run build), next to `yes` in the same place.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../bin/slipway.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'slipway-pipe-'));
const home = join(dir, 'home');

/** Runs `<left> | <right>` in bash; returns the left command's status, what it printed on stderr, and what the right one wrote. */
function pipe(left: string, right: string): { status: number; stderr: string; read: string } {
  const script = `{ ${left}; } 2>stderr | ${right} >read; echo "\${PIPESTATUS[0]}"`;
  const status = Number(execFileSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' }).trim());
  return { status, stderr: readFileSync(join(dir, 'stderr'), 'utf8'), read: readFileSync(join(dir, 'read'), 'utf8') };
}

const slipway = (args: string) => `"${process.execPath}" "${CLI}" ${args}`;

beforeAll(() => {
  if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) throw new Error('dist/ is missing: run `npm run build` first');
  writeFileSync(join(dir, 'slipway.yml'), 'name: widget\nsource:\n  owner: acme\n  repository: widget\n');
  // 150 resources make `stack describe --json` about 170 KB, more than a pipe holds (64 KiB), so
  // `head -c 200` is gone before slipway has written it all.
  writeFileSync(join(dir, 'many.yml'), `Resources:\n${Array.from({ length: 150 }, (_, i) => `  Topic${i}:\n    Type: AWS::SNS::Topic\n`).join('')}`);
  execFileSync(process.execPath, [CLI, 'stack', 'create', '--home', home, '--template', 'many.yml', '--stack-name', 'many'], { cwd: dir, stdio: 'ignore' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a closed stdout', () => {
  it('ends `slipway stack describe --json | head -c 200` quietly, with the status `yes | head -c 200` has', () => {
    const unix = pipe('yes', 'head -c 200');
    const run = pipe(slipway(`stack describe --home "${home}" --stack-name many --json`), 'head -c 200');
    expect(run.read).toHaveLength(200);
    expect(run.read.startsWith('{"StackId":')).toBe(true);
    expect(run.stderr).toBe('');
    expect(unix.status).toBe(141);
    expect(run.status).toBe(unix.status);
  });

  it('ends `slipway synth` quietly when its reader closed stdin before slipway wrote a byte', () => {
    const run = pipe(slipway('synth'), '(exec 0<&-; sleep 2)');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(141);
  });

  it('ends slipway the same way when it is stderr whose reader went away', () => {
    // Inside the braces `2>&1` sends stderr into the pipe, and stdout goes nowhere.
    const run = pipe(slipway('synth --no-such-flag 2>&1 >/dev/null'), '(exec 0<&-; sleep 2)');
    expect(run.status).toBe(141);
  });
});
