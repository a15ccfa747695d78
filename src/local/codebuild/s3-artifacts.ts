// A project whose Artifacts.Type is S3 puts its build output into a bucket (locally, a bucket of
// the artifact store): at `<path>/<build id if NamespaceType is BUILD_ID>/<name>`, as the zip
// itself when Packaging is ZIP, else as the files it holds (CodeBuild's default, NONE).
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { readZipEntries, type ArtifactStore } from '../artifacts/index.js';
import type { Build, BuildArtifact } from './build-result.js';
import type { ProjectArtifacts } from './projects.js';

/** Where one artifact went in the bucket. */
export interface UploadedArtifact {
  bucket: string;
  key: string;
  objects: number;
}

/** Uploads a build's primary and secondary artifacts to their projects' buckets. */
export async function uploadS3Artifacts(
  buckets: ArtifactStore, build: Build, primary: ProjectArtifacts, secondary: readonly ProjectArtifacts[],
): Promise<UploadedArtifact[]> {
  const uploads: UploadedArtifact[] = [];
  if (primary.type === 'S3' && build.artifacts) uploads.push(await upload(buckets, build, primary, build.artifacts, build.projectName));
  for (const artifact of build.secondaryArtifacts) {
    const settings = secondary.find((entry) => entry.artifactIdentifier === artifact.artifactIdentifier);
    if (settings?.type === 'S3') uploads.push(await upload(buckets, build, settings, artifact, artifact.artifactIdentifier ?? build.projectName));
  }
  return uploads;
}

async function upload(
  buckets: ArtifactStore, build: Build, settings: ProjectArtifacts, artifact: BuildArtifact, defaultName: string,
): Promise<UploadedArtifact> {
  const bucket = settings.location ?? '';
  const key = posix.join(settings.path ?? '', settings.namespaceType === 'BUILD_ID' ? build.id.split(':')[1]! : '', settings.name ?? defaultName);
  if (settings.packaging === 'ZIP') {
    buckets.putObject(bucket, key, await readFile(artifact.location));
    return { bucket, key, objects: 1 };
  }
  const entries = (await readZipEntries(artifact.location)).filter((entry) => !entry.symlink);
  for (const entry of entries) buckets.putObject(bucket, posix.join(key, entry.name), entry.content);
  return { bucket, key, objects: entries.length };
}
