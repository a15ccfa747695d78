import { describe, expect, it } from 'vitest';
import { parseLifecyclePolicy, planExpirations, type LifecycleImage } from './lifecycle-policy.js';
import { thrownSlipwayError } from '../../../test/support/thrown.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 31);

function image(digit: string, tags: string[], daysAgo: number): LifecycleImage {
  return { imageDigest: `sha256:${digit.repeat(64)}`, imageTags: tags, imagePushedAt: NOW - daysAgo * DAY };
}

function policy(...rules: object[]): string {
  return JSON.stringify({ rules });
}

const keepThreeTagged = { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } };
const untaggedAfterOneDay = { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }, action: { type: 'expire' } };

describe('lifecycle policy validation (PutLifecyclePolicy)', () => {
  it('accepts the rule shapes of the ECR user guide', () => {
    expect(parseLifecyclePolicy(policy(keepThreeTagged, untaggedAfterOneDay)).rules).toHaveLength(2);
  });

  it('reports every problem at once as InvalidParameterException, each with its path', () => {
    const text = policy(
      { rulePriority: 1, selection: { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 0 }, action: { type: 'expire' } },
      { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 3 }, action: { type: 'delete' } },
    );
    const error = thrownSlipwayError(() => parseLifecyclePolicy(text));
    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(/^Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: /);
    expect(error.problems.map((p) => p.path)).toEqual(['rules[0].selection', 'rules[0].selection.countNumber', 'rules[1].action.type', 'rules[1].selection.countUnit']);
  });

  it('refuses duplicate priorities and a tagStatus any rule that is not last', () => {
    const any = { rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } };
    const error = thrownSlipwayError(() => parseLifecyclePolicy(policy(
      any, { ...untaggedAfterOneDay, rulePriority: 2 }, { ...untaggedAfterOneDay, rulePriority: 2 },
    )));
    expect(error.problems.map((p) => p.message)).toEqual([
      '2 is used by another rule; priorities must be unique',
      'a rule with tagStatus any must have the highest rulePriority (2), got 1',
    ]);
  });

  it('refuses text that is not JSON, and tag lists on untagged rules', () => {
    expect(thrownSlipwayError(() => parseLifecyclePolicy('{rules')).message).toContain('policy text is not JSON');
    const bad = { ...untaggedAfterOneDay, selection: { ...untaggedAfterOneDay.selection, tagPrefixList: ['v'] } };
    expect(thrownSlipwayError(() => parseLifecyclePolicy(policy(bad))).problems[0]!.message).toBe('tagPrefixList is only allowed with tagStatus tagged');
  });
});

describe('lifecycle policy planning', () => {
  it('imageCountMoreThan keeps the newest images a rule selects and expires the rest', () => {
    const images = [image('1', ['v1'], 5), image('2', ['v2'], 4), image('3', ['v3'], 3), image('4', ['v4'], 2), image('5', ['latest'], 9)];
    const expired = planExpirations(parseLifecyclePolicy(policy(keepThreeTagged)), images, NOW);
    expect(expired.map((e) => e.imageTags)).toEqual([['v1']]);
    expect(expired[0]!.appliedRulePriority).toBe(1);
  });

  it('sinceImagePushed expires images pushed more than countNumber days ago', () => {
    const images = [image('1', [], 3), image('2', [], 0.5), image('3', ['v1'], 30)];
    const expired = planExpirations(parseLifecyclePolicy(policy(untaggedAfterOneDay)), images, NOW);
    expect(expired.map((e) => e.imageDigest)).toEqual([images[0]!.imageDigest]);
  });

  it('an image a higher-priority rule selects is never expired by a later rule, even when kept', () => {
    const keepOneProd = { rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['prod-*'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } };
    const anyOlderThanTen = { rulePriority: 9, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 10 }, action: { type: 'expire' } };
    const images = [image('1', ['prod-1'], 40), image('2', ['prod-2'], 30), image('3', ['dev'], 20), image('4', [], 1)];
    const expired = planExpirations(parseLifecyclePolicy(policy(keepOneProd, anyOlderThanTen)), images, NOW);
    expect(expired.map((e) => [e.imageTags, e.appliedRulePriority])).toEqual([
      [['prod-1'], 1],
      [['dev'], 9],
    ]);
  });

  it('with several prefixes, selects only images carrying a tag for each of them (ECR)', () => {
    const both = { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['prod', 'v'], countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } };
    const images = [image('1', ['prod', 'v1'], 3), image('2', ['prod'], 2), image('3', ['prod', 'v2'], 1)];
    const expired = planExpirations(parseLifecyclePolicy(policy(both)), images, NOW);
    expect(expired.map((e) => e.imageTags)).toEqual([['prod', 'v1']]);
  });
});

