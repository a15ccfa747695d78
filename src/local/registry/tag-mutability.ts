// ECR's tag mutability: MUTABLE (the default), IMMUTABLE, and the two modes with up to five
// wildcard exclusion filters — IMMUTABLE_WITH_EXCLUSION (matching tags stay mutable) and
// MUTABLE_WITH_EXCLUSION (matching tags become immutable). (ECR API reference:
// PutImageTagMutability, ImageTagMutabilityExclusionFilter.)
import type { Problem } from '../../errors.js';

import { TAG_MUTABILITY_MODES, type ImageTagMutabilityExclusionFilter } from '../../ecr/tag-immutability.js';

export { TAG_MUTABILITY_MODES, isTagImmutable, wildcardMatches } from '../../ecr/tag-immutability.js';
export type { ImageTagMutability, ImageTagMutabilityExclusionFilter } from '../../ecr/tag-immutability.js';

const FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;
/** ECR allows at most five exclusion filters per repository. */
const MAX_FILTERS = 5;

/** Every problem with a mutability setting, empty when it is valid. */
export function tagMutabilityProblems(mode: string, filters: ImageTagMutabilityExclusionFilter[] | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!(TAG_MUTABILITY_MODES as readonly string[]).includes(mode)) {
    problems.push({ path: 'imageTagMutability', message: `must be one of ${TAG_MUTABILITY_MODES.join(', ')}, got '${mode}'` });
  }
  const withExclusion = mode.endsWith('_WITH_EXCLUSION');
  const list = filters ?? [];
  if (withExclusion && list.length === 0) {
    problems.push({ path: 'imageTagMutabilityExclusionFilters', message: `${mode} needs at least one exclusion filter` });
  }
  if (!withExclusion && list.length > 0) {
    problems.push({ path: 'imageTagMutabilityExclusionFilters', message: `exclusion filters are only allowed with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not ${mode}` });
  }
  if (list.length > MAX_FILTERS) {
    problems.push({ path: 'imageTagMutabilityExclusionFilters', message: `at most ${MAX_FILTERS} filters are allowed, got ${list.length}` });
  }
  list.forEach((filter, i) => {
    if (filter.filterType !== 'WILDCARD') {
      problems.push({ path: `imageTagMutabilityExclusionFilters[${i}].filterType`, message: `must be WILDCARD, got '${String(filter.filterType)}'` });
    }
    if (typeof filter.filter !== 'string' || !FILTER.test(filter.filter)) {
      problems.push({ path: `imageTagMutabilityExclusionFilters[${i}].filter`, message: `must match ${FILTER.source}, got '${String(filter.filter)}'` });
    }
  });
  return problems;
}
