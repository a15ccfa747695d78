// The corpus is valid CloudFormation by the reference linter's judgement, not only by ours.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const corpus = join(import.meta.dirname, 'templates');

it('cfn-lint finds no problem in any corpus template', async () => {
  const files = [
    ...readdirSync(corpus).filter((name) => /\.(ya?ml|json)$/.test(name)).map((name) => join(corpus, name)),
    ...readdirSync(join(corpus, 'nested')).map((name) => join(corpus, 'nested', name)),
  ];
  expect(files.length).toBeGreaterThanOrEqual(8);
  const result = await run('cfn-lint', ['--format', 'parseable', '--', ...files]).then(
    (done) => ({ code: 0, output: done.stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
  );
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
});
