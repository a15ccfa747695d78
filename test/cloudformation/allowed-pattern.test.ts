// Patterns from templates run in linear time (RE2), with the semantics AWS's Java engine gives
// them; those RE2 cannot run (lookaround, backreferences) run under a time limit.
import { describe, expect, it } from 'vitest';
import { matchPattern } from '../../src/cloudformation/index.js';
import { planMessages } from './support.js';

const whole = (pattern: string, value: string) => matchPattern(pattern, value, 'whole');

describe('AllowedPattern', () => {
  it('answers at once for nested quantifiers that backtrack catastrophically in JavaScript (88 s before, on 40 characters)', () => {
    expect(whole('(a+)+$', `${'a'.repeat(40)}b`)).toEqual({ ok: true, matches: false });
    expect(whole('([a-z]*)*b', 'a'.repeat(5000))).toEqual({ ok: true, matches: false });
    expect(whole('(a|aa)+', 'a'.repeat(100_000))).toEqual({ ok: true, matches: true });
    // A backtracking engine would not answer these within the test's time-out (hours each).
  });

  it('matches the whole value, as Java\'s Pattern.matches() does, also across a line break', () => {
    expect(whole('abc', 'abc')).toEqual({ ok: true, matches: true });
    expect(whole('abc', 'xabc')).toEqual({ ok: true, matches: false });
    expect(whole('abc', 'abc\n')).toEqual({ ok: true, matches: false });
    expect(whole('a|b', 'ab')).toEqual({ ok: true, matches: false });
  });

  it('takes Java syntax RE2 shares, and Java\'s POSIX classes, inside and outside brackets', () => {
    expect(whole('(?i)main', 'MAIN')).toEqual({ ok: true, matches: true });
    expect(whole('\\p{Alpha}+', 'abcXYZ')).toEqual({ ok: true, matches: true });
    expect(whole('\\p{Alpha}+', 'abc1')).toEqual({ ok: true, matches: false });
    expect(whole('[\\p{Alnum}_-]+', 'a_1-b')).toEqual({ ok: true, matches: true });
    expect(whole('\\P{Digit}+', 'abc')).toEqual({ ok: true, matches: true });
    expect(whole('\\Aab\\z', 'ab')).toEqual({ ok: true, matches: true });
    // \w and \d are ASCII in Java (without UNICODE_CHARACTER_CLASS), and in RE2.
    expect(whole('\\w+', 'é')).toEqual({ ok: true, matches: false });
  });

  it('runs lookahead and backreferences on JavaScript\'s engine, and refuses one that does not finish within a second', () => {
    expect(whole('(?!aws)[a-z]+', 'awsome')).toEqual({ ok: true, matches: false });
    expect(whole('(?!aws)[a-z]+', 'bucket')).toEqual({ ok: true, matches: true });
    expect(whole('(a)\\1', 'aa')).toEqual({ ok: true, matches: true });
    expect(whole('(?=a)(a+)+$', `${'a'.repeat(40)}b`)).toEqual({ ok: false, reason: expect.stringMatching(/took longer than 1000 ms \(it backtracks catastrophically/) });
  });

  it('is a template problem, not a crash, when the pattern is invalid', () => {
    expect(whole('([', 'x')).toEqual({ ok: false, reason: expect.stringMatching(/^it is not a valid regular expression/) });
    expect(planMessages("Parameters:\n  P:\n    Type: String\n    Default: x\n    AllowedPattern: '(['\nResources:\n  B:\n    Type: AWS::SNS::Topic\n"))
      .toEqual([expect.stringMatching(/^Template format error: the AllowedPattern of parameter 'P' cannot be evaluated: it is not a valid regular expression/)]);
  });

  it('finds the pattern anywhere in the value for SSM\'s AllowedPattern', () => {
    expect(matchPattern('\\d+', 'ab12', 'find')).toEqual({ ok: true, matches: true });
    expect(matchPattern('^\\d+$', 'ab12', 'find')).toEqual({ ok: true, matches: false });
  });
});
