// StartBuild: the BuildRequest for one of the account's projects with StartBuild's overrides
// (buildspecOverride, environmentVariablesOverride, imageOverride, privilegedModeOverride,
// timeoutInMinutesOverride; locally the source location is a folder), or for an ad hoc build
// outside any project, as `slipway build` runs without --project-name.
import { SlipwayError } from '../../errors.js';
import type { ArtifactStore } from '../artifacts/index.js';
import type { CodeBuildProject } from './projects.js';
import { BUILD_DEFAULTS, type BuildRequest, type EnvironmentVariable } from './request.js';
import { chooseRunner } from './runner-choice.js';

/** What a caller asks StartBuild for. */
export interface StartBuildInput {
  /** A project of the account; absent for an ad hoc build. */
  projectName?: string;
  /** The name of an ad hoc build; default `local-build`. */
  adHocName?: string;
  /** The source folder (CODEBUILD_SRC_DIR), standing in for the project's source location. */
  sourceDir: string;
  secondarySources?: Record<string, string>;
  /** A buildspec path in the source, or inline YAML; default: the project's, else `buildspec.yml`. */
  buildspecOverride?: string;
  environmentVariablesOverride?: EnvironmentVariable[];
  /** The CodeBuild image the build asks for (the project's Environment.Image by default). */
  imageOverride?: string;
  privilegedModeOverride?: boolean;
  timeoutInMinutesOverride?: number;
  /** Where the build runs: `host`, a local `image`, or the project image through `imageMap`. */
  runner: { host?: boolean; image?: string; imageMap?: Record<string, string>; network?: 'host' | 'none' };
  artifactsDir?: string;
  initiator: string;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  sourceRepoUrl?: string;
  /** Said first in DOWNLOAD_SOURCE (see BuildRequest). */
  sourceNotes?: BuildRequest['sourceNotes'];
}

/** Builds the request the executor runs. */
export function buildRequestFor(
  project: CodeBuildProject | undefined, input: StartBuildInput, buckets: ArtifactStore,
  location: { accountId: string; region: string },
): BuildRequest {
  const image = input.imageOverride ?? project?.environment.image ?? BUILD_DEFAULTS.image;
  return {
    buildspec: buildspecOf(input.buildspecOverride ?? project?.source.buildspec, buckets),
    sourceDir: input.sourceDir,
    secondarySources: input.secondarySources,
    artifactsDir: input.artifactsDir,
    project: {
      name: project?.name ?? input.adHocName ?? BUILD_DEFAULTS.projectName,
      image,
      privilegedMode: input.privilegedModeOverride ?? project?.environment.privilegedMode ?? false,
      timeoutInMinutes: input.timeoutInMinutesOverride ?? project?.timeoutInMinutes ?? BUILD_DEFAULTS.timeoutInMinutes,
      environmentVariables: project?.environment.environmentVariables ?? [],
      // An ad hoc build keeps what the buildspec asks for; a project's settings decide for its builds.
      cache: project === undefined || project.cache.type !== 'NO_CACHE',
      artifacts: project === undefined || project.artifacts.type !== 'NO_ARTIFACTS',
    },
    environmentOverrides: input.environmentVariablesOverride ?? [],
    runner: chooseRunner({ ...input.runner, projectImage: image, imageMap: input.runner.imageMap ?? {} }),
    initiator: input.initiator,
    sourceVersion: input.sourceVersion,
    resolvedSourceVersion: input.resolvedSourceVersion,
    sourceRepoUrl: input.sourceRepoUrl,
    sourceNotes: input.sourceNotes,
    accountId: location.accountId,
    region: location.region,
  };
}

/**
 * A project's buildspec: inline YAML (it has a line break or a `version:` key), the ARN of an
 * object in a local bucket, or a path in the source (CodeBuild's ProjectSource.buildspec).
 */
function buildspecOf(text: string | undefined, buckets: ArtifactStore): BuildRequest['buildspec'] {
  if (text === undefined || text.trim() === '') return undefined;
  const s3 = /^arn:aws[\w-]*:s3:::([^/]+)\/(.+)$/.exec(text.trim());
  if (s3) {
    const [, bucket = '', key = ''] = s3;
    const body = buckets.hasBucket(bucket) ? buckets.getObject(bucket, key) : undefined;
    if (!body) throw new SlipwayError('BuildspecNotFound', `the project's buildspec ${text} names no object in a local bucket`, { hint: 'upload it to the local bucket, or give the buildspec inline or as a path' });
    return { inline: body.toString('utf8') };
  }
  return text.includes('\n') || /^version\s*:/.test(text.trim()) ? { inline: text } : { file: text };
}
