// The templates of the main variants, saved: any change to what slipway emits shows up here as a
// diff to review. `UPDATE_GOLDEN=1 npx vitest run test/synth/golden.test.ts` rewrites them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { renderTemplate, synthesizeGenericTemplate, synthesizeTemplate } from '../../src/synth/index.js';

const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** The main variants, as a user would write slipway.yml for them. */
const MAIN_VARIANTS: Record<string, string> = {
  // The shape issue 2 gives for slipway.yml.
  connection: `name: widget
env: dev
source: {provider: connection, owner: acme, repository: widget, branch: main}
image: {repository: widget, tagMutability: MUTABLE, scanOnPush: true, containerName: widget}
build: {buildspec: buildspec.yml, computeType: BUILD_GENERAL1_SMALL, timeoutMinutes: 30}
artifacts: {bucket: ""}
`,
  'github-webhook': 'name: widget\nsource: {provider: github, owner: acme, repository: widget, trigger: webhook}\n',
  codecommit: 'name: widget\nsource: {provider: codecommit, repository: widget}\n',
};

function compare(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, `${name}.yml`);
  if (UPDATE || !existsSync(file)) {
    // A missing golden is written once and then fails, so that a run never passes unchecked.
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`wrote the missing golden ${file}; review it and run again`);
    return;
  }
  expect(actual, `${name}.yml differs from its golden copy; review, then rerun with UPDATE_GOLDEN=1`).toBe(readFileSync(file, 'utf8'));
}

describe('golden templates', () => {
  it.each(Object.entries(MAIN_VARIANTS))('%s matches its golden copy', (name, yaml) => {
    compare(name, renderTemplate(synthesizeTemplate(parseConfig(yaml, `${name}.yml`)), 'yaml'));
  });

  it('generic matches its golden copy', () => {
    compare('generic', renderTemplate(synthesizeGenericTemplate(), 'yaml'));
  });
});
