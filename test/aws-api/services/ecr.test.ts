// ECR's operations through the local endpoint's handlers, on a real registry (SQLite, blobs on
// disk, /v2/ over HTTP for pushes): answers in ECR's shapes, failures with ECR's exception names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, TEST_ENDPOINT, type ApiHarness } from './support/api-harness.js';
import { pushImage } from './support/images.js';

let api: ApiHarness;
const ecr = (operation: string, input: Record<string, unknown> = {}) => api.call('ecr', operation, input);

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('GetAuthorizationToken', () => {
  it('gives base64 "AWS:<password>" valid for 12 hours, pointing docker at this endpoint', async () => {
    const before = Date.now();
    const { authorizationData } = (await ecr('GetAuthorizationToken')) as { authorizationData: { authorizationToken: string; expiresAt: Date; proxyEndpoint: string }[] };
    expect(authorizationData).toHaveLength(1);
    const [user, password] = Buffer.from(authorizationData[0]!.authorizationToken, 'base64').toString().split(':');
    expect(user).toBe('AWS');
    expect(password!.length).toBeGreaterThan(20);
    expect(authorizationData[0]!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(12 * 3600_000 - 1000);
    expect(authorizationData[0]!.proxyEndpoint).toBe(TEST_ENDPOINT);
  });

  it("points at the registry's own port while it listens on its own", async () => {
    const address = await api.registry.listen();
    const { authorizationData } = (await ecr('GetAuthorizationToken', { registryIds: [] })) as { authorizationData: { proxyEndpoint: string }[] };
    expect(authorizationData[0]!.proxyEndpoint).toBe(address.endpoint);
  });
});

describe('repositories', () => {
  it('creates, describes (by name and by page) and deletes a repository', async () => {
    const { repository } = (await ecr('CreateRepository', { repositoryName: 'team/app', imageTagMutability: 'IMMUTABLE' })) as { repository: Record<string, unknown> };
    expect(repository).toMatchObject({ repositoryName: 'team/app', registryId: '000000000000', repositoryArn: 'arn:aws:ecr:us-east-1:000000000000:repository/team/app', imageTagMutability: 'IMMUTABLE' });
    expect(repository.createdAt).toBeInstanceOf(Date);
    await ecr('CreateRepository', { repositoryName: 'team/api' });
    await ecr('CreateRepository', { repositoryName: 'team/web' });
    const named = (await ecr('DescribeRepositories', { repositoryNames: ['team/app'] })) as { repositories: { repositoryName: string }[] };
    expect(named.repositories.map((one) => one.repositoryName)).toEqual(['team/app']);
    const first = (await ecr('DescribeRepositories', { maxResults: 2 })) as { repositories: { repositoryName: string }[]; nextToken: string };
    expect(first.repositories.map((one) => one.repositoryName)).toEqual(['team/api', 'team/app']);
    const second = (await ecr('DescribeRepositories', { maxResults: 2, nextToken: first.nextToken })) as { repositories: { repositoryName: string }[]; nextToken?: string };
    expect(second.repositories.map((one) => one.repositoryName)).toEqual(['team/web']);
    expect(second.nextToken).toBeUndefined();
    const deleted = (await ecr('DeleteRepository', { repositoryName: 'team/app' })) as { repository: { repositoryName: string } };
    expect(deleted.repository.repositoryName).toBe('team/app');
    await expect(ecr('DescribeRepositories', { repositoryNames: ['team/app'] })).rejects.toMatchObject({
      code: 'RepositoryNotFoundException', message: "The repository with name 'team/app' does not exist in the registry with id '000000000000'",
    });
  });

  it('refuses a second repository of the same name, a bad name, a missing name and another registry id', async () => {
    await ecr('CreateRepository', { repositoryName: 'app' });
    await expect(ecr('CreateRepository', { repositoryName: 'app' })).rejects.toMatchObject({ code: 'RepositoryAlreadyExistsException' });
    await expect(ecr('CreateRepository', { repositoryName: 'App!' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(ecr('CreateRepository', {})).rejects.toMatchObject({
      code: 'InvalidParameterException', message: "1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null",
    });
    await expect(ecr('DescribeRepositories', { registryId: '123456789012' })).rejects.toMatchObject({ code: 'InvalidParameterException', message: expect.stringContaining("'123456789012'") });
    await expect(ecr('DescribeRepositories', { maxResults: 1001 })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });

  it('refuses to delete a repository with images unless forced', async () => {
    await ecr('CreateRepository', { repositoryName: 'app' });
    await pushImage(api.registry, 'app', 'v1', 'one');
    await expect(ecr('DeleteRepository', { repositoryName: 'app' })).rejects.toMatchObject({ code: 'RepositoryNotEmptyException' });
    await ecr('DeleteRepository', { repositoryName: 'app', force: true });
    await expect(ecr('DeleteRepository', { repositoryName: 'app' })).rejects.toMatchObject({ code: 'RepositoryNotFoundException' });
  });

  it('changes tag mutability, with exclusion filters only when there are some', async () => {
    await ecr('CreateRepository', { repositoryName: 'app' });
    expect(await ecr('PutImageTagMutability', { repositoryName: 'app', imageTagMutability: 'IMMUTABLE' })).toEqual({ registryId: '000000000000', repositoryName: 'app', imageTagMutability: 'IMMUTABLE' });
    const filters = [{ filterType: 'WILDCARD', filter: 'latest' }];
    expect(await ecr('PutImageTagMutability', { repositoryName: 'app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters }))
      .toMatchObject({ imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: filters });
    await expect(ecr('PutImageTagMutability', { repositoryName: 'app', imageTagMutability: 'SOMETIMES' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(ecr('PutImageTagMutability', { repositoryName: 'nope', imageTagMutability: 'MUTABLE' })).rejects.toMatchObject({ code: 'RepositoryNotFoundException' });
  });

  it('stores a lifecycle policy and gives it back; a repository without one answers LifecyclePolicyNotFoundException', async () => {
    await ecr('CreateRepository', { repositoryName: 'app' });
    await expect(ecr('GetLifecyclePolicy', { repositoryName: 'app' })).rejects.toMatchObject({ code: 'LifecyclePolicyNotFoundException' });
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } }] });
    expect(await ecr('PutLifecyclePolicy', { repositoryName: 'app', lifecyclePolicyText: policy })).toEqual({ registryId: '000000000000', repositoryName: 'app', lifecyclePolicyText: policy });
    expect(await ecr('GetLifecyclePolicy', { repositoryName: 'app' })).toEqual({ registryId: '000000000000', repositoryName: 'app', lifecyclePolicyText: policy });
    await expect(ecr('PutLifecyclePolicy', { repositoryName: 'app', lifecyclePolicyText: '{"rules": "no"}' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });
});

describe('images', () => {
  let one: string;
  let two: string;
  beforeEach(async () => {
    await ecr('CreateRepository', { repositoryName: 'app' });
    one = await pushImage(api.registry, 'app', 'v1', 'one');
    two = await pushImage(api.registry, 'app', undefined, 'two');
  });

  it('describes images, all or filtered by tag status, and lists their identifiers', async () => {
    const all = (await ecr('DescribeImages', { repositoryName: 'app' })) as { imageDetails: { imageDigest: string; imageTags?: string[]; imagePushedAt: Date; imageSizeInBytes: number }[] };
    expect(all.imageDetails.map((image) => image.imageDigest).sort()).toEqual([one, two].sort());
    expect(all.imageDetails.find((image) => image.imageDigest === one)).toMatchObject({ imageTags: ['v1'], imageSizeInBytes: expect.any(Number), imagePushedAt: expect.any(Date) });
    const tagged = (await ecr('DescribeImages', { repositoryName: 'app', filter: { tagStatus: 'TAGGED' } })) as { imageDetails: { imageDigest: string }[] };
    expect(tagged.imageDetails.map((image) => image.imageDigest)).toEqual([one]);
    const listed = (await ecr('ListImages', { repositoryName: 'app', filter: { tagStatus: 'UNTAGGED' } })) as { imageIds: unknown[] };
    expect(listed.imageIds).toEqual([{ imageDigest: two }]);
    await expect(ecr('DescribeImages', { repositoryName: 'app', imageIds: [{ imageTag: 'v9' }] })).rejects.toMatchObject({ code: 'ImageNotFoundException' });
    await expect(ecr('DescribeImages', { repositoryName: 'app', filter: { tagStatus: 'SOME' } })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(ecr('ListImages', { repositoryName: 'nope' })).rejects.toMatchObject({ code: 'RepositoryNotFoundException' });
  });

  it('pages ListImages with maxResults and nextToken', async () => {
    const first = (await ecr('ListImages', { repositoryName: 'app', maxResults: 1 })) as { imageIds: unknown[]; nextToken?: string };
    expect(first.imageIds).toHaveLength(1);
    const second = (await ecr('ListImages', { repositoryName: 'app', maxResults: 1, nextToken: first.nextToken })) as { imageIds: unknown[]; nextToken?: string };
    expect(second.imageIds).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    expect([...first.imageIds, ...second.imageIds]).toHaveLength(2);
  });

  it('gets manifests by tag and reports the identifiers it could not find as failures', async () => {
    const answer = (await ecr('BatchGetImage', { repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }] })) as {
      images: { imageId: { imageDigest: string; imageTag?: string }; imageManifest: string }[];
      failures: { failureCode: string; imageId: unknown }[];
    };
    expect(answer.images).toHaveLength(1);
    expect(answer.images[0]!.imageId).toEqual({ imageDigest: one, imageTag: 'v1' });
    expect(JSON.parse(answer.images[0]!.imageManifest)).toMatchObject({ schemaVersion: 2 });
    expect(answer.failures).toEqual([expect.objectContaining({ failureCode: 'ImageNotFound', imageId: { imageTag: 'v9' } })]);
    await expect(ecr('BatchGetImage', { repositoryName: 'app', imageIds: [] })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });

  it('deletes images by digest and by tag', async () => {
    const answer = (await ecr('BatchDeleteImage', { repositoryName: 'app', imageIds: [{ imageDigest: two }, { imageTag: 'v1' }, { imageTag: 'gone' }] })) as { imageIds: unknown[]; failures: { failureCode: string }[] };
    expect(answer.imageIds).toEqual([{ imageDigest: two }, { imageDigest: one, imageTag: 'v1' }]);
    expect(answer.failures.map((failure) => failure.failureCode)).toEqual(['ImageNotFound']);
    expect(((await ecr('DescribeImages', { repositoryName: 'app' })) as { imageDetails: unknown[] }).imageDetails).toEqual([]);
  });
});
