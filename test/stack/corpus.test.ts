// The corpus of realistic pipeline templates: each creates, updates with a changed parameter
// and deletes cleanly, leaving nothing local behind.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackOperationResult } from '../../src/local/stack/index.js';
import { corpusTemplate, testEngine, type TestEngine } from './support/engine.js';

const CASES: { file: string; stackName: string; update: Record<string, string> }[] = [
  { file: 'github-v1-polling.yaml', stackName: 'github-polling', update: { ComputeType: 'BUILD_GENERAL1_MEDIUM' } },
  { file: 'github-v1-webhook.yaml', stackName: 'github-webhook', update: { UseWebhook: 'false', Environment: 'production' } },
  { file: 'connection-v2-triggers.yaml', stackName: 'connection-v2', update: { FullRepositoryId: 'octo-org/other' } },
  { file: 'codecommit-eventbridge.yaml', stackName: 'codecommit', update: { RepositoryName: 'corpus-renamed' } },
  { file: 's3-source-import.json', stackName: 's3-source', update: { BuildTimeout: '60' } },
  { file: 'nested-parent.yaml', stackName: 'nested', update: { Mutability: 'IMMUTABLE' } },
];

function expectStatus(result: StackOperationResult | undefined, status: string): void {
  expect(result?.reason ?? '', `${result?.stackName}: ${result?.reason}`).toBe('');
  expect(result?.status).toBe(status);
}

describe('the template corpus', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = testEngine();
    expectStatus(await t.engine.create({ stackName: 'shared', ...corpusTemplate('shared-resources.yaml') }), 'CREATE_COMPLETE');
  });
  afterAll(() => t.dispose());

  for (const entry of CASES) {
    it(`${entry.file}: creates, updates with a changed parameter, and deletes`, async () => {
      expectStatus(await t.engine.create({ stackName: entry.stackName, ...corpusTemplate(entry.file) }), 'CREATE_COMPLETE');
      expectStatus(await t.engine.update({ stackName: entry.stackName, ...corpusTemplate(entry.file), parameters: entry.update }), 'UPDATE_COMPLETE');
      const described = t.engine.describe(entry.stackName);
      for (const [key, value] of Object.entries(entry.update)) {
        expect(described.Parameters.find((parameter) => parameter.ParameterKey === key)?.ParameterValue).toBe(value);
      }
      expectStatus(await t.engine.delete(entry.stackName), 'DELETE_COMPLETE');
    });
  }

  it('shared-resources.yaml: updates and deletes, and nothing local is left behind', async () => {
    expectStatus(await t.engine.update({ stackName: 'shared', parameters: { RetentionDays: '30' } }), 'UPDATE_COMPLETE');
    expectStatus(await t.engine.delete('shared'), 'DELETE_COMPLETE');
    const { account } = t;
    expect([
      account.pipelines.list(), account.pipelines.listWebhooks(), account.connections.list(), account.eventRules.list(),
      account.codecommit.list(),
    ].flat()).toEqual([]);
    expect(account.codebuild.projects.list()).toEqual([]);
    expect(t.engine.artifacts.listBuckets()).toEqual([]);
    expect(t.registry().describeRepositories().repositories).toEqual([]);
    expect(t.account.parameters.get('/corpus/image-tag')).toBeUndefined();
    expect(existsSync(join(t.home, 'codecommit')) ? readdirSync(join(t.home, 'codecommit')) : []).toEqual([]);
    expect(t.engine.listStacks()).toEqual([]);
  });
});
