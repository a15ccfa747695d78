// Every template `slipway synth` emits (its golden copies) creates, updates with a changed
// parameter (or, without parameters, unchanged) and deletes cleanly on the local engine.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTemplate } from '../../src/cloudformation/index.js';
import { testEngine, type TestEngine } from './support/engine.js';

const GOLDEN = join(import.meta.dirname, '..', 'synth', 'golden');
/** Values for parameters without a default, and a change to make on update. */
const GIVEN: Record<string, string> = { OAuthToken: 'ghp_local', CodeRepository: 'widget', ImageRegistry: 'widget-images', Owner: 'octo-org' };
const CHANGES: Record<string, string> = { Branch: 'release', Env: 'prod', OAuthToken: 'ghp_rotated' };

describe('templates slipway synth emits', () => {
  let t: TestEngine;
  // A fresh state folder each: the templates keep their ECR repository on delete (DeletionPolicy
  // Retain), so the next template's repository of the same name would rightly already exist.
  beforeEach(() => {
    t = testEngine();
  });
  afterEach(() => t.dispose());

  const files = readdirSync(GOLDEN).filter((name) => /\.ya?ml$|\.json$/.test(name));
  it('are there to test', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file}: creates, updates with a changed parameter, and deletes`, async () => {
      const templateFile = join(GOLDEN, file);
      const templateBody = readFileSync(templateFile, 'utf8');
      const read = readTemplate(templateBody, templateFile);
      if (!read.ok) expect.fail(JSON.stringify(read.problems));
      const declared = Object.keys(read.template.parameters);
      const given = Object.fromEntries(Object.entries(GIVEN).filter(([key]) => declared.includes(key)));
      const stackName = file.replace(/\.\w+$/, '');
      const created = await t.engine.create({ stackName, templateBody, templateFile, parameters: given });
      expect(created.reason ?? '').toBe('');
      expect(created.status).toBe('CREATE_COMPLETE');
      const change = Object.fromEntries(Object.entries(CHANGES).filter(([key]) => declared.includes(key)));
      const updated = await t.engine.update({ stackName, templateBody, templateFile, parameters: change });
      expect(updated.reason ?? '').toBe('');
      expect(updated.status).toBe(Object.keys(change).length > 0 ? 'UPDATE_COMPLETE' : 'NO_CHANGES');
      const deleted = await t.engine.delete(stackName);
      expect(deleted?.reason ?? '').toBe('');
      expect(deleted?.status).toBe('DELETE_COMPLETE');
    });
  }
});
