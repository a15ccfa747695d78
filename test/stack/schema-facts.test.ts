// The property and type names the engine checks templates against are CloudFormation's own, read
// from the resource provider schemas cfn-lint bundles (scripts/cloudformation-schema-facts.mjs).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/local/stack/providers/index.js';
import { RESOURCE_PROPERTY_NAMES } from '../../src/local/stack/resource-property-names.js';

const run = promisify(execFile);
const script = join(import.meta.dirname, '..', '..', 'scripts', 'cloudformation-schema-facts.mjs');

describe('schema facts', () => {
  it('match the schemas of the installed cfn-lint (if not, run the script to regenerate them)', async () => {
    const result = await run('node', [script, '--check']).then(
      (done) => ({ code: 0, output: done.stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
    );
    expect(result.output).toMatch(/^up to date with the installed cfn-lint schemas \(\d{4,} types\)/);
    expect(result.code).toBe(0);
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
