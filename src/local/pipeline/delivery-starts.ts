// What a push or pull-request delivery starts in one source action: with a V2 trigger, what its
// filters let through (WebhookV2); without one, a push to the action's own branch (Webhook). The
// delivered commit must be in the local repository mapped to the source (a URL is fetched first).
// A commit an execution was already started for — by the watched repository, a hook, or an
// earlier delivery — is not started again: locally the same push is often seen twice.
import type { PipelineEngine } from './engine.js';
import type { GitEvent } from './git-triggers.js';
import { gitConfigurationOf, triggerMatches } from './git-triggers.js';
import { readableCopy } from './git-repository.js';
import type { ActionDeclaration, PipelineDeclaration } from './model.js';
import { RefPositions } from './ref-positions.js';
import { changedFiles, hasCommit, pullRequestFiles } from './repository-refs.js';
import type { WatchedAccount } from './source-watch.js';
import type { GitHubEvent } from './github-delivery.js';

/** What a delivery did for one source action. */
export type StartOutcome = { pipeline: string; action: string } & ({ started: true; pipelineExecutionId: string } | { started: false; reason: string });

/** A push or pull-request delivery. */
export type GitDelivery = Extract<GitHubEvent, { kind: 'push' | 'pullRequest' }>;

/** What starting needs. */
export interface DeliveryContext {
  engine: PipelineEngine;
  account: WatchedAccount;
}

/** Starts what `delivery` starts in the action (source actions of the first stage only). */
export async function startForDelivery(
  ctx: DeliveryContext, pipeline: PipelineDeclaration, action: ActionDeclaration, delivery: GitDelivery,
): Promise<StartOutcome> {
  const names = { pipeline: pipeline.name, action: action.name };
  const not = (reason: string): StartOutcome => ({ ...names, started: false, reason });
  const repository = ctx.account.sources.locate(action);
  const folder = await readableCopy(repository.location, ctx.account.sources.mirrorOf(repository.name));
  if (!(await hasCommit(folder, delivery.commit))) return not(`commit ${delivery.commit} is not in ${repository.location}, the repository mapped to ${repository.name}; push it there first`);
  const git = gitConfigurationOf(pipeline, action.name);
  const start = async (triggerType: 'Webhook' | 'WebhookV2', detail: string) =>
    ({ ...names, started: true as const, pipelineExecutionId: (await ctx.engine.start(
      pipeline.name, { trigger: { triggerType, triggerDetail: detail }, revisions: { [action.name]: delivery.commit } },
    )).pipelineExecutionId });
  if (!git) {
    const branch = String(action.configuration.Branch ?? action.configuration.BranchName);
    if (delivery.kind !== 'push' || delivery.ref !== `refs/heads/${branch}`) return not(`only a push to ${branch} starts it (it has no V2 trigger)`);
    if (ctx.account.executions.position(pipeline.name, action.name) === delivery.commit) return not(`an execution was already started for ${delivery.commit}`);
    return start('Webhook', `${action.name}@${delivery.commit}`);
  }
  const event = await gitEventOf(folder, delivery);
  const match = triggerMatches(git, event);
  if (!match.matched) return not(match.reason);
  if (delivery.kind === 'push') {
    const positions = new RefPositions(ctx.account.db);
    const known = positions.get(pipeline.name, action.name);
    const already = known?.get(delivery.ref) === delivery.commit || (known && !positions.claim(
      pipeline.name, action.name, delivery.ref, known.get(delivery.ref), delivery.commit,
    ));
    if (already) return not(`an execution was already started for ${delivery.commit} (${delivery.ref})`);
  }
  const what = delivery.kind === 'push' ? delivery.ref : `pull request${delivery.number === undefined ? '' : ` #${delivery.number}`} ${delivery.event} into ${delivery.targetBranch}`;
  return start('WebhookV2', `${action.name}@${delivery.commit} (${what})`);
}

/** The delivery as the trigger filters read it, with its changed files (from the payload, else from git). */
async function gitEventOf(folder: string, delivery: GitDelivery): Promise<GitEvent> {
  if (delivery.kind === 'push') {
    return { kind: 'push', ref: delivery.ref, commit: delivery.commit, files: delivery.files ?? (await changedFiles(folder, delivery.commit, delivery.before)) };
  }
  return { kind: 'pullRequest', event: delivery.event, targetBranch: delivery.targetBranch, commit: delivery.commit, files: await pullRequestFiles(folder, delivery.baseCommit, delivery.commit) };
}
