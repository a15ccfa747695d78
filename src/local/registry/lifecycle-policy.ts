// ECR lifecycle policies: validating the policy text (PutLifecyclePolicy) and planning which
// images a policy expires. Planning is pure — images and the time in, expirations out — so
// previews, the periodic evaluation and the tests all share one rulebook.
// Rules from the ECR user guide, "Lifecycle policy properties" and "How lifecycle policies work".
import { SlipwayError, type Problem } from '../../errors.js';
import { wildcardMatches } from './tag-mutability.js';

/** ECR's limit on lifecyclePolicyText. */
const MAX_POLICY_CHARS = 30_720;
/** ECR allows up to four wildcards in each tagPatternList entry. */
const MAX_PATTERN_WILDCARDS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: {
    tagStatus: 'tagged' | 'untagged' | 'any';
    tagPrefixList?: string[];
    tagPatternList?: string[];
    countType: 'imageCountMoreThan' | 'sinceImagePushed';
    countUnit?: 'days';
    countNumber: number;
  };
  action: { type: 'expire' };
}

export interface LifecyclePolicy {
  rules: LifecycleRule[];
}

/** An image as the planner sees it. */
export interface LifecycleImage {
  imageDigest: string;
  imageTags: string[];
  imagePushedAt: number;
}

/** One image a policy expires, and the rule that expires it (GetLifecyclePolicyPreview's shape). */
export interface LifecycleExpiration extends LifecycleImage {
  appliedRulePriority: number;
}

/** Parses and validates lifecyclePolicyText; InvalidParameterException lists every problem. */
export function parseLifecyclePolicy(text: string): LifecyclePolicy {
  const problems: Problem[] = [];
  let document: unknown;
  if (text.length > MAX_POLICY_CHARS) problems.push({ message: `policy text is ${text.length} characters; the limit is ${MAX_POLICY_CHARS}` });
  try {
    document = JSON.parse(text);
  } catch (error) {
    problems.push({ message: `policy text is not JSON: ${(error as Error).message}` });
  }
  const rules = (document as { rules?: unknown } | undefined)?.rules;
  if (problems.length === 0 && (!Array.isArray(rules) || rules.length === 0)) {
    problems.push({ path: 'rules', message: 'must be a non-empty array of rules' });
  }
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => problems.push(...ruleProblems(rule, `rules[${i}]`)));
    if (problems.length === 0) problems.push(...priorityProblems(rules as LifecycleRule[]));
  }
  if (problems.length > 0) {
    throw new SlipwayError(
      'InvalidParameterException',
      `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${problems[0]!.path ? `${problems[0]!.path}: ` : ''}${problems[0]!.message}'`,
      { problems, hint: 'see the ECR user guide, "Lifecycle policy properties"' },
    );
  }
  return document as LifecyclePolicy;
}

function ruleProblems(rule: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  const r = (rule ?? {}) as Record<string, unknown>;
  if (!Number.isInteger(r.rulePriority) || (r.rulePriority as number) < 1) {
    problems.push({ path: `${path}.rulePriority`, message: `must be an integer of 1 or more, got ${JSON.stringify(r.rulePriority)}` });
  }
  if (r.description !== undefined && typeof r.description !== 'string') problems.push({ path: `${path}.description`, message: 'must be a string' });
  const action = (r.action ?? {}) as Record<string, unknown>;
  if (action.type !== 'expire') {
    problems.push({ path: `${path}.action.type`, message: `must be 'expire' (archive transitions are not supported locally), got ${JSON.stringify(action.type)}` });
  }
  const s = (r.selection ?? undefined) as Record<string, unknown> | undefined;
  if (typeof s !== 'object' || s === null) return [...problems, { path: `${path}.selection`, message: 'is required' }];
  return [...problems, ...selectionProblems(s, `${path}.selection`)];
}

function selectionProblems(s: Record<string, unknown>, path: string): Problem[] {
  const problems: Problem[] = [];
  const lists = ['tagPrefixList', 'tagPatternList'].filter((key) => s[key] !== undefined);
  if (!['tagged', 'untagged', 'any'].includes(s.tagStatus as string)) {
    problems.push({ path: `${path}.tagStatus`, message: `must be tagged, untagged or any, got ${JSON.stringify(s.tagStatus)}` });
  } else if (s.tagStatus === 'tagged' && lists.length !== 1) {
    problems.push({ path, message: 'tagStatus tagged needs exactly one of tagPrefixList or tagPatternList' });
  } else if (s.tagStatus !== 'tagged' && lists.length > 0) {
    problems.push({ path, message: `${lists[0]} is only allowed with tagStatus tagged` });
  }
  for (const key of lists) {
    const list = s[key];
    if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || item.length === 0)) {
      problems.push({ path: `${path}.${key}`, message: 'must be a non-empty list of non-empty strings' });
    } else if (key === 'tagPatternList' && list.some((p: string) => p.split('*').length - 1 > MAX_PATTERN_WILDCARDS)) {
      problems.push({ path: `${path}.${key}`, message: `each pattern may hold at most ${MAX_PATTERN_WILDCARDS} wildcards` });
    }
  }
  if (s.countType === 'imageCountMoreThan') {
    if (s.countUnit !== undefined) problems.push({ path: `${path}.countUnit`, message: 'is not allowed with countType imageCountMoreThan' });
  } else if (s.countType === 'sinceImagePushed') {
    if (s.countUnit !== 'days') problems.push({ path: `${path}.countUnit`, message: `must be 'days' with countType sinceImagePushed, got ${JSON.stringify(s.countUnit)}` });
  } else {
    problems.push({ path: `${path}.countType`, message: `must be imageCountMoreThan or sinceImagePushed (sinceImagePulled and archive rules are not supported locally), got ${JSON.stringify(s.countType)}` });
  }
  if (!Number.isInteger(s.countNumber) || (s.countNumber as number) < 1) {
    problems.push({ path: `${path}.countNumber`, message: `must be an integer of 1 or more, got ${JSON.stringify(s.countNumber)}` });
  }
  return problems;
}

/** Priorities are unique, and a tagStatus any rule must come last (the highest rulePriority). */
function priorityProblems(rules: LifecycleRule[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<number>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.rulePriority)) problems.push({ path: `rules[${i}].rulePriority`, message: `${rule.rulePriority} is used by another rule; priorities must be unique` });
    seen.add(rule.rulePriority);
  });
  const highest = Math.max(...rules.map((rule) => rule.rulePriority));
  rules.forEach((rule, i) => {
    if (rule.selection.tagStatus === 'any' && rule.rulePriority !== highest) {
      problems.push({ path: `rules[${i}].rulePriority`, message: `a rule with tagStatus any must have the highest rulePriority (${highest}), got ${rule.rulePriority}` });
    }
  });
  return problems;
}

/**
 * The images `policy` expires at time `now`. Rules apply lowest rulePriority first; an image that
 * a rule selects by its tags is that rule's alone, even if the rule keeps it — a later rule can
 * never expire it (ECR: "an image that matches the tagging requirements of a rule cannot be
 * expired by a rule with a lower priority"). imageCountMoreThan keeps the newest pushes.
 */
export function planExpirations(policy: LifecyclePolicy, images: LifecycleImage[], now: number): LifecycleExpiration[] {
  const claimed = new Set<string>();
  const expired: LifecycleExpiration[] = [];
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  for (const rule of rules) {
    const selected = images.filter((image) => !claimed.has(image.imageDigest) && selects(rule, image));
    for (const image of selected) claimed.add(image.imageDigest);
    const { countType, countNumber } = rule.selection;
    const chosen =
      countType === 'imageCountMoreThan'
        ? [...selected].sort(newestFirst).slice(countNumber)
        : selected.filter((image) => image.imagePushedAt < now - countNumber * DAY_MS);
    for (const image of chosen) expired.push({ ...image, appliedRulePriority: rule.rulePriority });
  }
  return expired;
}

function selects(rule: LifecycleRule, image: LifecycleImage): boolean {
  const { tagStatus, tagPrefixList, tagPatternList } = rule.selection;
  if (tagStatus === 'any') return true;
  if (tagStatus === 'untagged') return image.imageTags.length === 0;
  // ECR: with several prefixes or patterns, only images that carry all of them are selected.
  if (tagPrefixList) return tagPrefixList.every((prefix) => image.imageTags.some((tag) => tag.startsWith(prefix)));
  return (tagPatternList ?? []).every((pattern) => image.imageTags.some((tag) => wildcardMatches(pattern, tag)));
}

function newestFirst(a: LifecycleImage, b: LifecycleImage): number {
  return b.imagePushedAt - a.imagePushedAt || a.imageDigest.localeCompare(b.imageDigest);
}
