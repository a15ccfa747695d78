// AWS::ECR::Repository becomes a repository of the local registry (through RepositoryControl);
// AWS::ECR::PublicRepository is recorded only.
import { isRecord } from '../../../cloudformation/index.js';
import { PUBLIC_REPOSITORY_NAME_LENGTH, REPOSITORY_NAME, REPOSITORY_NAME_LENGTH } from '../../../ecr/repository-name.js';
import { SlipwayError, type Problem } from '../../../errors.js';
import { parseLifecyclePolicy, tagMutabilityProblems } from '../../registry/index.js';
import { arnOf, nameOrGenerated } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ProviderContext, ProvisionResult, ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import type { ImageTagMutability, TagMutabilityExclusionFilter } from './repository-control.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';


/** AWS::ECR::Repository: Ref is the name; RepositoryUri points at the local registry. */
export const repositoryProvider: ResourceProvider = {
  properties: RESOURCE_PROPERTY_NAMES['AWS::ECR::Repository'],
  replaceOn: ['RepositoryName', 'EncryptionConfiguration'],
  nameProperty: 'RepositoryName',
  validate(properties) {
    // The registry's own checks, so that a stack accepts exactly what the registry's API accepts.
    const checks = new PropertyChecks(properties).pattern('RepositoryName', REPOSITORY_NAME, REPOSITORY_NAME_LENGTH.min, REPOSITORY_NAME_LENGTH.max);
    checks.problems.push(...tagMutabilityProblems(String(properties.ImageTagMutability ?? 'MUTABLE'), exclusionFilters(properties)).map(mutabilityProblem));
    const lifecycle = lifecycleText(properties);
    if (lifecycle !== undefined) checks.problems.push(...lifecyclePolicyProblems(lifecycle));
    return checks.problems;
  },
  async create(ctx, properties) {
    const name = nameOrGenerated(ctx, properties, 'RepositoryName', REPOSITORY_NAME_LENGTH.max, { lowercase: true });
    // Asked before the claim, so that a rollback never deletes another stack's repository.
    if (await ctx.repositories.describeRepository(name)) {
      throw new SlipwayError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${ctx.accountId}'`, { kind: 'failed' });
    }
    ctx.claim(name);
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

/** The registry's lifecycle policy problems (PutLifecyclePolicy's rules), at the property's path. */
function lifecyclePolicyProblems(text: string): string[] {
  try {
    parseLifecyclePolicy(text);
    return [];
  } catch (error) {
    if (!(error instanceof SlipwayError) || error.problems.length === 0) throw error;
    return error.problems.map((problem) => `#/LifecyclePolicy/LifecyclePolicyText: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`);
  }
}

/** A registry tag-mutability problem (`imageTagMutabilityExclusionFilters[0].filter`) at its CloudFormation property path. */
function mutabilityProblem(problem: Problem): string {
  const path = (problem.path ?? '')
    .replace(/^imageTagMutability$/, 'ImageTagMutability')
    .replace(/^imageTagMutabilityExclusionFilters/, 'ImageTagMutabilityExclusionFilters')
    .replace(/\[(\d+)\]\.filter$/, '/$1/ImageTagMutabilityExclusionFilterValue')
    .replace(/\[(\d+)\]\.filterType$/, '/$1');
  return `#/${path}: ${problem.message}`;
}

/** AWS::ECR::PublicRepository: recorded only; there is no local public gallery. */
export const publicRepositoryProvider: ResourceProvider = recordedProvider({
  type: 'AWS::ECR::PublicRepository',
  properties: RESOURCE_PROPERTY_NAMES['AWS::ECR::PublicRepository'],
  nameProperty: 'RepositoryName',
  maxNameLength: PUBLIC_REPOSITORY_NAME_LENGTH.max,
  lowercase: true,
  replaceOn: ['RepositoryName'],
  validate: (properties) => new PropertyChecks(properties).pattern('RepositoryName', REPOSITORY_NAME, PUBLIC_REPOSITORY_NAME_LENGTH.min, PUBLIC_REPOSITORY_NAME_LENGTH.max).problems,
  identity(ctx, name) {
    return { physicalId: name, ref: name, attributes: { Arn: arnOf(ctx, 'ecr-public', `repository/${name}`, { region: '' }) } };
  },
});
