// The property and type names the engine checks templates against are CloudFormation's own, read
// from the resource provider schemas cfn-lint bundles (scripts/cloudformation-schema-facts.mjs).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/local/stack/providers/index.js';
import { RESOURCE_PROPERTY_NAMES } from '../../src/local/stack/resource-property-names.js';
import { CFN_LINT_VERSION } from '../../src/local/stack/resource-type-names.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, '..', '..', 'scripts', 'cloudformation-schema-facts.mjs');
/** The script's exit status when no cfn-lint is on PATH. */
const NOT_INSTALLED = 3;

type Outcome = { code: number; output: string };
const runScript = (...args: string[]): Promise<Outcome> =>
  run('node', [script, ...args]).then(
    (done) => ({ code: 0, output: done.stdout }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
  );

/** The installed cfn-lint's version, or undefined when none is installed. */
async function installedCfnLint(): Promise<string | undefined> {
  const result = await runScript('--installed-version');
  if (result.code === NOT_INSTALLED) return undefined;
  expect(result.code, result.output).toBe(0);
  return result.output.trim();
}

describe('schema facts', () => {
  it('record the cfn-lint release they were generated from, in the constant and in both headers', () => {
    expect(CFN_LINT_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    for (const file of ['resource-type-names.ts', 'resource-property-names.ts']) {
      const text = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'local', 'stack', file), 'utf8');
      expect(text, file).toContain(`schemas bundled with cfn-lint ${CFN_LINT_VERSION} (us-east-1)`);
    }
  });

  // Another cfn-lint release bundles other schemas, so the files differ without any fault in
  // slipway: the check runs only against the release the files were generated from.
  it('match the schemas of the cfn-lint release they were generated from', async (ctx) => {
    const installed = await installedCfnLint();
    if (installed !== CFN_LINT_VERSION) {
      ctx.skip(`generated from cfn-lint ${CFN_LINT_VERSION}, installed: ${installed ?? 'none'}; to compare, install cfn-lint==${CFN_LINT_VERSION}, or regenerate with: node scripts/cloudformation-schema-facts.mjs`);
    }
    const result = await runScript('--check');
    expect(result.output).toMatch(/^up to date with the installed cfn-lint \S+ schemas \(\d{4,} types\)/);
    expect(result.code).toBe(0);
  });

  it('are generated for the types the script reads from providers/index.ts, which are the keys of PROVIDERS', async () => {
    const result = await runScript('--emulated-types');
    expect(result.code, result.output).toBe(0);
    expect(result.output.trim().split('\n')).toEqual(Object.keys(PROVIDERS).sort());
  });

  it('cover exactly the emulated types, and each provider declares its type\'s list', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual(Object.keys(RESOURCE_PROPERTY_NAMES).sort());
    for (const [type, provider] of Object.entries(PROVIDERS)) {
      expect(provider.properties, type).toBe(RESOURCE_PROPERTY_NAMES[type as keyof typeof RESOURCE_PROPERTY_NAMES]);
    }
  });

  it('contain every property a provider names in its replacement, immutability and name rules', () => {
    for (const [type, provider] of Object.entries(PROVIDERS)) {
      const named = [...provider.replaceOn, ...(provider.immutable ?? []), ...(provider.nameProperty ? [provider.nameProperty] : [])];
      if (provider.properties === 'any') expect(named, type).toEqual([]);
      else for (const name of named) expect(provider.properties, `${type}.${name}`).toContain(name);
    }
  });
});
