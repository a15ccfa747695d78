// Which tags of the local registry's repositories point at a new image since slipway last
// looked, kept in the home: a push the running registry reports becomes ECR's "ECR Image Action"
// event at once, and a tag pushed while `slipway up` was down (through `slipway registry` on the
// same home) is announced when up starts, once. The first look takes the tags as they are; a
// push by digest alone is announced only while up runs (nothing records it to compare with).
import type { StateDatabase } from '../state/index.js';

/** The part of the registry read here (ECR's DescribeRepositories and ListImages). */
export interface RegistryImages {
  describeRepositories(input: { nextToken?: string }): { repositories: { repositoryName: string }[]; nextToken?: string };
  listImages(input: { repositoryName: string; filter?: { tagStatus?: 'TAGGED' }; nextToken?: string }): { imageIds: { imageDigest?: string; imageTag?: string }[]; nextToken?: string };
}

/** A tag that points at a new image. */
export interface TagPush {
  repositoryName: string;
  imageTag: string;
  imageDigest: string;
}

const SEEN = '';

/** Every tagged image of the registry, as `repository` → tag → digest. */
function currentTags(registry: RegistryImages): TagPush[] {
  const tags: TagPush[] = [];
  let token: string | undefined;
  do {
    const page = registry.describeRepositories({ nextToken: token });
    for (const { repositoryName } of page.repositories) {
      let imageToken: string | undefined;
      do {
        const images = registry.listImages({ repositoryName, filter: { tagStatus: 'TAGGED' }, nextToken: imageToken });
        for (const id of images.imageIds) if (id.imageTag && id.imageDigest) tags.push({ repositoryName, imageTag: id.imageTag, imageDigest: id.imageDigest });
        imageToken = images.nextToken;
      } while (imageToken);
    }
    token = page.nextToken;
  } while (token);
  return tags;
}

/** The recorded tags of the registry. */
export class EcrTagStates {
  constructor(private readonly db: StateDatabase) {}

  /** Records a push the registry reported; false when the tag already pointed at that image. */
  record(push: TagPush): boolean {
    const row = this.db.prepare('SELECT digest FROM events_ecr_tags WHERE repository = ? AND tag = ?').get(push.repositoryName, push.imageTag) as { digest: string } | undefined;
    this.db.prepare('INSERT OR REPLACE INTO events_ecr_tags VALUES (?, ?, ?)').run(push.repositoryName, push.imageTag, push.imageDigest);
    return row?.digest !== push.imageDigest;
  }

  /** The tags that moved since the last look, recorded as seen; none on the first look. */
  catchUp(registry: RegistryImages): TagPush[] {
    const firstLook = this.db.prepare('SELECT 1 FROM events_ecr_tags WHERE repository = ? LIMIT 1').get(SEEN) === undefined;
    const moved = this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO events_ecr_tags VALUES (?, ?, ?)').run(SEEN, SEEN, SEEN);
      return currentTags(registry).filter((push) => this.record(push));
    })();
    return firstLook ? [] : moved;
  }
}
