// Which action providers slipway runs locally, and the runner of each: every other provider's
// action fails with a message naming it (execution-runner.ts).
import type { ActionRunner } from './action-run.js';
import { runManualApproval } from './approval-action.js';
import { runCodeBuildAction } from './codebuild-action.js';
import type { ActionDeclaration } from './model.js';
import { runGitSource } from './source-action.js';

/** The Git source providers: GitHub version 1, connections, CodeCommit. */
export const GIT_SOURCES = new Set(['GitHub', 'CodeStarSourceConnection', 'CodeCommit']);

/** The runner of an action's provider, or undefined when slipway does not run that provider. */
export function runnerOf(action: ActionDeclaration): ActionRunner | undefined {
  const { category, provider } = action.actionTypeId;
  if (category === 'Source' && GIT_SOURCES.has(provider)) return runGitSource;
  if ((category === 'Build' || category === 'Test') && provider === 'CodeBuild') return runCodeBuildAction;
  if (category === 'Approval' && provider === 'Manual') return runManualApproval;
  return undefined;
}
