// The pipelines pages' data from a real home's records (src/local/dashboard/pipeline-views.ts):
// the pipeline's columns follow GetPipelineState, each stage showing the newest execution that
// entered it, and its inbound transition as declared until the engine changes it; the list shows
// the latest execution's stages, a stage it has not reached without a status.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { LocalAccount } from '../../src/local/account/index.js';
import { pipelineList, pipelineState } from '../../src/local/dashboard/pipeline-views.js';
import type { ActionExecution, ActionStatus, PipelineExecution } from '../../src/local/pipeline/index.js';

let home: string;
let account: LocalAccount;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'slipway-pipeline-views-'));
  account = new LocalAccount({ home });
  const action = (name: string, category: string, provider: string) => ({ name, actionTypeId: { category, owner: 'AWS', provider, version: '1' }, runOrder: 1, configuration: {}, inputArtifacts: [], outputArtifacts: [] });
  account.pipelines.create({
    name: 'app', roleArn: 'arn:aws:iam::000000000000:role/r', pipelineType: 'V2', executionMode: 'SUPERSEDED', variables: [], triggers: [], restartExecutionOnUpdate: false,
    disableInboundStageTransitions: [{ stageName: 'Build', reason: 'frozen for the release' }],
    stages: [{ name: 'Source', actions: [action('Source', 'Source', 'CodeStarSourceConnection')] }, { name: 'Build', actions: [action('Build', 'Build', 'CodeBuild')] }],
  });
});
afterEach(() => {
  account.close();
  rmSync(home, { recursive: true, force: true });
});

function execution(id: string, status: PipelineExecution['status']): void {
  const now = new Date().toISOString();
  account.executions.insert({ pipelineExecutionId: id, pipelineName: 'app', pipelineVersion: 1, status, executionMode: 'SUPERSEDED', trigger: { triggerType: 'StartPipelineExecution' }, sourceRevisions: [], variables: [], artifacts: {}, outputs: {}, startTime: now, lastUpdateTime: now }, account.owner);
}

function run(executionId: string, stageName: string, actionName: string, provider: string, status: ActionStatus): void {
  const now = new Date().toISOString();
  const record: ActionExecution = {
    actionExecutionId: `${executionId}-${actionName}`, pipelineExecutionId: executionId, pipelineVersion: 1, stageName, actionName, status, startTime: now, lastUpdateTime: now,
    input: { actionTypeId: { category: stageName, owner: 'AWS', provider, version: '1' }, configuration: {}, resolvedConfiguration: {}, inputArtifacts: [] },
    output: { outputArtifacts: [], outputVariables: {}, executionResult: provider === 'CodeBuild' ? { externalExecutionId: 'app-build:1' } : {} },
  };
  account.executions.saveAction(record, 'app');
}

it('shows each stage with the newest execution that entered it, and the list the latest execution\'s stages', () => {
  execution('older', 'Succeeded');
  run('older', 'Source', 'Source', 'CodeStarSourceConnection', 'Succeeded');
  run('older', 'Build', 'Build', 'CodeBuild', 'Succeeded');
  execution('newer', 'InProgress');
  run('newer', 'Source', 'Source', 'CodeStarSourceConnection', 'InProgress');

  const engine = account.pipelineEngine();
  const state = pipelineState(account, engine, 'app');
  expect(state.stages.map(({
    stageName, pipelineExecutionId, status, inboundTransition,
  }) => ({ stageName, pipelineExecutionId, status, inboundTransition }))).toEqual([
    { stageName: 'Source', pipelineExecutionId: 'newer', status: 'InProgress', inboundTransition: { enabled: true } },
    { stageName: 'Build', pipelineExecutionId: 'older', status: 'Succeeded', inboundTransition: { enabled: false, disabledReason: 'frozen for the release' } },
  ]);
  expect(state.stages[1]!.actions[0]!.latest).toMatchObject({ status: 'Succeeded', buildId: 'app-build:1', pipelineExecutionId: 'older' });
  engine.setTransition('app', 'Build', { enabled: true, by: 'arn:aws:iam::000000000000:root' });
  expect(pipelineState(account, engine, 'app').stages[1]!.inboundTransition).toEqual({ enabled: true, lastChangedBy: 'arn:aws:iam::000000000000:root', lastChangedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

  const [entry] = pipelineList(account);
  expect(entry!.latest!.pipelineExecutionId).toBe('newer');
  expect(entry!.stages).toEqual([{ stageName: 'Source', status: 'InProgress' }, { stageName: 'Build' }]);
});
