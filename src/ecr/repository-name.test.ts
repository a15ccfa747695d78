// ECR's repository-name rule (CreateRepository `repositoryName`), and that every caller uses it.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { SlipwayError } from '../errors.js';
import { isRepositoryName as registryAccepts } from '../local/registry/index.js';
import { repositoryProvider } from '../local/stack/providers/ecr.js';
import { isRepositoryName, REPOSITORY_NAME, REPOSITORY_NAME_PATTERN } from './repository-name.js';

const VALID = ['ab', 'app', 'team/app', 'a.b_c-d/e', 'x1/y2/z3', 'a'.repeat(256)];
const INVALID = ['a', '', 'App', 'team//app', '/app', 'app/', 'a..b', 'a-', '-a', 'a b', 'app:latest', 'a'.repeat(257)];

describe('ECR repository names', () => {
  it.each(VALID)('accepts %j', (name) => {
    expect(isRepositoryName(name)).toBe(true);
  });
  it.each(INVALID)('refuses %j', (name) => {
    expect(isRepositoryName(name)).toBe(false);
  });

  it('gives the pattern unanchored, as the ECR API reference writes it', () => {
    expect(REPOSITORY_NAME_PATTERN).toBe('(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*');
    expect(REPOSITORY_NAME.source).toBe(`^${REPOSITORY_NAME_PATTERN}$`.replace('/', '\\/'));
  });

  it('is the rule of the local registry, of AWS::ECR::Repository in local stacks and of slipway.yml', () => {
    for (const name of [...VALID, ...INVALID.filter((name) => name !== '')]) {
      const expected = isRepositoryName(name);
      expect(registryAccepts(name), `registry: ${name}`).toBe(expected);
      expect(repositoryProvider.validate({ RepositoryName: name }).length === 0, `stack: ${name}`).toBe(expected);
      expect(configAccepts(name), `slipway.yml: ${name}`).toBe(expected);
    }
  });
});

function configAccepts(repository: string): boolean {
  try {
    parseConfig(`name: app\nsource: {repository: app, owner: acme}\nimage: {repository: ${JSON.stringify(repository)}}\n`, 'slipway.yml');
    return true;
  } catch (error) {
    if (error instanceof SlipwayError && error.problems.every((problem) => problem.path === 'image.repository')) return false;
    throw error;
  }
}
