// The ECR calls slipway makes: the images in a repository, and deleting them before a destroy.
import { BatchDeleteImageCommand, DescribeImagesCommand, ECRClient, ListImagesCommand, type ImageIdentifier } from '@aws-sdk/client-ecr';
import { awsErrorCode, callAws } from './aws-errors.js';
import { clientConfig, type AwsSettings } from './aws-settings.js';

/** An image in a repository. */
export interface RepositoryImage {
  digest: string;
  tags: string[];
  pushedAt?: Date;
  sizeBytes?: number;
}

/** The ECR operations the flows use. */
export interface EcrApi {
  /** Every image in the repository, newest push first; undefined when the repository does not exist. */
  listImages(repository: string): Promise<RepositoryImage[] | undefined>;
  /** Deletes every image; returns how many were deleted. */
  deleteAllImages(repository: string): Promise<number>;
}

// BatchDeleteImage takes at most 100 image ids per call (ECR API reference).
const DELETE_BATCH = 100;

/** The AWS SDK v3 implementation of EcrApi. */
export class SdkEcr implements EcrApi {
  private readonly client: ECRClient;

  constructor(settings: AwsSettings) {
    this.client = new ECRClient(clientConfig(settings));
  }

  async listImages(repository: string): Promise<RepositoryImage[] | undefined> {
    const images: RepositoryImage[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const answer = await callAws({ action: 'ecr:DescribeImages' }, () =>
          this.client.send(new DescribeImagesCommand({ repositoryName: repository, nextToken })),
        );
        for (const detail of answer.imageDetails ?? []) {
          images.push({
            digest: detail.imageDigest ?? '',
            tags: detail.imageTags ?? [],
            ...(detail.imagePushedAt ? { pushedAt: detail.imagePushedAt } : {}),
            ...(detail.imageSizeInBytes !== undefined ? { sizeBytes: detail.imageSizeInBytes } : {}),
          });
        }
        nextToken = answer.nextToken;
      } while (nextToken);
    } catch (error) {
      if (awsErrorCode((error as Error).cause) === 'RepositoryNotFoundException') return undefined;
      throw error;
    }
    return images.sort((a, b) => (b.pushedAt?.getTime() ?? 0) - (a.pushedAt?.getTime() ?? 0));
  }

  async deleteAllImages(repository: string): Promise<number> {
    const ids: ImageIdentifier[] = [];
    let nextToken: string | undefined;
    do {
      const answer = await callAws({ action: 'ecr:ListImages' }, () => this.client.send(new ListImagesCommand({ repositoryName: repository, nextToken })));
      ids.push(...(answer.imageIds ?? []));
      nextToken = answer.nextToken;
    } while (nextToken);
    // One digest may appear once per tag; deleting by digest removes every tag of it.
    const digests = [...new Set(ids.map((id) => id.imageDigest).filter((d): d is string => Boolean(d)))];
    for (let start = 0; start < digests.length; start += DELETE_BATCH) {
      const batch = digests.slice(start, start + DELETE_BATCH).map((imageDigest) => ({ imageDigest }));
      await callAws({ action: 'ecr:BatchDeleteImage' }, () => this.client.send(new BatchDeleteImageCommand({ repositoryName: repository, imageIds: batch })));
    }
    return digests.length;
  }
}
