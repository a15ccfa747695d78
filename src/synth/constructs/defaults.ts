// The constructs' defaults are slipway.yml's defaults, read from the schema that declares them,
// so a CDK app using DockerImagePipeline and a slipway.yml that leaves a key out get the same
// pipeline. The TSDoc @default of each prop repeats the value for readers.
import { CONFIG_SCHEMA, DEFAULT_BUILD_IMAGE } from '../../config/index.js';

const image = CONFIG_SCHEMA.shape.image.parse(undefined);
const build = CONFIG_SCHEMA.shape.build.parse(undefined);
const artifacts = CONFIG_SCHEMA.shape.artifacts.parse(undefined);
const pipeline = CONFIG_SCHEMA.shape.pipeline.parse(undefined);
const source = CONFIG_SCHEMA.shape.source.shape;

/** Every default the constructs apply, as slipway.yml states it. */
export const DEFAULTS = {
  tagMutability: image.tagMutability,
  scanOnPush: image.scanOnPush,
  expireUntaggedAfterDays: image.lifecycle.expireUntaggedAfterDays,
  keepLastTagged: image.lifecycle.keepLastTagged,
  buildspec: build.buildspec,
  computeType: build.computeType,
  buildImage: DEFAULT_BUILD_IMAGE,
  timeoutMinutes: build.timeoutMinutes,
  logRetentionDays: build.logRetentionDays,
  executionMode: pipeline.executionMode,
  artifactExpireAfterDays: artifacts.expireAfterDays,
  artifactEncryption: artifacts.encryption,
  branch: source.branch.parse(undefined),
  trigger: source.trigger.parse(undefined),
  connectionProvider: source.connectionProvider.parse(undefined),
  imageDefinitionsFile: 'imagedefinitions.json',
} as const;
