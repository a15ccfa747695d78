// One naming style for error codes (src/errors.ts): slipway's own codes are PascalCase, as AWS's
// exception names are; no SCREAMING_SNAKE code is left in the deploy side, slipway.yml, or the
// CLI files that report them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = [
  ...['src/deploy', 'src/config', 'src/yaml'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .map((name) => `${dir}/${name}`),
  ),
  'src/cli/run/deploy.ts',
  'src/cli/failure.ts',
];
// Where an error code is written: `new SlipwayError('Code'`, aws-errors.ts's `say('Code'`, and
// failure.ts's `error: { code: 'Code'`.
const CODE = /(?:SlipwayError\(\s*|\bsay\(\s*|\berror: \{ code: )'([^']+)'/g;
const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z0-9][a-z0-9]*)*$/;

describe('error codes', () => {
  const codes = FILES.flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(CODE)].map((match) => ({ file, code: match[1] as string })));

  it('are found in every file that writes one (the scan itself works)', () => {
    expect(codes.map((found) => found.code)).toEqual(expect.arrayContaining(['TemplateTooLarge', 'ConfigInvalid', 'AwsValidation', 'StackBusy', 'Internal']));
  });

  it('are all PascalCase', () => {
    expect(codes.filter((found) => !PASCAL_CASE.test(found.code))).toEqual([]);
  });
});
