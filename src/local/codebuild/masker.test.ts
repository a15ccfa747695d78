import { describe, expect, it } from 'vitest';
import { Masker } from './masker.js';

describe('Masker', () => {
  const masker = new Masker();
  masker.add('line-one-of-key\nline-two-of-key\nxy');
  masker.add('tok-123');

  it('masks a multi-line value whole and each of its lines (lines shorter than 3 characters are left)', () => {
    expect(masker.mask('a line-one-of-key\nline-two-of-key\nxy b')).toBe('a *** b');
    expect(masker.mask('only line-two-of-key here, xy')).toBe('only *** here, xy');
  });

  it('cuts a long text after a secret that crosses the cut, never inside it', () => {
    const text = `${'x'.repeat(10)}tok-123${'y'.repeat(20)}`;
    expect(masker.safeCut(text, 12)).toBe(17);
    expect(masker.safeCut(text, 10)).toBe(10);
    expect(masker.safeCut(text, 17)).toBe(17);
  });

  it('asks to wait (-1) while more of the line is to come and a secret could still cross the cut', () => {
    const text = `${'x'.repeat(10)}line-two`;
    expect(masker.safeCut(text, 12, false)).toBe(-1);
    expect(masker.safeCut(text, 12, true)).toBe(12);
    expect(masker.safeCut(`${text}${'z'.repeat(40)}`, 12, false)).toBe(12);
  });

  it('masks an error message, its hint and its problems', () => {
    const error = Object.assign(new Error('failed with tok-123'), { hint: 'try tok-123', problems: [{ message: 'at tok-123' }] });
    masker.maskError(error);
    expect([error.message, error.hint, error.problems[0]!.message]).toEqual(['failed with ***', 'try ***', 'at ***']);
  });
});
