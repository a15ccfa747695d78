// The CodeBuild project that builds the Docker image and pushes it to ECR, with its log group and
// a role that may touch only this project's repository, log group and artifacts.
import { Aws, CfnDeletionPolicy } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SlipwayError } from '../../errors.js';
import { BUILD_ENVIRONMENT_VARIABLES } from '../../config/build-variables.js';
import { DEFAULTS } from './defaults.js';
import { acknowledgeNagFinding } from './nag-acknowledgements.js';
import { allow, type PolicyStatement } from './policy-statement.js';
import { ServiceRole } from './service-role.js';

/** The repository the project pushes to. */
export interface PushTarget {
  /** Set as IMAGE_REPO_NAME. */
  readonly repositoryName: string;
  /** The only repository the role may push to. */
  readonly repositoryArn: string;
  /** Set as REPOSITORY_URI. */
  readonly repositoryUri: string;
}

/** Props of {@link DockerBuildProject}. */
export interface DockerBuildProjectProps {
  /** The project name; its log group is `/aws/codebuild/<projectName>`. */
  readonly projectName: string;
  /** The ECR repository the build pushes to. */
  readonly repository: PushTarget;
  /** The artifact bucket's ARN (for the bucket-level permissions CodeBuild uses). */
  readonly artifactBucketArn: string;
  /** The ARN pattern of the pipeline's artifact objects, e.g. `arn:aws:s3:::bucket/prefix/*`. */
  readonly artifactObjectsArn: string;
  /** `name` in imagedefinitions.json: the ECS container to update. */
  readonly containerName: string;
  /**
   * Buildspec path in the source. Ignored when `inlineBuildspec` is set.
   * @default 'buildspec.yml'
   */
  readonly buildspec?: string;
  /**
   * Buildspec YAML carried in the template instead of read from the source.
   * @default - the buildspec file is read from the source
   */
  readonly inlineBuildspec?: string;
  /**
   * CodeBuild compute type.
   * @default 'BUILD_GENERAL1_SMALL'
   */
  readonly computeType?: string;
  /**
   * CodeBuild image the build runs in.
   * @default 'aws/codebuild/standard:7.0'
   */
  readonly buildImage?: string;
  /**
   * Minutes before CodeBuild stops the build as TIMED_OUT (5 to 2160).
   * @default 30
   */
  readonly timeoutMinutes?: number;
  /**
   * Extra plaintext environment variables; the four that slipway sets may not be redefined.
   * @default {}
   */
  readonly environment?: Record<string, string>;
  /**
   * Days the build logs are kept (one of CloudWatch Logs' retention values).
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key for the build's output artifacts.
   * @default - CodeBuild's default, the AWS managed key for S3
   */
  readonly encryptionKeyArn?: string;
  /**
   * The statement that lets the role use `encryptionKeyArn`.
   * @default - none
   */
  readonly encryptionKeyStatement?: PolicyStatement;
  /**
   * An existing service role to use instead of the least-privilege one created here.
   * @default - a role is created
   */
  readonly roleArn?: string;
}

/** Why the artifact object ARNs of the build and pipeline roles end in a wildcard. */
export const ARTIFACT_OBJECTS_REASON =
  "CodePipeline stores each artifact under a random key below `<first 20 characters of the pipeline name>/` in its artifact bucket; the wildcard covers that prefix of this pipeline's own bucket only (the whole bucket when the pipeline name is a deploy-time parameter, as in the generic template).";

/** A privileged Linux CodeBuild project that runs `docker build` and pushes to one repository. */
export class DockerBuildProject extends Construct {
  /** The project's name (a reference to it). */
  readonly projectName: string;
  /** The project's ARN, for the pipeline role's StartBuild grant. */
  readonly projectArn: string;
  /** `/aws/codebuild/<projectName>`. */
  readonly logGroupName: string;
  /** The project's service role (or the existing one given). */
  readonly role: ServiceRole;
  /** The AWS::CodeBuild::Project, for escape hatches. */
  readonly resource: CfnProject;

  constructor(scope: Construct, id: string, props: DockerBuildProjectProps) {
    super(scope, id);
    const logs = new CfnLogGroup(this, 'Logs', {
      logGroupName: `/aws/codebuild/${props.projectName}`,
      retentionInDays: props.logRetentionDays ?? DEFAULTS.logRetentionDays,
    });
    // Deleted with the stack, said explicitly: a retained group would keep its name taken, and
    // creating the stack again would fail; the retention already bounds how long logs live.
    logs.cfnOptions.deletionPolicy = CfnDeletionPolicy.DELETE;
    logs.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.DELETE;
    this.role = new ServiceRole(this, 'Role', { servicePrincipal: 'codebuild.amazonaws.com', policyName: 'build', existingRoleArn: props.roleArn });
    this.role.addStatements(...buildStatements(props, logs.attrArn));
    this.role.explainWildcards({
      EcrLogin: 'ecr:GetAuthorizationToken has no resource-level permissions (Service Authorization Reference, Amazon ECR). The token only authenticates: every push and pull is still authorized by EcrPushPull, which names this one repository.',
      ArtifactObjects: ARTIFACT_OBJECTS_REASON,
    });
    this.resource = new CfnProject(this, 'Resource', {
      name: props.projectName,
      serviceRole: this.role.roleArn,
      source: { type: 'CODEPIPELINE', buildSpec: props.inlineBuildspec ?? props.buildspec ?? DEFAULTS.buildspec },
      artifacts: { type: 'CODEPIPELINE' },
      environment: {
        type: 'LINUX_CONTAINER',
        computeType: props.computeType ?? DEFAULTS.computeType,
        image: props.buildImage ?? DEFAULTS.buildImage,
        imagePullCredentialsType: 'CODEBUILD',
        // `docker build` needs the Docker daemon, which only runs in privileged mode
        // (CodeBuild API reference, ProjectEnvironment.privilegedMode).
        privilegedMode: true,
        environmentVariables: environmentVariables(props),
      },
      timeoutInMinutes: props.timeoutMinutes ?? DEFAULTS.timeoutMinutes,
      encryptionKey: props.encryptionKeyArn,
      logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: logs.ref } },
    });
    if (props.encryptionKeyArn === undefined) {
      acknowledgeNagFinding(
        this.resource,
        'AwsSolutions-CB4',
        'Build output (imagedefinitions.json: a container name and an image URI, no secrets) is encrypted at rest with the AWS managed key for S3, CodeBuild\'s default. A customer managed key is billed monthly; set artifacts.encryption: KMS to use one.',
      );
    }
    this.projectName = this.resource.ref;
    this.projectArn = this.resource.attrArn;
    this.logGroupName = logs.ref;
  }
}

/** The variables the generated buildspec reads, then the user's own. */
function environmentVariables(props: DockerBuildProjectProps): CfnProject.EnvironmentVariableProperty[] {
  const slipway: Record<(typeof BUILD_ENVIRONMENT_VARIABLES)[number], string> = {
    REPOSITORY_URI: props.repository.repositoryUri,
    IMAGE_REPO_NAME: props.repository.repositoryName,
    CONTAINER_NAME: props.containerName,
    AWS_ACCOUNT_ID: Aws.ACCOUNT_ID,
  };
  const extra = props.environment ?? {};
  const clash = Object.keys(extra).filter((name) => name in slipway);
  if (clash.length > 0) {
    throw new SlipwayError('ConstructPropsInvalid', `DockerBuildProject: environment may not redefine ${clash.join(', ')}, which the project sets itself`);
  }
  return Object.entries({ ...slipway, ...extra }).map(([name, value]) => ({ name, value, type: 'PLAINTEXT' }));
}

/** The build role's whole policy: log in to ECR, push to one repository, log, read/write artifacts. */
function buildStatements(props: DockerBuildProjectProps, logGroupArn: string): PolicyStatement[] {
  const statements = [
    // GetAuthorizationToken has no resource-level permissions (ECR user guide, "Private registry authentication").
    allow('EcrLogin', ['ecr:GetAuthorizationToken'], '*'),
    allow(
      'EcrPushPull',
      ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:CompleteLayerUpload', 'ecr:GetDownloadUrlForLayer', 'ecr:InitiateLayerUpload', 'ecr:PutImage', 'ecr:UploadLayerPart'],
      props.repository.repositoryArn,
    ),
    // The log group's Arn attribute ends in `:*`, which covers its log streams.
    allow('BuildLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], logGroupArn),
    allow('ArtifactObjects', ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], props.artifactObjectsArn),
    allow('ArtifactBucket', ['s3:GetBucketAcl', 's3:GetBucketLocation'], props.artifactBucketArn),
  ];
  if (props.encryptionKeyStatement) statements.push(props.encryptionKeyStatement);
  return statements;
}
