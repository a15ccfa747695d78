// Issue 16: a fuzzing pass over the buildspec reader. Whatever the text, readBuildspec returns a
// value (a buildspec or problems with messages) and never throws; what it accepts can be planned.
// Each property runs for at most 1.5 seconds (fast-check stops early; a stop is not a failure).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readBuildspec } from '../../src/local/codebuild/buildspec-parser.js';
import { planBuild } from '../../src/local/codebuild/plan.js';

const TIME = { interruptAfterTimeLimit: 1500, markInterruptAsFailure: false, numRuns: 1_000_000 };

/** Reads a text and checks the reading's shape; a throw fails the property. */
function readsCleanly(text: string): void {
  const reading = readBuildspec(text, 'buildspec.yml');
  for (const problem of reading.problems) expect(typeof problem.message).toBe('string');
  if (reading.buildspec) planBuild(reading.buildspec);
  else expect(reading.problems.length).toBeGreaterThan(0);
}

const KEYS = [
  'version', 'run-as', 'env', 'shell', 'variables', 'parameter-store', 'secrets-manager', 'exported-variables', 'git-credential-helper', 'proxy', 'batch',
  'phases', 'install', 'pre_build', 'build', 'post_build', 'commands', 'finally', 'on-failure', 'runtime-versions', 'artifacts', 'files', 'name',
  'base-directory', 'discard-paths', 'exclude-paths', 'enable-symlinks', 's3-prefix', 'secondary-artifacts', 'type', 'reports', 'file-format', 'cache',
  'paths', 'key', 'fallback-keys', 'action', '__proto__', 'constructor', 'CODEBUILD_X', '0.2', 'biuld',
];

/** Buildspec-shaped values: known keys at any depth, scalars YAML reads in surprising ways. */
const shaped = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('0.2', 0.2, 0.1, 'yes', 'no', true, null, '', 'RETRY-3-x(', 'ABORT', '**/*', '..', '/etc', 'a: b', 'NaN', -0, 1e308),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const VALID = `version: 0.2
env:
  variables: { A: "1" }
  exported-variables: [A]
phases:
  build:
    on-failure: RETRY-2
    commands:
      - echo hi
artifacts:
  files: ['**/*']
  secondary-artifacts:
    Second: { files: [a], name: x }
reports:
  unit: { files: [r.xml] }
cache:
  key: k
  paths: ['deps/**/*']
`;

describe('the buildspec reader under fuzzing', () => {
  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), readsCleanly), TIME);
  });

  it('never throws on buildspec-shaped YAML', () => {
    fc.assert(fc.property(shaped, (value) => readsCleanly(stringify({ version: 0.2, ...(typeof value === 'object' && value ? value : { phases: value }) }))), TIME);
  });

  it('never throws on a valid buildspec with characters inserted, removed or replaced', () => {
    const edit = fc.tuple(fc.nat({ max: VALID.length }), fc.nat({ max: 6 }), fc.string({ maxLength: 4, unit: fc.constantFrom(':', '-', ' ', '\n', '\t', '{', '[', '"', "'", '&a', '*a', '!!', '#', '|', '>', '?', 'x') }));
    fc.assert(fc.property(
      fc.array(edit, { minLength: 1, maxLength: 5 }),
      (edits) => readsCleanly(edits.reduce((text, [at, cut, put]) => text.slice(0, at) + put + text.slice(at + cut), VALID)),
    ), TIME);
  });

  it('reads deep nesting and many aliases without blowing up', () => {
    for (const text of [
      `version: 0.2\nphases: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      `version: 0.2\nenv:\n  variables: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`,
      `version: 0.2\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nphases:\n  build:\n    commands: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    ]) {
      readsCleanly(text);
    }
  });
});
