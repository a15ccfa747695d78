// ECR's repository and image operations on the account's registry, whose library API already
// takes and returns ECR's shapes (src/local/registry). GetAuthorizationToken points docker at
// this endpoint, which serves the registry's /v2/ on the same port as the API.
import type { ImageTagMutability, ImageTagMutabilityExclusionFilter } from '../../registry/index.js';
import { ECR_INVALID, imageIds, paging, read, requiredImageIds, tagStatus } from './ecr-inputs.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** ECR's errors (ECR API reference: every client error is HTTP 400). */
export const ECR_ERRORS: ServiceErrors = {
  fallback: ECR_INVALID,
  codes: Object.fromEntries(['InvalidParameterException', 'RepositoryNotFoundException', 'RepositoryAlreadyExistsException', 'RepositoryNotEmptyException',
    'ImageNotFoundException', 'LifecyclePolicyNotFoundException', 'ImageTagAlreadyExistsException', 'ImageAlreadyExistsException', 'InvalidTagParameterException',
    'LayersNotFoundException', 'ImageDigestDoesNotMatchException', 'ReferencedImagesNotFoundException', 'ValidationException'].map((code) => [code, 400])),
};

/** ECR's operations, by name. */
export const ecrHandlers = withServiceErrors({
  GetAuthorizationToken: (input, ctx) => {
    const reader = read(input, ctx);
    // This call names registries as a list (registryIds): another account's is refused as registryId is.
    const other = reader.optionalStrings('registryIds', 10)?.find((id) => id !== ctx.registry.registryId);
    if (other !== undefined) throw reader.fail(`Invalid parameter at 'registryIds': '${other}' is not the local registry's id '${ctx.registry.registryId}'`);
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
