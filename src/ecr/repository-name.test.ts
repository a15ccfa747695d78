// ECR's repository-name rule (CreateRepository `repositoryName`), and that every caller applies it:
// the local registry's CreateRepository, AWS::ECR::Repository in local stacks, slipway.yml, and
// the ImageRegistry parameter of the generic template (checked as CloudFormation checks it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTemplate, resolveParameters, type Template } from '../cloudformation/index.js';
import { parseConfig } from '../config/index.js';
import { SlipwayError } from '../errors.js';
import { openRegistry, type LocalRegistry } from '../local/registry/index.js';
import { repositoryProvider } from '../local/stack/providers/ecr.js';
import { synthesizeGenericTemplate } from '../synth/index.js';
import { isRepositoryName } from './repository-name.js';

const VALID = ['ab', 'app', 'team/app', 'a.b_c-d/e', 'x1/y2/z3', 'a'.repeat(256)];
const INVALID = ['a', '', 'App', 'team//app', '/app', 'app/', 'a..b', 'a-', '-a', 'a b', 'app:latest', 'a'.repeat(257)];

describe('ECR repository names', () => {
  it.each(VALID)('accepts %j', (name) => {
    expect(isRepositoryName(name)).toBe(true);
  });
  it.each(INVALID)('refuses %j', (name) => {
    expect(isRepositoryName(name)).toBe(false);
  });

  describe('are checked alike by every caller', () => {
    let home: string;
    let registry: LocalRegistry;
    let generic: Template;
    beforeAll(() => {
      home = mkdtempSync(join(tmpdir(), 'slipway-ecr-names-'));
      registry = openRegistry({ dataDir: join(home, 'registry'), requireAuth: false, maintenanceIntervalMs: 0 });
      const read = readTemplate(JSON.stringify(synthesizeGenericTemplate()), 'generic.json');
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      generic = read.template;
    });
    afterAll(async () => {
      await registry.close();
      rmSync(home, { recursive: true, force: true });
    });

    it.each([...VALID.map((name) => [name, true] as const), ...INVALID.map((name) => [name, false] as const)])('%j: %s', (name, valid) => {
      expect(registryAccepts(registry, name), 'local registry CreateRepository').toBe(valid);
      expect(repositoryProvider.validate({ RepositoryName: name }).length === 0, 'AWS::ECR::Repository').toBe(valid);
      expect(parameterAccepts(generic, name), 'generic template ImageRegistry').toBe(valid);
      if (name !== '') expect(configAccepts(name), 'slipway.yml image.repository').toBe(valid);
    });
  });
});

function registryAccepts(registry: LocalRegistry, repositoryName: string): boolean {
  try {
    registry.createRepository({ repositoryName });
    return true;
  } catch (error) {
    if (error instanceof SlipwayError && error.problems.some((problem) => problem.path === 'repositoryName')) return false;
    throw error;
  }
}

function parameterAccepts(template: Template, name: string): boolean {
  const given = { CodeRepository: 'widget', Owner: 'octo-org', ImageRegistry: name };
  const result = resolveParameters(template, { given, readSsmParameter: () => undefined });
  if (result.ok) return true;
  const others = result.problems.filter((problem) => !problem.message.includes('ImageRegistry'));
  expect(others).toEqual([]);
  return false;
}

function configAccepts(repository: string): boolean {
  try {
    parseConfig(`name: app\nsource: {repository: app, owner: acme}\nimage: {repository: ${JSON.stringify(repository)}}\n`, 'slipway.yml');
    return true;
  } catch (error) {
    if (error instanceof SlipwayError && error.problems.every((problem) => problem.path === 'image.repository')) return false;
    throw error;
  }
}
