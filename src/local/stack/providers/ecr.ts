// AWS::ECR::Repository becomes a repository of the local registry (through RepositoryControl);
// AWS::ECR::PublicRepository is recorded only.
import { isRecord } from '../../../cloudformation/index.js';
import { SlipwayError } from '../../../errors.js';
import { arnOf, nameOrGenerated } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ProviderContext, ProvisionResult, ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import type { ImageTagMutability, TagMutabilityExclusionFilter } from './repository-control.js';

/** ECR repository names (../../../../shared/spec/aws-semantics.md §3). */
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MUTABILITY = ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'];

/** AWS::ECR::Repository: Ref is the name; RepositoryUri points at the local registry. */
export const repositoryProvider: ResourceProvider = {
  replaceOn: ['RepositoryName', 'EncryptionConfiguration'],
  nameProperty: 'RepositoryName',
  validate(properties) {
    const mutability = String(properties.ImageTagMutability ?? 'MUTABLE');
    const filters = exclusionFilters(properties);
    const checks = new PropertyChecks(properties).pattern('RepositoryName', REPOSITORY_NAME, 2, 256).oneOf('ImageTagMutability', MUTABILITY)
      .when(mutability.endsWith('_WITH_EXCLUSION') && (filters.length === 0 || filters.length > 5), `#/ImageTagMutabilityExclusionFilters: ${mutability} needs 1 to 5 exclusion filters; got ${filters.length}`)
      .when(!mutability.endsWith('_WITH_EXCLUSION') && filters.length > 0, `#/ImageTagMutabilityExclusionFilters: exclusion filters need a *_WITH_EXCLUSION mutability, not ${mutability}`);
    const lifecycle = isRecord(properties.LifecyclePolicy) ? properties.LifecyclePolicy.LifecyclePolicyText : undefined;
    if (lifecycle !== undefined) checks.problems.push(...lifecyclePolicyProblems(lifecycle));
    return checks.problems;
  },
  async create(ctx, properties) {
    const name = nameOrGenerated(ctx, properties, 'RepositoryName', 256, { lowercase: true });
    const encryption = isRecord(properties.EncryptionConfiguration) ? properties.EncryptionConfiguration : {};
    await ctx.repositories.createRepository({
      repositoryName: name,
      imageTagMutability: mutabilityOf(properties),
      imageTagMutabilityExclusionFilters: exclusionFilters(properties),
      scanOnPush: scanOnPush(properties),
      encryptionType: encryption.EncryptionType as 'AES256' | 'KMS' | undefined,
      kmsKey: encryption.KmsKey as string | undefined,
    });
    await ctx.repositories.putLifecyclePolicy(name, lifecycleText(properties));
    return identity(ctx, name);
  },
  async update(ctx, current, properties) {
    const name = current.physicalId;
    await ctx.repositories.putImageTagMutability(name, mutabilityOf(properties), exclusionFilters(properties));
    await ctx.repositories.putImageScanningConfiguration(name, scanOnPush(properties));
    await ctx.repositories.putLifecyclePolicy(name, lifecycleText(properties));
    return identity(ctx, name);
  },
  async delete(ctx, current) {
    // Without EmptyOnDelete, ECR refuses to delete a repository that still holds images.
    const force = current.properties.EmptyOnDelete === true || current.properties.EmptyOnDelete === 'true';
    try {
      await ctx.repositories.deleteRepository(current.physicalId, force);
    } catch (error) {
      if (error instanceof SlipwayError && error.code === 'RepositoryNotFoundException') return;
      throw error;
    }
  },
};

function identity(ctx: ProviderContext, name: string): ProvisionResult {
  return {
    physicalId: name,
    ref: name,
    attributes: { Arn: arnOf(ctx, 'ecr', `repository/${name}`), RepositoryUri: `${ctx.registryEndpoint}/${name}` },
  };
}

function mutabilityOf(properties: Record<string, unknown>): ImageTagMutability {
  return String(properties.ImageTagMutability ?? 'MUTABLE') as ImageTagMutability;
}

function exclusionFilters(properties: Record<string, unknown>): TagMutabilityExclusionFilter[] {
  const list = Array.isArray(properties.ImageTagMutabilityExclusionFilters) ? properties.ImageTagMutabilityExclusionFilters.filter(isRecord) : [];
  return list.map((filter) => ({ filterType: 'WILDCARD', filter: String(filter.ImageTagMutabilityExclusionFilterValue) }));
}

function scanOnPush(properties: Record<string, unknown>): boolean {
  const scanning = isRecord(properties.ImageScanningConfiguration) ? properties.ImageScanningConfiguration.ScanOnPush : false;
  return scanning === true || scanning === 'true';
}

function lifecycleText(properties: Record<string, unknown>): string | undefined {
  const text = isRecord(properties.LifecyclePolicy) ? properties.LifecyclePolicy.LifecyclePolicyText : undefined;
  if (text === undefined) return undefined;
  return typeof text === 'string' ? text : JSON.stringify(text);
}

/** ECR lifecycle policy rules (../../../../shared/spec/aws-semantics.md §3). */
export function lifecyclePolicyProblems(text: unknown): string[] {
  let policy: unknown = text;
  if (typeof text === 'string') {
    try {
      policy = JSON.parse(text);
    } catch {
      return ['#/LifecyclePolicy/LifecyclePolicyText: Invalid parameter at \'LifecyclePolicyText\' failed to satisfy constraint: \'Lifecycle policy validation failure: not valid JSON\''];
    }
  }
  const rules = isRecord(policy) && Array.isArray(policy.rules) ? policy.rules.filter(isRecord) : undefined;
  if (!rules || rules.length === 0) return ['#/LifecyclePolicy/LifecyclePolicyText: a lifecycle policy needs a non-empty "rules" list'];
  const problems: string[] = [];
  const priorities = rules.map((rule) => Number(rule.rulePriority));
  if (new Set(priorities).size !== priorities.length) problems.push('#/LifecyclePolicy/LifecyclePolicyText: rulePriority values must be unique');
  const highest = Math.max(...priorities);
  rules.forEach((rule) => {
    const selection = isRecord(rule.selection) ? rule.selection : {};
    if (!Number.isInteger(Number(rule.rulePriority)) || Number(rule.rulePriority) < 1) problems.push(`#/LifecyclePolicy/LifecyclePolicyText: rulePriority ${JSON.stringify(rule.rulePriority)} must be a positive integer`);
    if (!['tagged', 'untagged', 'any'].includes(String(selection.tagStatus))) problems.push(`#/LifecyclePolicy/LifecyclePolicyText: tagStatus must be tagged, untagged or any (rule ${String(rule.rulePriority)})`);
    if (selection.tagStatus === 'any' && Number(rule.rulePriority) !== highest) problems.push('#/LifecyclePolicy/LifecyclePolicyText: a rule with tagStatus any must have the highest rulePriority');
    if (selection.tagStatus === 'tagged' && selection.tagPrefixList === undefined && selection.tagPatternList === undefined) problems.push(`#/LifecyclePolicy/LifecyclePolicyText: a tagged rule needs tagPrefixList or tagPatternList (rule ${String(rule.rulePriority)})`);
    if (!['imageCountMoreThan', 'sinceImagePushed'].includes(String(selection.countType))) problems.push(`#/LifecyclePolicy/LifecyclePolicyText: countType must be imageCountMoreThan or sinceImagePushed (rule ${String(rule.rulePriority)})`);
    if (selection.countType === 'sinceImagePushed' && selection.countUnit !== 'days') problems.push(`#/LifecyclePolicy/LifecyclePolicyText: sinceImagePushed needs countUnit days (rule ${String(rule.rulePriority)})`);
    if (!isRecord(rule.action) || rule.action.type !== 'expire') problems.push(`#/LifecyclePolicy/LifecyclePolicyText: action.type must be expire (rule ${String(rule.rulePriority)})`);
  });
  return problems;
}

/** AWS::ECR::PublicRepository: recorded only; there is no local public gallery. */
export const publicRepositoryProvider: ResourceProvider = recordedProvider({
  type: 'AWS::ECR::PublicRepository',
  nameProperty: 'RepositoryName',
  maxNameLength: 205,
  lowercase: true,
  replaceOn: ['RepositoryName'],
  validate: (properties) => new PropertyChecks(properties).pattern('RepositoryName', REPOSITORY_NAME, 2, 205).problems,
  identity(ctx, name) {
    return { physicalId: name, ref: name, attributes: { Arn: arnOf(ctx, 'ecr-public', `repository/${name}`, { region: '' }) } };
  },
  config: (_ctx, name, properties) => ({ repositoryName: name, ...properties }),
});
