// Doctor's diff against the system's `diff -u`: the same hunks, headers aside, for files of unique
// lines edited by deletions, insertions and replacements (edits whose diff is unambiguous).
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/doctor/fix/unified-diff.js';
import { hunks, systemDiff } from './system-diff.js';

/** A small deterministic generator, so every run checks the same cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('unifiedDiff', () => {
  it('is empty for equal texts and names the file in its headers', () => {
    expect(unifiedDiff('a\n', 'a\n', 'buildspec.yml')).toBe('');
    expect(unifiedDiff('a\n', 'b\n', 'buildspec.yml')).toBe('--- a/buildspec.yml\n+++ b/buildspec.yml\n@@ -1 +1 @@\n-a\n+b\n');
    expect(hunks(unifiedDiff('a\n', 'b\n', 'f'))).toBe(hunks(systemDiff('a\n', 'b\n')));
    expect(hunks(unifiedDiff('', 'a\nb\n', 'f'))).toBe(hunks(systemDiff('', 'a\nb\n')));
    expect(hunks(unifiedDiff('a\nb\n', '', 'f'))).toBe(hunks(systemDiff('a\nb\n', '')));
  });

  it('gives the same hunks as diff -u for 40 edited files', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const before = Array.from({ length: 5 + Math.floor(next() * 40) }, (_, index) => `line ${index}`);
      const after: string[] = [];
      let fresh = 0;
      for (const line of before) {
        const roll = next();
        if (roll < 0.1) continue;
        if (roll < 0.2) after.push(`new ${seed}.${fresh++}`);
        else if (roll < 0.25) after.push(line, `added ${seed}.${fresh++}`);
        else after.push(line);
      }
      const a = `${before.join('\n')}\n`;
      const b = `${after.join('\n')}\n`;
      expect(hunks(unifiedDiff(a, b, 'f')), `seed ${seed}`).toBe(hunks(systemDiff(a, b)));
    }
  });
});
