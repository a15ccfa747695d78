import { describe, expect, it } from 'vitest';
import { isTagImmutable, tagMutabilityProblems, wildcardMatches } from './tag-mutability.js';

const filters = [{ filterType: 'WILDCARD' as const, filter: 'dev-*' }, { filterType: 'WILDCARD' as const, filter: 'latest' }];

describe('tag mutability', () => {
  it('MUTABLE moves every tag and IMMUTABLE none', () => {
    expect(isTagImmutable('MUTABLE', [], 'v1')).toBe(false);
    expect(isTagImmutable('IMMUTABLE', [], 'latest')).toBe(true);
  });

  it('IMMUTABLE_WITH_EXCLUSION leaves the matching tags mutable', () => {
    expect(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'dev-42')).toBe(false);
    expect(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'latest')).toBe(false);
    expect(isTagImmutable('IMMUTABLE_WITH_EXCLUSION', filters, 'v1.0')).toBe(true);
  });

  it('MUTABLE_WITH_EXCLUSION makes only the matching tags immutable', () => {
    expect(isTagImmutable('MUTABLE_WITH_EXCLUSION', filters, 'dev-42')).toBe(true);
    expect(isTagImmutable('MUTABLE_WITH_EXCLUSION', filters, 'v1.0')).toBe(false);
  });

  it('wildcards match any run of characters and nothing else is special', () => {
    expect(wildcardMatches('release-*-rc*', 'release-1.2-rc3')).toBe(true);
    expect(wildcardMatches('v1.0', 'v1x0')).toBe(false);
    expect(wildcardMatches('*', '')).toBe(true);
  });

  it('validates the mode, the filter count and the filter syntax', () => {
    expect(tagMutabilityProblems('IMMUTABLE_WITH_EXCLUSION', [])[0]!.message).toBe('IMMUTABLE_WITH_EXCLUSION needs at least one exclusion filter');
    expect(tagMutabilityProblems('MUTABLE', filters)[0]!.path).toBe('imageTagMutabilityExclusionFilters');
    const six = Array.from({ length: 6 }, (_, i) => ({ filterType: 'WILDCARD' as const, filter: `t${i}` }));
    expect(tagMutabilityProblems('MUTABLE_WITH_EXCLUSION', six).map((p) => p.message)).toEqual(['at most 5 filters are allowed, got 6']);
    expect(tagMutabilityProblems('MUTABLE_WITH_EXCLUSION', [{ filterType: 'WILDCARD', filter: 'a/b' }])[0]!.path).toBe('imageTagMutabilityExclusionFilters[0].filter');
    expect(tagMutabilityProblems('SOMETIMES', [])[0]!.message).toContain("got 'SOMETIMES'");
  });
});
