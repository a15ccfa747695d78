// The ECR lifecycle policy slipway writes: expire untagged images after N days, keep the newest
// N tagged images. ECR applies rules from the lowest rulePriority to the highest, and a rule with
// tagStatus `any` must have the highest rulePriority (ECR user guide, "Lifecycle policy
// properties"); neither rule here uses `any`, so the untagged rule simply goes first.

/** How long untagged images live and how many tagged images are kept. */
export interface LifecycleRules {
  /** Untagged images expire this many days after they were pushed. */
  readonly expireUntaggedAfterDays: number;
  /** Only the newest N tagged images are kept. */
  readonly keepLastTagged: number;
}

/** Renders the LifecyclePolicyText of an AWS::ECR::Repository. */
export function renderLifecyclePolicy(rules: LifecycleRules): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images ${rules.expireUntaggedAfterDays} days after push`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: rules.expireUntaggedAfterDays },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `Keep the newest ${rules.keepLastTagged} tagged images`,
        // A `tagged` rule needs a tag filter; the pattern `*` selects every tagged image.
        selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: rules.keepLastTagged },
        action: { type: 'expire' },
      },
    ],
  });
}
