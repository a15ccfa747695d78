// Which tags ECR lets a push move, by the repository's tag mutability: MUTABLE (the default),
// IMMUTABLE, and the two modes with wildcard exclusion filters — IMMUTABLE_WITH_EXCLUSION
// (matching tags stay mutable) and MUTABLE_WITH_EXCLUSION (matching tags become immutable).
// (ECR API reference: PutImageTagMutability, ImageTagMutabilityExclusionFilter.) Pure, so that
// the registry and the buildspec slipway generates apply the same rule.

export const TAG_MUTABILITY_MODES = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'] as const;
export type ImageTagMutability = (typeof TAG_MUTABILITY_MODES)[number];

/** ECR: `filterType` WILDCARD, `filter` matching ^[0-9a-zA-Z._*-]{1,128}$. */
export interface ImageTagMutabilityExclusionFilter {
  filterType: 'WILDCARD';
  filter: string;
}

/** True when an existing `tag` may not be moved in a repository with this setting. */
export function isTagImmutable(mode: ImageTagMutability, filters: ImageTagMutabilityExclusionFilter[], tag: string): boolean {
  const excluded = filters.some((filter) => wildcardMatches(filter.filter, tag));
  switch (mode) {
    case 'MUTABLE':
      return false;
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
  }
}

/** ECR wildcard matching: `*` stands for any run of characters, everything else is literal. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(value);
}
