// Every template slipway emits passes cfn-lint with no errors and no warnings (issue 2, "How it
// is checked"). All variants are synthesized in this one process and linted by one cfn-lint run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate, synthesizeGenericTemplate, synthesizeTemplate } from '../../src/synth/index.js';
import { allVariants, configOf } from './variants.js';

interface LintMatch {
  Level: string;
  Rule: { Id: string };
  Message: string;
  Filename: string;
  Location: { Path: (string | number)[] };
}

const dir = mkdtempSync(join(tmpdir(), 'slipway-cfn-lint-'));
const files: string[] = [];
let matches: LintMatch[] = [];

beforeAll(async () => {
  for (const variant of allVariants()) {
    const file = join(dir, `${variant.name}.yml`);
    writeFileSync(file, renderTemplate(synthesizeTemplate(configOf(variant)), 'yaml'));
    files.push(file);
  }
  const generic = join(dir, 'generic.yml');
  writeFileSync(generic, renderTemplate(synthesizeGenericTemplate(), 'yaml'));
  files.push(generic);
  // JSON too: the same template in the other format slipway writes.
  const genericJson = join(dir, 'generic.json');
  writeFileSync(genericJson, renderTemplate(synthesizeGenericTemplate(), 'json'));
  files.push(genericJson);
  matches = await lint([...files, writeCanary()]);
}, 300_000);

/** A template with one known mistake: proves that the run really lints and reports. */
function writeCanary(): string {
  const file = join(dir, 'canary.yml');
  writeFileSync(file, 'Resources:\n  Repository:\n    Type: AWS::ECR::Repository\n    Properties:\n      ImageTagMutability: SOMETIMES\n');
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs cfn-lint once on all files; its exit status only says which levels it found. */
async function lint(paths: string[]): Promise<LintMatch[]> {
  try {
    // --include-checks I: informational matches too, not only errors and warnings.
    const { stdout } = await promisify(execFile)('cfn-lint', ['--format', 'json', '--include-checks', 'I', '--', ...paths], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout || '[]') as LintMatch[];
  } catch (error) {
    const { stdout, code } = error as { stdout?: string; code?: number | string };
    // Codes 2, 4 and 8 (and their sums) mean errors, warnings or informational matches were found.
    if (typeof code === 'number' && code > 0 && code < 16 && stdout) return JSON.parse(stdout) as LintMatch[];
    throw error;
  }
}

describe('cfn-lint on every template slipway emits', () => {
  it('linted the whole matrix (10 provider × trigger sources × shared bucket × ECS, the options, and --generic)', () => {
    expect(files.length).toBe(10 * 2 * 2 + 6 + 2);
  });

  it('reports the mistake planted in a canary template, so a clean result means something', () => {
    const canary = matches.filter((m) => m.Filename.endsWith('canary.yml'));
    expect(canary.map((m) => m.Level)).toContain('Error');
  });

  it('finds no errors, no warnings and no informational matches in slipway\'s templates', () => {
    const found = matches
      .filter((m) => !m.Filename.endsWith('canary.yml'))
      .map((m) => `${m.Filename.split('/').pop()}: ${m.Level} ${m.Rule.Id} ${m.Message} at ${m.Location.Path.join('.')}`);
    expect(found).toEqual([]);
  });
});
