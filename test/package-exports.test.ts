// The package as its users import it: every entry point in package.json's `exports` resolves
// from the built dist/ (npm test builds first), and the main entry does not drag in aws-cdk-lib.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
const root = new URL('..', import.meta.url).pathname;

/** Runs an ESM snippet in a fresh Node process from the package root, as a user's program would. */
function node(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
}

describe('the published package', () => {
  it.each(Object.keys(pkg.exports))('exports %s', (entry) => {
    const specifier = entry === '.' ? 'slipway' : `slipway/${entry.slice(2)}`;
    const names = JSON.parse(node(`const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m)));`));
    expect(names.length).toBeGreaterThan(0);
  });

  it('loads the library entry without aws-cdk-lib', () => {
    const loaded = node(
      `import { createRequire } from 'node:module'; await import('slipway'); const require = createRequire(import.meta.url);` +
        `console.log(Object.keys(require.cache).some((path) => path.includes('aws-cdk-lib')));`,
    );
    expect(loaded.trim()).toBe('false');
  });
});
