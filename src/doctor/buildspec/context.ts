// What a buildspec is checked against: the stack slipway.yml describes. The template's CodeBuild
// project passes REPOSITORY_URI, IMAGE_REPO_NAME, CONTAINER_NAME and AWS_ACCOUNT_ID (see
// src/synth/constructs/docker-build-project.ts) and its Build action declares an output artifact.
import { DEFAULT_BUILD_IMAGE, type SlipwayConfig } from '../../config/index.js';

/** The facts of the stack a buildspec runs in; unknown ones are left out and not compared. */
export interface BuildspecContext {
  /** The ECR repository the template creates: REPOSITORY_URI ends in it. */
  repositoryName?: string;
  /** The 12-digit account, when slipway.yml names one (an existing role or connection ARN). */
  account?: string;
  /** The region slipway deploys to, when it is known. */
  region?: string;
  /** The container name the template passes as CONTAINER_NAME (image.containerName). */
  containerName?: string;
  /** The project's Environment.Image, which decides what `runtime-versions` may name. */
  buildImage: string;
  /** The file the ECS deploy action reads from the build output, when slipway.yml deploys to ECS. */
  ecsFileName?: string;
  /** slipway's Build action always declares an output artifact (BuildOutput). */
  expectsOutputArtifact: boolean;
}

/** The context without slipway.yml: slipway's defaults, nothing account-specific. */
export const DEFAULT_BUILDSPEC_CONTEXT: BuildspecContext = { buildImage: DEFAULT_BUILD_IMAGE, expectsOutputArtifact: true };

const ACCOUNT_IN_ARN = /^arn:[^:]+:[^:]+:([a-z0-9-]*):(\d{12}):/;

/** The context of the stack a validated slipway.yml describes; `region` is where deploy would go. */
export function contextFromConfig(config: SlipwayConfig, region?: string): BuildspecContext {
  const arns = [config.source.connectionArn, config.roles.pipeline, config.roles.build].filter((arn): arn is string => arn !== undefined);
  const account = arns.map((arn) => ACCOUNT_IN_ARN.exec(arn)?.[2]).find(Boolean);
  // A connection lives in the region of the pipeline that uses it.
  const connectionRegion = config.source.connectionArn ? ACCOUNT_IN_ARN.exec(config.source.connectionArn)?.[1] : undefined;
  return {
    repositoryName: config.image.repository,
    containerName: config.image.containerName,
    account,
    region: connectionRegion || region,
    buildImage: config.build.image,
    ecsFileName: config.deploy.ecs?.fileName,
    expectsOutputArtifact: true,
  };
}
