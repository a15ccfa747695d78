// Which action providers slipway runs locally, and the runner of each: every other provider's
// action fails with a message naming it (execution-runner.ts).
import type { ActionRunner } from './action-run.js';
import { runManualApproval } from './approval-action.js';
import { runCloudFormationAction } from './cloudformation-action.js';
import { runCodeBuildAction } from './codebuild-action.js';
import { runCommandsAction } from './commands-action.js';
import { runEcrSource } from './ecr-source-action.js';
import type { ActionDeclaration } from './model.js';
import { runS3Deploy } from './s3-deploy-action.js';
import { runS3Source } from './s3-source-action.js';
import { runGitSource } from './source-action.js';

/** The Git source providers: GitHub version 1, connections, CodeCommit. */
export const GIT_SOURCES = new Set(['GitHub', 'CodeStarSourceConnection', 'CodeCommit']);

/** The providers slipway runs, as a failed action's message names them. */
export const LOCAL_PROVIDERS = 'Git, S3 and ECR sources, CodeBuild, Commands, CloudFormation and S3 deploy, manual approvals';

/** Runners by `Category/Owner/Provider` (CodePipeline's "Valid action types and providers"). */
const RUNNERS: Record<string, ActionRunner> = {
  'Source/AWS/S3': runS3Source,
  'Source/AWS/ECR': runEcrSource,
  'Build/AWS/CodeBuild': runCodeBuildAction,
  'Test/AWS/CodeBuild': runCodeBuildAction,
  'Compute/AWS/Commands': runCommandsAction,
  'Deploy/AWS/CloudFormation': runCloudFormationAction,
  'Deploy/AWS/S3': runS3Deploy,
  'Approval/AWS/Manual': runManualApproval,
};

/** The runner of an action's provider, or undefined when slipway does not run that provider. */
export function runnerOf(action: ActionDeclaration): ActionRunner | undefined {
  const { category, owner, provider } = action.actionTypeId;
  if (category === 'Source' && GIT_SOURCES.has(provider)) return runGitSource;
  return RUNNERS[`${category}/${owner}/${provider}`];
}
