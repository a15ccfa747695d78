// The whole pipeline: source → CodeBuild (docker build, push to ECR) → optionally ECS, with an
// artifact bucket and least-privilege roles. The construct behind `slipway synth`, exported for
// CDK apps of one's own.
import { Aws, CfnCondition, Token } from 'aws-cdk-lib';
import { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import { Construct } from 'constructs';
import { ArtifactBucket } from './artifact-bucket.js';
import { ArtifactKey } from './artifact-key.js';
import { DEFAULTS } from './defaults.js';
import { ARTIFACT_OBJECTS_REASON, DockerBuildProject, type DockerBuildProjectProps } from './docker-build-project.js';
import { ECS_DEPLOY_WILDCARD_REASONS, ecsDeployStage, ecsDeployStatements, type EcsDeployProps } from './ecs-deploy.js';
import { ImageRepository, type ImageRepositoryProps } from './image-repository.js';
import type { PipelineSource, SourceBinding } from './pipeline-source.js';
import { allow } from './policy-statement.js';
import { ServiceRole } from './service-role.js';
import { sourceActionProperty, triggerProperties } from './source-declarations.js';

/** How the build runs: the build project's own settings, each documented (with its default) there. */
export type DockerBuildOptions = Pick<
  DockerBuildProjectProps,
  'buildspec' | 'inlineBuildspec' | 'computeType' | 'buildImage' | 'timeoutMinutes' | 'environment' | 'logRetentionDays'
> & {
  /**
   * `name` in imagedefinitions.json (the ECS container to update).
   * @default - the pipeline's `name`
   */
  readonly containerName?: string;
};

/** Where artifacts are kept. */
export interface ArtifactStoreOptions {
  /**
   * An existing (shared) bucket. See {@link ArtifactBucketProps.existingBucketName}.
   * @default - the stack creates a bucket
   */
  readonly bucketName?: string;
  /**
   * Create the bucket only when this condition holds.
   * @default - decided by `bucketName`
   */
  readonly createBucketCondition?: CfnCondition;
  /**
   * Objects in a created bucket expire this many days after they were written.
   * @default 30
   */
  readonly expireAfterDays?: number;
  /**
   * `KMS`: the stack creates a customer managed key (billed monthly) for artifacts.
   * @default 'S3_MANAGED'
   */
  readonly encryption?: 'S3_MANAGED' | 'KMS';
}

/** Props of {@link DockerImagePipeline}. */
export interface DockerImagePipelineProps {
  /**
   * Prefix of every resource name: the pipeline is `<name>`, the build project `<name>-build`,
   * its log group `/aws/codebuild/<name>-build`.
   */
  readonly name: string;
  /** Where the code comes from: ConnectionSource, GitHubSource, CodeCommitSource or EitherSource. */
  readonly source: PipelineSource;
  /**
   * The ECR repository.
   * @default - a repository named `name`, with ImageRepository's defaults
   */
  readonly repository?: Partial<ImageRepositoryProps>;
  /**
   * How the image is built.
   * @default - DockerBuildOptions' defaults
   */
  readonly build?: DockerBuildOptions;
  /**
   * How executions that overlap are handled (V2 pipelines).
   * @default 'QUEUED'
   */
  readonly executionMode?: 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';
  /**
   * Where artifacts are kept.
   * @default - a bucket created by the stack, with S3-managed encryption
   */
  readonly artifacts?: ArtifactStoreOptions;
  /**
   * An existing role for CodePipeline instead of the least-privilege one created here.
   * @default - a role is created
   */
  readonly pipelineRoleArn?: string;
  /**
   * An existing role for CodeBuild instead of the least-privilege one created here.
   * @default - a role is created
   */
  readonly buildRoleArn?: string;
  /**
   * Deploy each image to an ECS service.
   * @default - no Deploy stage
   */
  readonly ecsDeploy?: EcsDeployProps;
}

const SOURCE_ARTIFACT = 'SourceOutput';
const BUILD_ARTIFACT = 'BuildOutput';

// CodePipeline stores artifacts under `<first 20 characters of the pipeline name>/`.
const ARTIFACT_PREFIX_LENGTH = 20;

/** The pipeline's key prefix in its bucket; `''` (the whole bucket) for a deploy-time name, which cannot be cut. */
function artifactPrefix(name: string): string {
  return Token.isUnresolved(name) ? '' : name.slice(0, ARTIFACT_PREFIX_LENGTH);
}

/** A CodePipeline (V2) that builds a Docker image on every change and pushes it to ECR. */
export class DockerImagePipeline extends Construct {
  /** The ECR repository images are pushed to. */
  readonly repository: ImageRepository;
  /** The artifact bucket (created or shared). */
  readonly artifactBucket: ArtifactBucket;
  /** The CodeBuild project that builds and pushes the image. */
  readonly buildProject: DockerBuildProject;
  /** CodePipeline's service role (or the existing one given). */
  readonly pipelineRole: ServiceRole;
  /** The AWS::CodePipeline::Pipeline, for escape hatches. */
  readonly pipeline: CfnPipeline;
  /** The pipeline's name (a reference to it). */
  readonly pipelineName: string;
  /** The URL GitHub delivers to, when the source has a webhook. */
  readonly webhookUrl: string | undefined;
  /** The connection the source uses, when it uses one. */
  readonly connectionArn: string | undefined;

  constructor(scope: Construct, id: string, props: DockerImagePipelineProps) {
    super(scope, id);
    const artifacts = props.artifacts ?? {};
    this.repository = new ImageRepository(this, 'Repository', { ...props.repository, repositoryName: props.repository?.repositoryName ?? props.name });
    const key = (artifacts.encryption ?? DEFAULTS.artifactEncryption) === 'KMS' ? new ArtifactKey(this, 'ArtifactKey', { description: `Artifacts of pipeline ${props.name}` }) : undefined;
    this.artifactBucket = new ArtifactBucket(this, 'ArtifactStore', {
      existingBucketName: artifacts.bucketName,
      createCondition: artifacts.createBucketCondition,
      expireAfterDays: artifacts.expireAfterDays,
      encryptionKeyArn: key?.keyArn,
    });
    const objectsArn = this.artifactBucket.objectsArn(artifactPrefix(props.name));
    this.buildProject = new DockerBuildProject(this, 'BuildProject', {
      ...props.build,
      projectName: `${props.name}-build`,
      repository: this.repository,
      artifactBucketArn: this.artifactBucket.bucketArn,
      artifactObjectsArn: objectsArn,
      containerName: props.build?.containerName ?? props.name,
      encryptionKeyArn: key?.keyArn,
      encryptionKeyStatement: key?.useStatement(),
      roleArn: props.buildRoleArn,
    });
    this.pipelineRole = new ServiceRole(this, 'PipelineRole', { servicePrincipal: 'codepipeline.amazonaws.com', policyName: 'pipeline', existingRoleArn: props.pipelineRoleArn });
    const source = props.source.bind(this, { actionName: 'Source', outputArtifactName: SOURCE_ARTIFACT, name: props.name });
    this.pipeline = this.createPipeline(props, source, key);
    this.pipelineName = this.pipeline.ref;
    this.grantPipelineRole(props, source, objectsArn, key);
    const pipelineArn = `arn:${Aws.PARTITION}:codepipeline:${Aws.REGION}:${Aws.ACCOUNT_ID}:${this.pipeline.ref}`;
    this.webhookUrl = source.attach({ pipeline: this.pipeline, pipelineName: this.pipeline.ref, pipelineArn }).webhookUrl;
    this.connectionArn = source.connectionArn;
  }

  /** The V2 pipeline: Source → Build (→ Deploy). */
  private createPipeline(props: DockerImagePipelineProps, source: SourceBinding, key: ArtifactKey | undefined): CfnPipeline {
    return new CfnPipeline(this, 'Pipeline', {
      name: props.name,
      pipelineType: 'V2',
      executionMode: props.executionMode ?? DEFAULTS.executionMode,
      roleArn: this.pipelineRole.roleArn,
      artifactStore: { type: 'S3', location: this.artifactBucket.bucketName, encryptionKey: key ? { id: key.keyArn, type: 'KMS' } : undefined },
      stages: [
        { name: 'Source', actions: [sourceActionProperty(source.action)] },
        { name: 'Build', actions: [this.buildAction()] },
        ...(props.ecsDeploy ? [ecsDeployStage(props.ecsDeploy, BUILD_ARTIFACT)] : []),
      ],
      triggers: triggerProperties(source.triggers),
      restartExecutionOnUpdate: false,
    });
  }

  /** The pipeline role's whole policy: start this build, use these artifacts, run the source and deploy actions. */
  private grantPipelineRole(props: DockerImagePipelineProps, source: SourceBinding, objectsArn: string, key: ArtifactKey | undefined): void {
    this.pipelineRole.addStatements(
      allow('StartBuild', ['codebuild:BatchGetBuilds', 'codebuild:StartBuild'], this.buildProject.projectArn),
      // The artifact permissions of CodePipeline's own service role policy, on this bucket only.
      allow('ArtifactObjects', ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], objectsArn),
      allow('ArtifactBucket', ['s3:GetBucketLocation', 's3:GetBucketVersioning'], this.artifactBucket.bucketArn),
      ...(key ? [key.useStatement()] : []),
      ...source.pipelineRoleStatements,
      ...(props.ecsDeploy ? ecsDeployStatements(props.ecsDeploy) : []),
    );
    this.pipelineRole.explainWildcards({ ArtifactObjects: ARTIFACT_OBJECTS_REASON, ...(props.ecsDeploy ? ECS_DEPLOY_WILDCARD_REASONS : {}) });
  }

  /** The build action: its `Build` namespace exports the buildspec's IMAGE_TAG and IMAGE_URI. */
  private buildAction(): CfnPipeline.ActionDeclarationProperty {
    return {
      name: 'Build',
      actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
      configuration: { ProjectName: this.buildProject.projectName },
      inputArtifacts: [{ name: SOURCE_ARTIFACT }],
      outputArtifacts: [{ name: BUILD_ARTIFACT }],
      namespace: 'Build',
      runOrder: 1,
    };
  }
}
