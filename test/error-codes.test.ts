// One naming style for error codes (src/errors.ts): slipway's own codes are PascalCase, as AWS's
// exception names are; no SCREAMING_SNAKE SlipwayError code is left anywhere in src. (The
// registry's OCI distribution codes, NAME_UNKNOWN and the like, are the spec's, in their own class.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FILES = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => `src/${name}`);
// Where an error code is written: `new SlipwayError('Code'`, aws-errors.ts's `say('Code'`, and
// failure.ts's `error: { code: 'Code'`.
const CODE = /(?:SlipwayError\(\s*|\berror: \{ code: )'([^']+)'/g;
// aws-errors.ts names AWS's codes through its own `say('Code', ...)`.
const SAY = /\bsay\(\s*'([^']+)'/g;
const PASCAL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z0-9][a-z0-9]*)*$/;

describe('error codes', () => {
  const codes = FILES.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const matches = [...text.matchAll(CODE), ...(file.endsWith('aws-errors.ts') ? text.matchAll(SAY) : [])];
    return matches.map((match) => ({ file, code: match[1] as string }));
  });

  it('are found in every file that writes one (the scan itself works)', () => {
    expect(codes.map((found) => found.code)).toEqual(expect.arrayContaining(['TemplateTooLarge', 'ConfigInvalid', 'AwsValidation', 'StackBusy', 'Internal', 'BuildspecInvalid', 'AlreadyExistsException', 'InitOwnerUnknown']));
  });

  it('are all PascalCase', () => {
    expect(codes.filter((found) => !PASCAL_CASE.test(found.code))).toEqual([]);
  });
});
