// The registry pages' data, through ECR's own calls on the running registry: repositories with
// their settings (DescribeRepositories, GetLifecyclePolicy), a repository's images with tags,
// digest, size and push time (DescribeImages, every page), the `docker pull` name of each, and
// what the lifecycle policy would expire now (GetLifecyclePolicyPreview).
import type { LocalRegistry, Repository } from '../registry/index.js';

/** A repository's settings, as its page and the list show them. */
function settingsOf(registry: LocalRegistry, repository: Repository) {
  return {
    name: repository.repositoryName,
    uri: repository.repositoryUri,
    createdAt: repository.createdAt.toISOString(),
    imageTagMutability: repository.imageTagMutability,
    scanOnPush: repository.imageScanningConfiguration.scanOnPush,
    encryptionType: repository.encryptionConfiguration.encryptionType,
    lifecyclePolicy: lifecyclePolicyOf(registry, repository.repositoryName),
  };
}

function lifecyclePolicyOf(registry: LocalRegistry, repositoryName: string): string | undefined {
  try {
    return registry.getLifecyclePolicy({ repositoryName }).lifecyclePolicyText;
  } catch {
    return undefined; // LifecyclePolicyNotFoundException: the repository has none.
  }
}

/** Every page of a paged ECR call. */
function allPages<T>(page: (nextToken: string | undefined) => { items: T[]; nextToken?: string }): T[] {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const next = page(token);
    items.push(...next.items);
    token = next.nextToken;
  } while (token !== undefined);
  return items;
}

/** Every repository, by name, with its settings and its number of images. */
export function repositoryList(registry: LocalRegistry) {
  const repositories = allPages((nextToken) => {
    const answer = registry.describeRepositories({ maxResults: 1000, nextToken });
    return { items: answer.repositories, nextToken: answer.nextToken };
  });
  return repositories.map((repository) => ({ ...settingsOf(registry, repository), imageCount: imagesOf(registry, repository.repositoryName).length }));
}

function imagesOf(registry: LocalRegistry, repositoryName: string) {
  return allPages((nextToken) => {
    const answer = registry.describeImages({ repositoryName, maxResults: 1000, nextToken });
    return { items: answer.imageDetails, nextToken: answer.nextToken };
  });
}

/** One repository: settings, images newest push first, and its lifecycle policy's preview. */
export function repositoryDetail(registry: LocalRegistry, repositoryName: string) {
  const [repository] = registry.describeRepositories({ repositoryNames: [repositoryName] }).repositories;
  const settings = settingsOf(registry, repository!);
  const images = imagesOf(registry, repositoryName)
    .sort((a, b) => b.imagePushedAt.getTime() - a.imagePushedAt.getTime())
    .map((image) => ({
      digest: image.imageDigest, tags: image.imageTags ?? [], sizeInBytes: image.imageSizeInBytes,
      pushedAt: image.imagePushedAt.toISOString(), mediaType: image.imageManifestMediaType,
      pull: `docker pull ${settings.uri}${image.imageTags?.[0] ? `:${image.imageTags[0]}` : `@${image.imageDigest}`}`,
    }));
  const preview = settings.lifecyclePolicy === undefined ? undefined : registry.previewLifecyclePolicy({ repositoryName });
  return {
    ...settings, images,
    ...(preview ? { lifecyclePreview: preview.previewResults.map((result) => ({ ...result, imagePushedAt: result.imagePushedAt.toISOString() })) } : {}),
  };
}
