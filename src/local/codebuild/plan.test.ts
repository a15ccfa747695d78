import { describe, expect, it } from 'vitest';
import type { OnFailure } from './buildspec.js';
import { parseBuildspec } from './buildspec-parser.js';
import { phaseAfter, planBuild, plannedPhase, shouldRetry, type BuildPlan, type CommandPhaseType } from './plan.js';

describe('phase transitions (AWS "Build phase transitions")', () => {
  const table: [CommandPhaseType, boolean, OnFailure | undefined, string][] = [
    ['INSTALL', false, undefined, 'PRE_BUILD'],
    ['INSTALL', true, undefined, 'FINALIZING'],
    ['PRE_BUILD', true, undefined, 'FINALIZING'],
    ['BUILD', true, undefined, 'POST_BUILD'],
    ['POST_BUILD', true, undefined, 'UPLOAD_ARTIFACTS'],
    ['BUILD', true, { action: 'ABORT' }, 'FINALIZING'],
    ['INSTALL', true, { action: 'CONTINUE' }, 'PRE_BUILD'],
    ['PRE_BUILD', true, { action: 'RETRY', retries: 3 }, 'FINALIZING'],
    ['POST_BUILD', false, { action: 'ABORT' }, 'UPLOAD_ARTIFACTS'],
  ];
  it.each(table)('%s failed=%s on-failure=%j → %s', (phase, failed, onFailure, next) => {
    expect(phaseAfter(phase, failed, onFailure)).toBe(next);
  });

  it('retries while tries remain and the error output matches the regex', () => {
    expect(shouldRetry({ action: 'RETRY', retries: 2 }, 1, '')).toBe(true);
    expect(shouldRetry({ action: 'RETRY', retries: 2 }, 2, '')).toBe(false);
    expect(shouldRetry({ action: 'RETRY', retries: 2, pattern: 'flaky' }, 0, 'a flaky test')).toBe(true);
    expect(shouldRetry({ action: 'RETRY', retries: 2, pattern: 'flaky' }, 0, 'fatal')).toBe(false);
    expect(shouldRetry({ action: 'CONTINUE' }, 0, '')).toBe(false);
  });
});

describe('looking up a planned phase', () => {
  it('finds POST_BUILD by its type, wherever it is in the list', () => {
    const plan = planBuild(parseBuildspec('version: 0.2\nrun-as: root\nphases:\n  post_build:\n    run-as: nobody\n    commands:\n      - echo post\n'));
    expect(plannedPhase(plan, 'POST_BUILD')).toMatchObject({ user: 'nobody', commands: ['echo post'] });
    const reordered: BuildPlan = { ...plan, phases: [...plan.phases].reverse() };
    expect(plannedPhase(reordered, 'POST_BUILD')?.user).toBe('nobody');
    expect(plannedPhase({ ...plan, phases: [] }, 'POST_BUILD')).toBeUndefined();
  });
});
