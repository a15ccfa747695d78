// The ECR image calls — DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, PutImage —
// in the ECR API's shapes, over the registry's images (images.ts).
import { asEcrError, ecrError } from './errors.js';
import type { ImageRecord, Images } from './images.js';
import { digestOf } from './manifest.js';
import { isDigest, isTag } from './names.js';
import { pageOf } from './pagination.js';

/** ECR's ImageIdentifier. */
export interface ImageIdentifier {
  imageDigest?: string;
  imageTag?: string;
}

/** ECR's ImageDetail. */
export interface ImageDetail {
  registryId: string;
  repositoryName: string;
  imageDigest: string;
  imageTags?: string[];
  imageSizeInBytes: number;
  imagePushedAt: Date;
  imageManifestMediaType: string;
  artifactMediaType?: string;
}

/** ECR's ImageFailure codes that apply locally. */
export type ImageFailureCode = 'InvalidImageDigest' | 'InvalidImageTag' | 'ImageTagDoesNotMatchDigest' | 'ImageNotFound' | 'MissingDigestAndTag' | 'ImageReferencedByManifestList';

export interface ImageFailure {
  imageId: ImageIdentifier;
  failureCode: ImageFailureCode;
  failureReason: string;
}

export type TagStatus = 'TAGGED' | 'UNTAGGED' | 'ANY';

/** ECR's image calls for one registry. */
export class ImageApi {
  constructor(
    private readonly images: Images,
    private readonly registryId: string,
  ) {}

  /** DescribeImages: the listed images (ImageNotFoundException if one is missing) or a page of all. */
  describeImages(input: {
    repositoryName: string; imageIds?: ImageIdentifier[]; filter?: { tagStatus?: TagStatus }; maxResults?: number;
    nextToken?: string
  }): { imageDetails: ImageDetail[]; nextToken?: string } {
    const all = this.images.list(input.repositoryName);
    if (input.imageIds && input.imageIds.length > 0) {
      const details = input.imageIds.map((id) => {
        const found = this.find(input.repositoryName, all, id);
        if ('failureCode' in found) throw ecrError('ImageNotFoundException', found.failureReason);
        return this.detail(input.repositoryName, found);
      });
      return { imageDetails: dedupe(details) };
    }
    const selected = all.filter((image) => matchesTagStatus(image, input.filter?.tagStatus ?? 'ANY'));
    const page = pageOf(selected, input.maxResults, input.nextToken);
    return { imageDetails: page.items.map((image) => this.detail(input.repositoryName, image)), nextToken: page.nextToken };
  }

  /** ListImages: one identifier per tag, and one without a tag per untagged image. */
  listImages(input: {
    repositoryName: string; filter?: { tagStatus?: TagStatus }; maxResults?: number; nextToken?: string
  }): { imageIds: ImageIdentifier[]; nextToken?: string } {
    const ids = this.images
      .list(input.repositoryName)
      .filter((image) => matchesTagStatus(image, input.filter?.tagStatus ?? 'ANY'))
      .flatMap((image) => (image.tags.length === 0
        ? [{ imageDigest: image.digest }] : image.tags.map((imageTag) => ({ imageDigest: image.digest, imageTag }))));
    const page = pageOf(ids, input.maxResults, input.nextToken);
    return { imageIds: page.items, nextToken: page.nextToken };
  }

  /** BatchGetImage: manifests by identifier, with a failure entry for each one not found. */
  batchGetImage(input: { repositoryName: string; imageIds: ImageIdentifier[] }) {
    const all = this.images.list(input.repositoryName);
    const images = [];
    const failures: ImageFailure[] = [];
    for (const id of input.imageIds) {
      const found = this.find(input.repositoryName, all, id);
      if ('failureCode' in found) {
        failures.push(found);
        continue;
      }
      const manifest = this.images.getManifest(input.repositoryName, found.digest)!;
      images.push({
        registryId: this.registryId,
        repositoryName: input.repositoryName,
        imageId: { imageDigest: found.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) },
        imageManifest: manifest.content.toString('utf8'),
        imageManifestMediaType: manifest.mediaType,
      });
    }
    return { images, failures };
  }

  /** BatchDeleteImage: by digest deletes the image; by tag removes the tag, and the image with its last tag. */
  batchDeleteImage(input: { repositoryName: string; imageIds: ImageIdentifier[] }): { imageIds: ImageIdentifier[]; failures: ImageFailure[] } {
    const imageIds: ImageIdentifier[] = [];
    const failures: ImageFailure[] = [];
    for (const id of input.imageIds) {
      const found = this.find(input.repositoryName, this.images.list(input.repositoryName), id);
      if ('failureCode' in found) {
        failures.push(found);
      } else if (id.imageTag && !id.imageDigest) {
        this.images.deleteTag(input.repositoryName, id.imageTag, found.digest);
        imageIds.push({ imageDigest: found.digest, imageTag: id.imageTag });
      } else {
        const parents = this.images.parentsOf(input.repositoryName, found.digest);
        if (parents.length > 0) {
          failures.push({ imageId: id, failureCode: 'ImageReferencedByManifestList', failureReason: `Requested image is referenced by an image index: ${parents.join(', ')}` });
          continue;
        }
        this.images.deleteManifest(input.repositoryName, found.digest);
        imageIds.push(...(found.tags.length === 0 ? [{ imageDigest: found.digest }] : found.tags.map((imageTag) => ({ imageDigest: found.digest, imageTag }))));
      }
    }
    return { imageIds, failures };
  }

  /** PutImage: stores a manifest whose blobs are already pushed. */
  putImage(input: { repositoryName: string; imageManifest: string; imageManifestMediaType?: string; imageTag?: string; imageDigest?: string }) {
    const content = Buffer.from(input.imageManifest, 'utf8');
    const reference = input.imageTag ?? input.imageDigest ?? digestOf(content);
    const existing = this.images.resolve(input.repositoryName, reference);
    try {
      if (input.imageDigest && input.imageTag) this.images.putManifest({
        repository: input.repositoryName, reference: input.imageDigest, content, contentType: input.imageManifestMediaType,
      });
      const stored = this.images.putManifest({ repository: input.repositoryName, reference, content, contentType: input.imageManifestMediaType });
      if (existing === stored.digest) {
        // ECR answers a PutImage that changes nothing with ImageAlreadyExistsException.
        throw ecrError('ImageAlreadyExistsException', `Image with digest '${stored.digest}' and tag '${input.imageTag ?? ''}' already exists in the repository with name '${input.repositoryName}' in registry with id '${this.registryId}'`);
      }
      return {
        image: {
          registryId: this.registryId,
          repositoryName: input.repositoryName,
          imageId: { imageDigest: stored.digest, ...(input.imageTag ? { imageTag: input.imageTag } : {}) },
          imageManifest: input.imageManifest,
          imageManifestMediaType: stored.mediaType,
        },
      };
    } catch (error) {
      throw asEcrError(error);
    }
  }

  private find(repositoryName: string, all: ImageRecord[], id: ImageIdentifier): ImageRecord | ImageFailure {
    const fail = (failureCode: ImageFailureCode, failureReason: string): ImageFailure => ({ imageId: id, failureCode, failureReason });
    if (!id.imageDigest && !id.imageTag) return fail('MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null');
    if (id.imageDigest && !isDigest(id.imageDigest)) return fail('InvalidImageDigest', `Invalid parameter at 'imageDigest': '${id.imageDigest}' is not a digest`);
    if (id.imageTag && !isTag(id.imageTag)) return fail('InvalidImageTag', `Invalid parameter at 'imageTag': '${id.imageTag}' is not a tag`);
    const image = all.find((candidate) => (id.imageDigest ? candidate.digest === id.imageDigest : candidate.tags.includes(id.imageTag!)));
    if (!image) {
      return fail('ImageNotFound', `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${repositoryName}' in the registry with id '${this.registryId}'`);
    }
    if (id.imageDigest && id.imageTag && !image.tags.includes(id.imageTag)) return fail('ImageTagDoesNotMatchDigest', `Invalid parameter: tag '${id.imageTag}' does not point to digest '${id.imageDigest}'`);
    return image;
  }

  private detail(repositoryName: string, image: ImageRecord): ImageDetail {
    return {
      registryId: this.registryId,
      repositoryName,
      imageDigest: image.digest,
      ...(image.tags.length > 0 ? { imageTags: image.tags } : {}),
      imageSizeInBytes: image.imageSize,
      imagePushedAt: new Date(image.pushedAt),
      imageManifestMediaType: image.mediaType,
      ...(image.artifactType ? { artifactMediaType: image.artifactType } : {}),
    };
  }
}

function matchesTagStatus(image: ImageRecord, status: TagStatus): boolean {
  return status === 'ANY' || (status === 'TAGGED') === image.tags.length > 0;
}

function dedupe(details: ImageDetail[]): ImageDetail[] {
  return [...new Map(details.map((detail) => [detail.imageDigest, detail])).values()];
}
