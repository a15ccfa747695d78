// The library API that the local stack engine and the local ECR endpoint call: ECR's operations
// with ECR's shapes and exception names, over real SQLite and real files.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRegistry, type LocalRegistry } from '../../src/local/registry/index.js';
import { send } from './http-client.js';
import { sha256, tinyImage } from './registry-fixture.js';
import { thrownSlipwayError } from '../support/thrown.js';

const DAY = 24 * 60 * 60 * 1000;
let dataDir: string;
let now: number;
let registry: LocalRegistry;
const clock = { now: () => now };

function open(): LocalRegistry {
  return openRegistry({ dataDir, clock, maintenanceIntervalMs: 0 });
}


/** Pushes a tiny image's blobs over /v2/ and its manifest with PutImage. */
async function pushImage(repositoryName: string, tag: string | undefined, seed: string) {
  const image = tinyImage(seed);
  const address = registry.address ?? (await registry.listen());
  const auth = `Basic ${registry.getAuthorizationToken().authorizationData[0]!.authorizationToken}`;
  for (const blob of [image.config, image.layer]) {
    const res = await send(address.endpoint, 'POST', `/v2/${repositoryName}/blobs/uploads/?digest=${sha256(blob)}`, { body: blob, headers: { Authorization: auth } });
    expect(res.status).toBe(201);
  }
  registry.putImage({ repositoryName, imageManifest: image.manifest.toString(), ...(tag ? { imageTag: tag } : {}) });
  return image;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'slipway-registry-lib-'));
  now = Date.UTC(2026, 0, 1);
  registry = open();
});
afterEach(async () => {
  await registry.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('repositories', () => {
  it('creates a repository with ECR defaults and describes it in the Repository shape', () => {
    const repository = registry.createRepository({ repositoryName: 'team/app' });
    expect(repository).toEqual({
      repositoryArn: 'arn:aws:ecr:us-east-1:000000000000:repository/team/app',
      registryId: '000000000000',
      repositoryName: 'team/app',
      repositoryUri: '000000000000.dkr.ecr.us-east-1.amazonaws.com/team/app',
      createdAt: new Date(now),
      imageTagMutability: 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
  });

  it('answers with the local address in repositoryUri once listening', async () => {
    registry.createRepository({ repositoryName: 'app' });
    const { registryHost } = await registry.listen();
    expect(registry.describeRepositories({ repositoryNames: ['app'] }).repositories[0]!.repositoryUri).toBe(`${registryHost}/app`);
  });

  it("uses ECR's exception names and messages", () => {
    registry.createRepository({ repositoryName: 'app' });
    expect(thrownSlipwayError(() => registry.createRepository({ repositoryName: 'app' })).code).toBe('RepositoryAlreadyExistsException');
    const missing = thrownSlipwayError(() => registry.describeRepositories({ repositoryNames: ['nope'] }));
    expect([missing.code, missing.message]).toEqual(['RepositoryNotFoundException', "The repository with name 'nope' does not exist in the registry with id '000000000000'"]);
    const badName = thrownSlipwayError(() => registry.createRepository({ repositoryName: 'Bad_Name/' }));
    expect([badName.code, badName.problems[0]!.path]).toEqual(['InvalidParameterException', 'repositoryName']);
    expect(thrownSlipwayError(() => registry.getLifecyclePolicy({ repositoryName: 'app' })).code).toBe('LifecyclePolicyNotFoundException');
    expect(thrownSlipwayError(() => registry.putImageTagMutability({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })).code).toBe('InvalidParameterException');
  });

  it('pages DescribeRepositories with maxResults and nextToken', () => {
    for (const name of ['a1', 'a2', 'a3']) registry.createRepository({ repositoryName: name });
    const first = registry.describeRepositories({ maxResults: 2 });
    expect(first.repositories.map((r) => r.repositoryName)).toEqual(['a1', 'a2']);
    const second = registry.describeRepositories({ maxResults: 2, nextToken: first.nextToken });
    expect([second.repositories.map((r) => r.repositoryName), second.nextToken]).toEqual([['a3'], undefined]);
  });

  it('refuses to delete a repository with images unless forced', async () => {
    registry.createRepository({ repositoryName: 'app' });
    await pushImage('app', 'v1', 'delete-me');
    expect(thrownSlipwayError(() => registry.deleteRepository({ repositoryName: 'app' })).code).toBe('RepositoryNotEmptyException');
    expect(registry.deleteRepository({ repositoryName: 'app', force: true }).repositoryName).toBe('app');
    expect(registry.describeRepositories().repositories).toEqual([]);
  });

  it('keeps repositories, settings and images across a restart', async () => {
    registry.createRepository({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }] });
    registry.putLifecyclePolicy({ repositoryName: 'app', lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] }) });
    const image = await pushImage('app', 'v1', 'persist');
    await registry.close();
    registry = open();
    const repository = registry.describeRepositories().repositories[0]!;
    expect([repository.imageTagMutability, repository.imageTagMutabilityExclusionFilters]).toEqual(['IMMUTABLE_WITH_EXCLUSION', [{ filterType: 'WILDCARD', filter: 'latest' }]]);
    expect(registry.getLifecyclePolicy({ repositoryName: 'app' }).lifecyclePolicyText).toContain('untagged');
    expect(registry.describeImages({ repositoryName: 'app' }).imageDetails.map((d) => [d.imageDigest, d.imageTags])).toEqual([[image.digest, ['v1']]]);
  });

  it('lets only one registry use a data folder at a time', () => {
    expect(thrownSlipwayError(() => open()).code).toBe('RegistryDataInUse');
  });
});

describe('images', () => {
  beforeEach(() => {
    registry.createRepository({ repositoryName: 'app' });
  });

  it('describes images with digest, tags, size, push time and media type', async () => {
    const image = await pushImage('app', 'v1', 'describe');
    expect(registry.describeImages({ repositoryName: 'app' }).imageDetails).toEqual([
      {
        registryId: '000000000000',
        repositoryName: 'app',
        imageDigest: image.digest,
        imageTags: ['v1'],
        imageSizeInBytes: image.layer.length,
        imagePushedAt: new Date(now),
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactMediaType: 'application/vnd.oci.image.config.v1+json',
      },
    ]);
    expect(thrownSlipwayError(() => registry.describeImages({ repositoryName: 'app', imageIds: [{ imageTag: 'v9' }] })).code).toBe('ImageNotFoundException');
  });

  it('moves a tag in a MUTABLE repository, leaving the old image untagged', async () => {
    const first = await pushImage('app', 'latest', 'one');
    const second = await pushImage('app', 'latest', 'two');
    const { imageIds } = registry.listImages({ repositoryName: 'app' });
    expect(imageIds).toEqual(expect.arrayContaining([{ imageDigest: second.digest, imageTag: 'latest' }, { imageDigest: first.digest }]));
    expect(registry.listImages({ repositoryName: 'app', filter: { tagStatus: 'UNTAGGED' } }).imageIds).toEqual([{ imageDigest: first.digest }]);
  });

  it('PutImage answers ImageTagAlreadyExistsException in an immutable repository and ImageAlreadyExistsException for a no-op', async () => {
    const image = await pushImage('app', 'v1', 'put-image');
    expect(thrownSlipwayError(() => registry.putImage({ repositoryName: 'app', imageManifest: image.manifest.toString(), imageTag: 'v1' })).code).toBe('ImageAlreadyExistsException');
    registry.putImageTagMutability({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE' });
    const refused = thrownSlipwayError(() => registry.putImage({ repositoryName: 'app', imageManifest: image.manifest.toString(), imageTag: 'v1' }));
    expect([refused.code, refused.message]).toEqual(['ImageTagAlreadyExistsException', "The image tag 'v1' already exists in the 'app' repository and cannot be overwritten because the repository is immutable."]);
    const missingLayers = tinyImage('never pushed');
    expect(thrownSlipwayError(() => registry.putImage({ repositoryName: 'app', imageManifest: missingLayers.manifest.toString(), imageTag: 'v2' })).code).toBe('LayersNotFoundException');
  });

  it('BatchDeleteImage by tag removes the image with its last tag and reports failures per id', async () => {
    const image = await pushImage('app', 'v1', 'batch');
    const result = registry.batchDeleteImage({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'v9' }, {}] });
    expect(result.imageIds).toEqual([{ imageDigest: image.digest, imageTag: 'v1' }]);
    expect(result.failures.map((f) => f.failureCode)).toEqual(['ImageNotFound', 'MissingDigestAndTag']);
    expect(registry.describeImages({ repositoryName: 'app' }).imageDetails).toEqual([]);
  });

  it('BatchGetImage returns the stored manifest', async () => {
    const image = await pushImage('app', 'v1', 'batch-get');
    const { images, failures } = registry.batchGetImage({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] });
    expect([images[0]!.imageManifest, images[0]!.imageId, failures]).toEqual([image.manifest.toString(), { imageDigest: image.digest, imageTag: 'v1' }, []]);
  });
});

describe('lifecycle policies', () => {
  it('expires what the policy selects, on demand, and previews it first', async () => {
    registry.createRepository({ repositoryName: 'app' });
    const old = await pushImage('app', undefined, 'old');
    now += 3 * DAY;
    const fresh = await pushImage('app', undefined, 'fresh');
    const kept = await pushImage('app', 'v1', 'tagged');
    registry.putLifecyclePolicy({ repositoryName: 'app', lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 2 }, action: { type: 'expire' } }] }) });
    const preview = registry.previewLifecyclePolicy({ repositoryName: 'app' });
    expect(preview.previewResults.map((r) => [r.imageDigest, r.appliedRulePriority, r.action.type])).toEqual([[old.digest, 1, 'EXPIRE']]);
    expect(registry.applyLifecyclePolicies()[0]!.expired.map((e) => e.imageDigest)).toEqual([old.digest]);
    expect(registry.describeImages({ repositoryName: 'app' }).imageDetails.map((d) => d.imageDigest).sort()).toEqual([fresh.digest, kept.digest].sort());
    expect(registry.getLifecyclePolicy({ repositoryName: 'app' }).lastEvaluatedAt).toEqual(new Date(now));
  });

  it('runs periodically on its own', async () => {
    await registry.close();
    registry = openRegistry({ dataDir, clock, maintenanceIntervalMs: 50 });
    registry.createRepository({ repositoryName: 'app' });
    await pushImage('app', 'v1', 'one');
    await pushImage('app', 'v2', 'two');
    registry.putLifecyclePolicy({ repositoryName: 'app', lifecyclePolicyText: JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }, action: { type: 'expire' } }] }) });
    await expect.poll(() => registry.describeImages({ repositoryName: 'app' }).imageDetails.length, { timeout: 30_000 }).toBe(1);
  });
});

describe('garbage collection', () => {
  it('removes layers no image uses only after the grace period', async () => {
    registry.createRepository({ repositoryName: 'app' });
    const image = await pushImage('app', 'v1', 'gc');
    const layerFile = join(dataDir, 'blobs', 'sha256', sha256(image.layer).slice(7, 9), sha256(image.layer).slice(7));
    registry.batchDeleteImage({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] });
    expect((await registry.collectGarbage()).deletedBlobs).toEqual([]);
    expect(existsSync(layerFile)).toBe(true);
    now += 2 * 60 * 60 * 1000;
    const result = await registry.collectGarbage();
    expect(result.deletedBlobs.sort()).toEqual([sha256(image.config), sha256(image.layer)].sort());
    expect(existsSync(layerFile)).toBe(false);
  });

  it('keeps the layers of images that still exist, and removes abandoned uploads', async () => {
    registry.createRepository({ repositoryName: 'app' });
    const image = await pushImage('app', 'v1', 'kept');
    const auth = `Basic ${registry.getAuthorizationToken().authorizationData[0]!.authorizationToken}`;
    await send(registry.address!.endpoint, 'POST', '/v2/app/blobs/uploads/', { headers: { Authorization: auth } });
    now += 2 * DAY;
    const result = await registry.collectGarbage();
    expect([result.deletedBlobs, result.expiredUploads]).toEqual([[], 1]);
    const res = await send(registry.address!.endpoint, 'GET', `/v2/app/blobs/${sha256(image.layer)}`, { headers: { Authorization: `Basic ${registry.getAuthorizationToken().authorizationData[0]!.authorizationToken}` } });
    expect(res.body.equals(image.layer)).toBe(true);
  });
});

describe('authorization tokens', () => {
  it('issues base64("AWS:<password>") valid for 12 hours and refuses it after', async () => {
    const { endpoint } = await registry.listen();
    const data = registry.getAuthorizationToken().authorizationData[0]!;
    expect(Buffer.from(data.authorizationToken, 'base64').toString()).toMatch(/^AWS:[A-Za-z0-9_-]{64}$/);
    expect([data.expiresAt, data.proxyEndpoint]).toEqual([new Date(now + 12 * 60 * 60 * 1000), endpoint]);
    const headers = { Authorization: `Basic ${data.authorizationToken}` };
    expect((await send(endpoint, 'GET', '/v2/', { headers })).status).toBe(200);
    now += 12 * 60 * 60 * 1000 + 1;
    const expired = await send(endpoint, 'GET', '/v2/', { headers });
    expect([expired.status, expired.json()]).toEqual([403, { errors: [{ code: 'DENIED', message: 'Your authorization token has expired. Reauthenticate and try again.', detail: null }] }]);
  });

  it('accepts anonymous requests only when auth is off', async () => {
    await registry.close();
    registry = openRegistry({ dataDir, clock, maintenanceIntervalMs: 0, requireAuth: false });
    const { endpoint } = await registry.listen();
    expect((await send(endpoint, 'GET', '/v2/')).status).toBe(200);
  });
});
