// A stage's status in an execution as the columns show it (src/local/dashboard/stage-views.ts),
// from its actions' latest runs, as CodePipeline's StageExecution status reads.
import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../src/local/dashboard/action-states.js';
import { stageStatus } from '../../src/local/dashboard/stage-views.js';
import type { PipelineExecution } from '../../src/local/pipeline/index.js';

const action = (status?: string) => ({ latest: status ? { status } : undefined }) as unknown as ActionView;
const execution = (status: PipelineExecution['status']) => ({ status }) as PipelineExecution;

describe('stageStatus', () => {
  it.each([
    [['Succeeded', 'InProgress'], 'InProgress', 'InProgress'],
    [['Succeeded', 'InProgress'], 'Stopping', 'Stopping'],
    [['Failed', 'InProgress'], 'InProgress', 'InProgress'],
    [['Failed', 'Succeeded'], 'Failed', 'Failed'],
    [['Abandoned', 'Succeeded'], 'Stopped', 'Stopped'],
    [['Succeeded', 'Succeeded'], 'Succeeded', 'Succeeded'],
    [['Succeeded', undefined], 'InProgress', 'InProgress'],
    [['Succeeded', undefined], 'Stopped', 'Stopped'],
    [['Succeeded', undefined], 'Superseded', 'Cancelled'],
  ] as const)('actions %j in a %s execution: %s', (statuses, executionStatus, expected) => {
    expect(stageStatus(statuses.map(action), execution(executionStatus))).toBe(expected);
  });
});
