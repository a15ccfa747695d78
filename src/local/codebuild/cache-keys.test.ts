import { describe, expect, it } from 'vitest';
import { encodeCacheKey, entryFolderName } from './cache-keys.js';

describe('cache keys as folder names', () => {
  it('keeps letters, digits, ".", "_" and "-", and encodes every other byte', () => {
    expect(encodeCacheKey('npm-key_1.0')).toBe('npm-key_1.0');
    expect(encodeCacheKey('../a b/ü')).toBe('..%2Fa%20b%2F%C3%BC');
  });

  it('shortens a long key to its start and a digest of the whole key, so two long keys stay apart', () => {
    const a = encodeCacheKey(`${'x'.repeat(300)}a`);
    const b = encodeCacheKey(`${'x'.repeat(300)}b`);
    expect(a).toHaveLength(150);
    expect(a).not.toBe(b);
    expect(a.startsWith('x'.repeat(133))).toBe(true);
  });

  it('one folder per key and version of the cached paths', () => {
    expect(entryFolderName('k', ['deps'])).toMatch(/^key=k@[0-9a-f]{12}$/);
    expect(entryFolderName('k', ['deps'])).not.toBe(entryFolderName('k', ['deps', 'extra']));
  });
});
