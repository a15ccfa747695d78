// The Amazon ECR source action (`Source/AWS/ECR/1`, CodePipeline "Amazon ECR source action
// reference" and "imageDetail.json file"): the image tagged ImageTag (default `latest`) in the
// local repository RepositoryName, or the digest the execution was started for. Its output
// artifact holds `imageDetail.json` as the ECR source writes it, and it sets the variables
// RegistryId, RepositoryName, ImageTag, ImageDigest and ImageURI; the digest is the revision.
import { SlipwayError } from '../../errors.js';
import type { ImageDetail } from '../registry/index.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { storeFileArtifact } from './artifact-files.js';

/** ImageTag's default (aws-semantics §2, "ECR source"). */
export const DEFAULT_IMAGE_TAG = 'latest';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ImagePushedAt as the ECR source writes it: `Mon Jan 21 20:04:00 UTC 2019`. */
export function pushedAtText(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

/** imageDetail.json: every value a string but ImageTags, as in the documented example. */
function imageDetailJson(detail: ImageDetail, imageUri: string): string {
  return `${JSON.stringify({
    ImageSizeInBytes: String(detail.imageSizeInBytes), ImageDigest: detail.imageDigest, Version: '1.0', ImagePushedAt: pushedAtText(detail.imagePushedAt),
    RegistryId: detail.registryId, RepositoryName: detail.repositoryName, ImageURI: imageUri, ImageTags: detail.imageTags ?? [],
  }, null, 4)}\n`;
}

/** Runs an ECR source action. */
export async function runEcrSource(run: ActionRun): Promise<ActionOutcome> {
  const repositoryName = String(run.configuration.RepositoryName);
  const imageTag = String(run.configuration.ImageTag ?? DEFAULT_IMAGE_TAG);
  const imageId = run.revision?.startsWith('sha256:') ? { imageDigest: run.revision } : { imageTag };
  try {
    const [detail] = run.services.images().describeImages({ repositoryName, imageIds: [imageId] }).imageDetails;
    if (!detail) return failed('ConfigurationError', `The image ${repositoryName}:${imageTag} does not exist in the local registry`);
    // The image by digest, at the address the local registry answers (where RepositoryUri points).
    const imageUri = `${run.services.location().registryEndpoint}/${repositoryName}@${detail.imageDigest}`;
    run.say(`${repositoryName}:${imageTag} is ${detail.imageDigest}`);
    const name = run.action.outputArtifacts[0] ?? 'SourceArtifact';
    const artifact = await storeFileArtifact(run.services.buckets, run.bucket, run.pipeline.name, name, { name: 'imageDetail.json', content: imageDetailJson(detail, imageUri) });
    return {
      status: 'Succeeded',
      outputArtifacts: [{ ...artifact, revision: detail.imageDigest }],
      outputVariables: {
        RegistryId: detail.registryId, RepositoryName: repositoryName, ImageTag: imageTag, ImageDigest: detail.imageDigest,
        ImageURI: imageUri,
      },
      executionResult: { externalExecutionId: detail.imageDigest, externalExecutionSummary: `${repositoryName}:${imageTag}` },
      sourceRevision: { actionName: run.action.name, revisionId: detail.imageDigest, revisionSummary: `${repositoryName}:${imageTag}` },
    };
  } catch (error) {
    if (error instanceof SlipwayError) return failed(error.code, error.message);
    throw error;
  }
}
