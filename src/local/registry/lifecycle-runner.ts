// Applying lifecycle policies to stored images: the planner (lifecycle-policy.ts) decides, this
// file deletes. Images that an index lists are left to their index, as in ECR, where an image a
// manifest list references cannot be expired on its own.
import type { Clock } from './clock.js';
import type { Images } from './images.js';
import { parseLifecyclePolicy, planExpirations, type LifecycleExpiration, type LifecycleImage } from './lifecycle-policy.js';
import type { Repositories } from './repositories.js';

/** GetLifecyclePolicyPreview's result shape. */
export interface LifecyclePreview {
  repositoryName: string;
  previewResults: { imageDigest: string; imageTags: string[]; imagePushedAt: Date; action: { type: 'EXPIRE' }; appliedRulePriority: number }[];
  summary: { expiringImageTotalCount: number };
}

/** Plans and applies lifecycle policies. */
export class LifecycleRunner {
  constructor(
    private readonly repositories: Repositories,
    private readonly images: Images,
    private readonly clock: Clock,
  ) {}

  /** What the repository's policy (or `lifecyclePolicyText`) would expire now, without expiring it. */
  preview(input: { repositoryName: string; lifecyclePolicyText?: string }): LifecyclePreview {
    const text = input.lifecyclePolicyText ?? this.repositories.getLifecyclePolicy(input).lifecyclePolicyText;
    const expirations = this.plan(input.repositoryName, text);
    return {
      repositoryName: input.repositoryName,
      previewResults: expirations.map((e) => ({ imageDigest: e.imageDigest, imageTags: e.imageTags, imagePushedAt: new Date(e.imagePushedAt), action: { type: 'EXPIRE' }, appliedRulePriority: e.appliedRulePriority })),
      summary: { expiringImageTotalCount: expirations.length },
    };
  }

  /** Expires what each repository's policy selects (all repositories with a policy, or one). */
  apply(input: { repositoryName?: string } = {}): { repositoryName: string; expired: LifecycleExpiration[] }[] {
    const names = input.repositoryName ? [input.repositoryName] : this.repositories.names();
    const results = [];
    for (const repositoryName of names) {
      const text = this.repositories.require(repositoryName).lifecyclePolicy;
      if (text === null) continue;
      const expired = this.plan(repositoryName, text);
      for (const image of expired) this.images.deleteManifest(repositoryName, image.imageDigest);
      this.repositories.markLifecycleEvaluated(repositoryName, this.clock.now());
      results.push({ repositoryName, expired });
    }
    return results;
  }

  private plan(repositoryName: string, text: string): LifecycleExpiration[] {
    const policy = parseLifecyclePolicy(text);
    const candidates: LifecycleImage[] = this.images
      .list(repositoryName)
      .filter((image) => this.images.parentsOf(repositoryName, image.digest).length === 0)
      .map((image) => ({ imageDigest: image.digest, imageTags: image.tags, imagePushedAt: image.pushedAt }));
    return planExpirations(policy, candidates, this.clock.now());
  }
}
