import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSlipway } from '../../test/support/run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'slipway-failure-'));
writeFileSync(join(cwd, 'needs-env.yml'), 'Parameters:\n  Env:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
const createStack = (...extra: string[]) =>
  runSlipway(['stack', 'create', '--template', 'needs-env.yml', '--stack-name', 'app', '--home', join(cwd, 'home'), ...extra], { cwd });

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('an error whose message is its first problem', () => {
  it('prints the missing parameter once, with its place in the template', async () => {
    const run = await createStack();
    expect(run.code).toBe(2);
    expect(run.stderr.match(/must have values/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: \S*needs-env\.yml:3:5 Parameters\.Env: Parameters: \[Env\] must have values/m);
  });

  it('lists the other problems under it, each once', async () => {
    const run = await createStack('--parameter', 'Nope=1');
    expect(run.code).toBe(2);
    const lines = run.stderr.split('\n').filter((line) => /Parameters: \[/.test(line));
    expect(lines).toEqual([
      expect.stringMatching(/^error: \S*needs-env\.yml:\d+:\d+ Parameters: Parameters: \[Nope\] do not exist in the template \(and 1 more\)$/),
      expect.stringMatching(/^ {2}\S*needs-env\.yml:3:5 Parameters\.Env: Parameters: \[Env\] must have values/),
    ]);
  });
});
