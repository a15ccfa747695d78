// Where each part of the local account keeps its files inside the home folder. This is the one
// place that knows the layout: commands and services are handed these paths, never join them.
import { join, resolve } from 'node:path';

/** Every path of one home. */
export interface AccountLayout {
  home: string;
  /** The state database: stacks, builds, parameters, pipelines, settings. */
  database: string;
  /** The registry's data folder (its own registry.db, blobs and uploads). */
  registry: string;
  /** Local S3 buckets. */
  buckets: string;
  /** Bare Git repositories of local CodeCommit repositories. */
  codecommit: string;
  /** Per-project CodeBuild files: artifacts, caches. */
  codebuild: string;
  /** CodeBuild image → local image (`{"aws/codebuild/standard:7.0": "my/image"}`), optional. */
  imageMap: string;
  /** SSM parameters and secrets read from a file, layered over the account's store, optional. */
  parametersFile: string;
  /** Mirrors of source repositories given by URL. */
  sourceMirrors: string;
  /** Folders pipeline actions work in while they run. */
  pipelineWork: string;
}

/** The layout of the home at `home`. */
export function accountLayout(home: string): AccountLayout {
  const root = resolve(home);
  return {
    home: root,
    database: join(root, 'slipway.db'),
    registry: join(root, 'registry'),
    buckets: join(root, 'artifacts'),
    codecommit: join(root, 'codecommit'),
    codebuild: join(root, 'codebuild'),
    imageMap: join(root, 'codebuild', 'images.json'),
    parametersFile: join(root, 'parameters.json'),
    sourceMirrors: join(root, 'sources'),
    pipelineWork: join(root, 'pipelines', 'work'),
  };
}
