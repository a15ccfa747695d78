// Source from an AWS CodeCommit repository in the stack's own account and region.
import { Aws, CfnResource } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { DEFAULTS } from './defaults.js';
import { allow } from './policy-statement.js';
import type { PipelineSource, PipelineTarget, SourceBindOptions, SourceBinding } from './pipeline-source.js';
import { ServiceRole } from './service-role.js';

/** Props of {@link CodeCommitSource}. */
export interface CodeCommitSourceProps {
  /** The CodeCommit repository's name. */
  readonly repository: string;
  /**
   * The branch to build.
   * @default 'main'
   */
  readonly branch?: string;
  /**
   * `webhook`: an EventBridge rule starts the pipeline on each push to the branch; `polling`:
   * CodePipeline polls the branch; `none`: manual starts only.
   * @default 'webhook'
   */
  readonly trigger?: 'webhook' | 'polling' | 'none';
}

/** A CodeCommit source action, started by an EventBridge rule or by polling. */
export class CodeCommitSource implements PipelineSource {
  constructor(private readonly props: CodeCommitSourceProps) {}

  bind(scope: Construct, options: SourceBindOptions): SourceBinding {
    const branch = this.props.branch ?? DEFAULTS.branch;
    const trigger = this.props.trigger ?? DEFAULTS.trigger;
    const repositoryArn = `arn:${Aws.PARTITION}:codecommit:${Aws.REGION}:${Aws.ACCOUNT_ID}:${this.props.repository}`;
    return {
      action: {
        Name: options.actionName,
        ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' },
        Configuration: {
          RepositoryName: this.props.repository,
          BranchName: branch,
          OutputArtifactFormat: 'CODE_ZIP',
          // The event rule replaces polling; leaving both on would start every change twice.
          PollForSourceChanges: trigger === 'polling',
        },
        OutputArtifacts: [{ Name: options.outputArtifactName }],
        RunOrder: 1,
      },
      // The CodeCommit action's permissions (CodePipeline user guide, "CodeCommit source action reference").
      pipelineRoleStatements: [
        allow(
          'CodeCommitSource',
          ['codecommit:CancelUploadArchive', 'codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetRepository', 'codecommit:GetUploadArchiveStatus', 'codecommit:UploadArchive'],
          repositoryArn,
        ),
      ],
      attach: (target) => {
        if (trigger === 'webhook') createEventRule(scope, options, target, repositoryArn, branch);
        return {};
      },
    };
  }
}

/** The rule CodePipeline's console creates for CodeCommit: a push that creates or moves the branch. */
function createEventRule(scope: Construct, options: SourceBindOptions, target: PipelineTarget, repositoryArn: string, branch: string): void {
  const role = new ServiceRole(scope, 'SourceEventRole', { servicePrincipal: 'events.amazonaws.com', policyName: 'start-pipeline', condition: options.condition });
  role.addStatements(allow('StartPipeline', ['codepipeline:StartPipelineExecution'], target.pipelineArn));
  const rule = new CfnRule(scope, 'SourceEventRule', {
    description: `Starts the pipeline on pushes to ${branch}`,
    eventPattern: {
      source: ['aws.codecommit'],
      'detail-type': ['CodeCommit Repository State Change'],
      resources: [repositoryArn],
      detail: { event: ['referenceCreated', 'referenceUpdated'], referenceType: ['branch'], referenceName: [branch] },
    },
    state: 'ENABLED',
    targets: [{ id: 'Pipeline', arn: target.pipelineArn, roleArn: role.roleArn }],
  });
  if (options.condition) (rule as CfnResource).cfnOptions.condition = options.condition;
}
