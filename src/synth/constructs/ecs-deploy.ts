// The optional Deploy stage: CodePipeline's ECS standard deployment reads imagedefinitions.json
// from the build output and rolls the service to a new task definition revision with that image.
import { Aws } from 'aws-cdk-lib';
import type { CfnPipeline } from 'aws-cdk-lib/aws-codepipeline';
import { DEFAULTS } from './defaults.js';
import { allow, type PolicyStatement } from './policy-statement.js';

/** Where the pipeline deploys the image. */
export interface EcsDeployProps {
  /** The ECS cluster's name (or ARN). */
  readonly cluster: string;
  /** The ECS service's name. */
  readonly service: string;
  /**
   * The image definitions file in the build output.
   * @default 'imagedefinitions.json'
   */
  readonly fileName?: string;
}

/** The Deploy stage, reading the build action's output artifact. */
export function ecsDeployStage(props: EcsDeployProps, inputArtifactName: string): CfnPipeline.StageDeclarationProperty {
  return {
    name: 'Deploy',
    actions: [
      {
        name: 'Deploy',
        actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'ECS', version: '1' },
        configuration: { ClusterName: props.cluster, ServiceName: props.service, FileName: props.fileName ?? DEFAULTS.imageDefinitionsFile },
        inputArtifacts: [{ name: inputArtifactName }],
        runOrder: 1,
      },
    ],
  };
}

/**
 * The pipeline role's permissions for the ECS standard deployment (CodePipeline user guide,
 * "Amazon ECS standard deploy action", service role permissions), scoped as far as ECS allows:
 * the service itself; tasks and task definitions where ECS has resource-level permissions;
 * `*` only for the calls that have none.
 */
export function ecsDeployStatements(props: EcsDeployProps): PolicyStatement[] {
  const cluster = clusterName(props.cluster);
  const ecsArn = (resource: string) => `arn:${Aws.PARTITION}:ecs:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
  return [
    allow('EcsService', ['ecs:DescribeServices', 'ecs:UpdateService'], ecsArn(`service/${cluster}/${props.service}`)),
    allow('EcsTasks', ['ecs:DescribeTasks'], ecsArn(`task/${cluster}/*`)),
    allow('EcsTaskDefinitionTags', ['ecs:TagResource'], ecsArn('task-definition/*')),
    // RegisterTaskDefinition, DescribeTaskDefinition and ListTasks take no resource ARN
    // (Service Authorization Reference, Amazon ECS).
    allow('EcsTaskDefinitions', ['ecs:DescribeTaskDefinition', 'ecs:ListTasks', 'ecs:RegisterTaskDefinition'], '*'),
    // The new revision carries the service's task and execution roles; they can only be handed
    // to ECS tasks, and only roles of this account.
    allow('PassTaskRoles', ['iam:PassRole'], `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/*`, {
      StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
    }),
  ];
}

/** Why each wildcard of the ECS deploy statements is needed, by statement id. */
export const ECS_DEPLOY_WILDCARD_REASONS: Record<string, string> = {
  EcsTasks: "Task ARNs end in random ids; the deploy action watches the new tasks of the target cluster only.",
  EcsTaskDefinitionTags:
    "The deploy action registers a new revision of the service's task definition, whose family the template does not know; ecs:TagResource only copies the revision's tags onto it.",
  EcsTaskDefinitions: 'ecs:RegisterTaskDefinition, ecs:DescribeTaskDefinition and ecs:ListTasks have no resource-level permissions (Service Authorization Reference, Amazon ECS).',
  PassTaskRoles:
    "The new revision keeps the service's task and execution roles, which the template does not know. iam:PassedToService limits passing to ECS tasks, and only roles of this account can be passed.",
};

/** The cluster's name, also when it is given as an ARN (`arn:...:cluster/<name>`). */
function clusterName(cluster: string): string {
  const match = /:cluster\/(.+)$/.exec(cluster);
  return match?.[1] ?? cluster;
}
