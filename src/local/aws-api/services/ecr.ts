// ECR's repository and image operations on the account's registry, whose library API already
// takes and returns ECR's shapes (src/local/registry). GetAuthorizationToken points docker at
// this endpoint, which serves the registry's /v2/ on the same port as the API.
import type { ImageIdentifier, ImageTagMutability, ImageTagMutabilityExclusionFilter, TagStatus } from '../../registry/index.js';
import type { ApiContext } from '../handler.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** ECR's errors (ECR API reference: every client error is HTTP 400). */
export const ECR_ERRORS: ServiceErrors = {
  fallback: 'InvalidParameterException',
  codes: Object.fromEntries(['InvalidParameterException', 'RepositoryNotFoundException', 'RepositoryAlreadyExistsException', 'RepositoryNotEmptyException',
    'ImageNotFoundException', 'LifecyclePolicyNotFoundException', 'ImageTagAlreadyExistsException', 'ImageAlreadyExistsException', 'InvalidTagParameterException',
    'LayersNotFoundException', 'ImageDigestDoesNotMatchException', 'ReferencedImagesNotFoundException', 'ValidationException'].map((code) => [code, 400])),
};

/** One ECR call's input, read with ECR's validation error. */
function read(input: Record<string, unknown>, ctx: ApiContext): OperationInput {
  const reader = new OperationInput(input, ECR_ERRORS.fallback);
  const registryId = reader.optionalString('registryId');
  // One local registry: another account's id names nothing here.
  if (registryId !== undefined && registryId !== ctx.registry.registryId) {
    throw reader.fail(`Invalid parameter at 'registryId': '${registryId}' is not the local registry's id '${ctx.registry.registryId}'`);
  }
  return reader;
}

function imageIds(reader: OperationInput, name: string): ImageIdentifier[] | undefined {
  return reader.optionalList(name, 100)?.map((item, index) => {
    const id = item as Record<string, unknown> | null;
    if (id === null || typeof id !== 'object') throw reader.invalid(`${name}.${index + 1}.member`, item, 'Member must be an ImageIdentifier');
    const ident = new OperationInput(id, ECR_ERRORS.fallback);
    return { ...(ident.optionalString('imageDigest') ? { imageDigest: ident.optionalString('imageDigest') } : {}), ...(ident.optionalString('imageTag') ? { imageTag: ident.optionalString('imageTag') } : {}) };
  });
}

function tagStatus(reader: OperationInput): { tagStatus?: TagStatus } | undefined {
  const filter = reader.optionalRecord('filter');
  const status = filter === undefined ? undefined : new OperationInput(filter, ECR_ERRORS.fallback).optionalString('tagStatus');
  if (status !== undefined && !['TAGGED', 'UNTAGGED', 'ANY'].includes(status)) throw reader.invalid('filter.tagStatus', status, 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]');
  return status === undefined ? undefined : { tagStatus: status as TagStatus };
}

const paging = (reader: OperationInput) => ({ maxResults: reader.optionalInteger('maxResults', 1, 1000), nextToken: reader.optionalString('nextToken') });

/** ECR's operations, by name. */
export const ecrHandlers = withServiceErrors({
  GetAuthorizationToken: (input, ctx) => {
    read(input, ctx);
    const token = ctx.registry.getAuthorizationToken();
    // docker logs in where /v2/ is served: the registry's own port when it listens alone, else this endpoint.
    const proxyEndpoint = ctx.registry.address?.endpoint ?? ctx.endpoint;
    return { authorizationData: token.authorizationData.map((data) => ({ ...data, proxyEndpoint })) };
  },
  CreateRepository: (input, ctx) => {
    const reader = read(input, ctx);
    return {
      repository: ctx.registry.createRepository({
        repositoryName: reader.string('repositoryName'),
        imageTagMutability: reader.optionalString('imageTagMutability') as ImageTagMutability | undefined,
        imageTagMutabilityExclusionFilters: reader.optionalList('imageTagMutabilityExclusionFilters') as ImageTagMutabilityExclusionFilter[] | undefined,
        imageScanningConfiguration: reader.optionalRecord('imageScanningConfiguration') as { scanOnPush?: boolean } | undefined,
        encryptionConfiguration: reader.optionalRecord('encryptionConfiguration') as { encryptionType: 'AES256' } | undefined,
      }),
    };
  },
  DeleteRepository: (input, ctx) => {
    const reader = read(input, ctx);
    return { repository: ctx.registry.deleteRepository({ repositoryName: reader.string('repositoryName'), force: reader.optionalBoolean('force') }) };
  },
  DescribeRepositories: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.describeRepositories({ repositoryNames: reader.optionalStrings('repositoryNames', 100), ...paging(reader) });
  },
  DescribeImages: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.describeImages({ repositoryName: reader.string('repositoryName'), imageIds: imageIds(reader, 'imageIds'), filter: tagStatus(reader), ...paging(reader) });
  },
  ListImages: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.listImages({ repositoryName: reader.string('repositoryName'), filter: tagStatus(reader), ...paging(reader) });
  },
  BatchGetImage: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.batchGetImage({ repositoryName: reader.string('repositoryName'), imageIds: requiredImageIds(reader) });
  },
  BatchDeleteImage: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.batchDeleteImage({ repositoryName: reader.string('repositoryName'), imageIds: requiredImageIds(reader) });
  },
  PutImageTagMutability: (input, ctx) => {
    const reader = read(input, ctx);
    const { imageTagMutabilityExclusionFilters: filters, ...answer } = ctx.registry.putImageTagMutability({
      repositoryName: reader.string('repositoryName'),
      imageTagMutability: reader.string('imageTagMutability') as ImageTagMutability,
      imageTagMutabilityExclusionFilters: reader.optionalList('imageTagMutabilityExclusionFilters') as ImageTagMutabilityExclusionFilter[] | undefined,
    });
    return filters.length > 0 ? { ...answer, imageTagMutabilityExclusionFilters: filters } : answer;
  },
  PutLifecyclePolicy: (input, ctx) => {
    const reader = read(input, ctx);
    return ctx.registry.putLifecyclePolicy({ repositoryName: reader.string('repositoryName'), lifecyclePolicyText: reader.string('lifecyclePolicyText') });
  },
  GetLifecyclePolicy: (input, ctx) => {
    const { lastEvaluatedAt, ...policy } = ctx.registry.getLifecyclePolicy({ repositoryName: read(input, ctx).string('repositoryName') });
    return lastEvaluatedAt === undefined ? policy : { ...policy, lastEvaluatedAt };
  },
}, ECR_ERRORS);

function requiredImageIds(reader: OperationInput): ImageIdentifier[] {
  const ids = imageIds(reader, 'imageIds');
  if (ids === undefined) throw reader.invalid('imageIds', null, 'Member must not be null');
  if (ids.length === 0) throw reader.invalid('imageIds', '[]', 'Member must have length greater than or equal to 1');
  return ids;
}
