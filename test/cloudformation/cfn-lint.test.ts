// The corpus is valid CloudFormation by the reference linter's judgement, not only by ours.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const corpus = join(import.meta.dirname, 'templates');

// A template with a planted mistake rides in the same run: if cfn-lint stops reporting it (not
// installed rules, a changed output format, files silently skipped), a clean corpus means nothing.
const canary = join(import.meta.dirname, 'lint-canary', 'planted-mistake.yaml');

it('cfn-lint finds no problem in any corpus template, and does find the planted one', async () => {
  const files = [
    ...readdirSync(corpus).filter((name) => /\.(ya?ml|json)$/.test(name)).map((name) => join(corpus, name)),
    ...readdirSync(join(corpus, 'nested')).map((name) => join(corpus, 'nested', name)),
    ...readdirSync(join(corpus, 'projects')).map((name) => join(corpus, 'projects', name)),
  ];
  expect(files.length).toBeGreaterThanOrEqual(15);
  const result = await run('cfn-lint', ['--format', 'parseable', '--', ...files, canary]).then(
    (done) => ({ code: 0, output: done.stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
  );
  const lines = result.output.split('\n').filter((line) => line !== '');
  expect(lines.filter((line) => !line.startsWith(`${canary}:`))).toEqual([]);
  expect(lines).toEqual([expect.stringMatching(/^.*planted-mistake\.yaml:8:\d+:\d+:\d+:E\d+:'NoSuchAttribute' is not one of/)]);
  // cfn-lint exits 2 when it found errors, and only then.
  expect(result.code).toBe(2);
});
