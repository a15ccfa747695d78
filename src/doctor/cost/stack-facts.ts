// What in a synthesized template costs money, read from the template itself (the single source
// of truth): pipelines with their type and actions, CodeBuild projects with their compute type,
// KMS keys, the ECR lifecycle policy's "keep the newest N tagged images", how long artifacts
// and build logs are kept.

/** The parts of a stack the estimate prices. */
export interface StackFacts {
  pipelines: { type: 'V1' | 'V2'; actionsByCategory: Record<string, number> }[];
  buildProjects: { computeType: string; environmentType: string }[];
  kmsKeys: number;
  /** The lifecycle policy's count of tagged images kept, when it has one. */
  keepLastTagged?: number;
  /** Days before the artifact bucket's objects expire (when the stack creates the bucket). */
  artifactExpireDays?: number;
  logRetentionDays?: number;
}

type Resource = { Type?: string; Properties?: Record<string, unknown> };

/** Reads the facts from a template's Resources. */
export function stackFacts(template: Record<string, unknown>): StackFacts {
  const resources = Object.values((template.Resources ?? {}) as Record<string, Resource>);
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type).map((resource) => resource.Properties ?? {});
  return {
    pipelines: ofType('AWS::CodePipeline::Pipeline').map((pipeline) => ({ type: pipeline.PipelineType === 'V2' ? 'V2' : 'V1', actionsByCategory: actionCounts(pipeline) })),
    buildProjects: ofType('AWS::CodeBuild::Project').map((project) => {
      const environment = (project.Environment ?? {}) as Record<string, unknown>;
      return { computeType: String(environment.ComputeType), environmentType: String(environment.Type) };
    }),
    kmsKeys: ofType('AWS::KMS::Key').length,
    keepLastTagged: ofType('AWS::ECR::Repository').map(keptTagged).find((count) => count !== undefined),
    artifactExpireDays: ofType('AWS::S3::Bucket').map(expirationDays).find((days) => days !== undefined),
    logRetentionDays: ofType('AWS::Logs::LogGroup').map((group) => (typeof group.RetentionInDays === 'number' ? group.RetentionInDays : undefined)).find((days) => days !== undefined),
  };
}

function actionCounts(pipeline: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const stage of (pipeline.Stages ?? []) as { Actions?: { ActionTypeId?: { Category?: string } }[] }[]) {
    for (const action of stage.Actions ?? []) {
      const category = action.ActionTypeId?.Category ?? 'unknown';
      counts[category] = (counts[category] ?? 0) + 1;
    }
  }
  return counts;
}

/** The `imageCountMoreThan` count of a rule that selects tagged (or all) images. */
function keptTagged(repository: Record<string, unknown>): number | undefined {
  const text = (repository.LifecyclePolicy as { LifecyclePolicyText?: unknown } | undefined)?.LifecyclePolicyText;
  if (typeof text !== 'string') return undefined;
  const rules = (JSON.parse(text) as { rules?: { selection?: { tagStatus?: string; countType?: string; countNumber?: number } }[] }).rules ?? [];
  return rules.map((rule) => rule.selection).find((selection) => selection?.countType === 'imageCountMoreThan' && selection.tagStatus !== 'untagged')?.countNumber;
}

function expirationDays(bucket: Record<string, unknown>): number | undefined {
  const rules = ((bucket.LifecycleConfiguration as { Rules?: { ExpirationInDays?: unknown; Status?: string }[] } | undefined)?.Rules ?? []);
  const days = rules.find((rule) => rule.Status !== 'Disabled' && typeof rule.ExpirationInDays === 'number')?.ExpirationInDays;
  return typeof days === 'number' ? days : undefined;
}
