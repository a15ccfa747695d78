// `slipway synth` as a user runs it: the template and nothing else on stdout; located problems
// and exit code 2 for a bad slipway.yml.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSlipway } from '../support/run-cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/slipway.js');
const SAMPLE = 'name: widget\nsource: {provider: github, owner: acme, repository: widget}\nimage: {scanOnPush: true}\n';
const BAD = 'name: Widget\nsource: {provider: gitlab, repository: widget}\nimage: {scanOnPsh: true}\n';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function repository(slipwayYml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-synth-cli-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'slipway.yml'), slipwayYml);
  return dir;
}

/** Runs the installed command (`npm run build` writes dist/ first, as `npm test` does). */
async function slipway(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(resolve(import.meta.dirname, '../../dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, SLIPWAY_HOME: undefined } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('node bin/slipway.js synth', () => {
  it('prints a parseable template for slipway.yml and nothing else on stdout', async () => {
    const run = await slipway(['synth'], repository(SAMPLE));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const template = parse(run.stdout) as { Resources: Record<string, { Type: string }> };
    expect(template.Resources.Pipeline?.Type).toBe('AWS::CodePipeline::Pipeline');
  });

  it('prints every problem of a bad slipway.yml with its line and column, and exits 2', async () => {
    const run = await slipway(['synth'], repository(BAD));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('slipway.yml:1:7 name:');
    expect(run.stderr).toContain('slipway.yml:2:20 source.provider:');
    expect(run.stderr).toContain("slipway.yml:3:9 image.scanOnPsh: unknown key 'scanOnPsh'; did you mean 'scanOnPush'?");
  });
});

describe('slipway synth options', () => {
  it('writes JSON with --format json, and the same template as YAML', async () => {
    const cwd = repository(SAMPLE);
    const yaml = await runSlipway(['synth'], { cwd });
    const json = await runSlipway(['synth', '--format', 'json'], { cwd });
    expect(JSON.parse(json.stdout)).toEqual(parse(yaml.stdout));
    expect((await runSlipway(['synth', '--json'], { cwd })).stdout).toBe(json.stdout);
    const both = await runSlipway(['synth', '--json', '--format', 'yaml'], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/option '--json' cannot be used with option '--format/);
  });

  it('writes the template to -o FILE, says so on stderr, and prints nothing on stdout', async () => {
    const cwd = repository(SAMPLE);
    const run = await runSlipway(['synth', '-o', 'pipeline.yml'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('wrote pipeline.yml\n');
    expect(parse(readFileSync(join(cwd, 'pipeline.yml'), 'utf8'))).toHaveProperty('Resources.Pipeline');
  });

  it('exits 2 with the reason when -o names a folder that does not exist', async () => {
    const cwd = repository(SAMPLE);
    const run = await runSlipway(['synth', '-o', 'missing/pipeline.yml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: cannot write the template to missing\/pipeline.yml: ENOENT\nhint: /);
  });

  it('reads --config FILE instead of slipway.yml', async () => {
    const cwd = repository(BAD);
    writeFileSync(join(cwd, 'other.yml'), SAMPLE);
    const run = await runSlipway(['synth', '--config', 'other.yml'], { cwd });
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toHaveProperty('Resources.Webhook');
  });

  it('prints the generic template with --generic, needing no slipway.yml', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'slipway-synth-generic-'));
    dirs.push(cwd);
    const run = await runSlipway(['synth', '--generic'], { cwd });
    expect(run.code).toBe(0);
    expect(Object.keys((parse(run.stdout) as { Parameters: object }).Parameters)).toContain('ImageRegistry');
  });

  it('says how to get a slipway.yml when there is none, with exit code 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'slipway-synth-none-'));
    dirs.push(cwd);
    const run = await runSlipway(['synth'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot read slipway\.yml: no such file[\s\S]*slipway init/);
  });

  it('refuses an unknown --format with exit code 2', async () => {
    const run = await runSlipway(['synth', '--format', 'xml'], { cwd: repository(SAMPLE) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
