// Whether a Git event starts a pipeline through its V2 trigger (CodePipeline's `Triggers`, for
// CodeStarSourceConnection sources only; aws-semantics §2, "V2 triggers"). A trigger's filters in
// a list are OR'd and the criteria inside one filter AND'd. A push filter names tags, or branches
// (optionally with file paths); a push to a branch is matched by branch filters, a pushed tag by
// tag filters. A pull-request filter matches the pull request's target branch, its event (OPEN,
// UPDATED, CLOSED; all three when Events is absent) and its changed files.
import { criteriaOf, passes, type GlobCriteria } from './trigger-globs.js';
import type { PipelineDeclaration } from './model.js';

/** What happened in the repository. `files` is undefined when the changed files are not known. */
export type GitEvent =
  | { kind: 'push'; ref: string; commit: string; files?: string[] }
  | { kind: 'pullRequest'; event: 'OPEN' | 'UPDATED' | 'CLOSED'; targetBranch: string; commit: string; files?: string[] };

/** The trigger's answer: whether it starts an execution, and which filter or why not. */
export interface TriggerMatch {
  matched: boolean;
  reason: string;
}

type Filter = Record<string, unknown>;

/** A field of the template's (PascalCase) or the API's (camelCase) shape. */
const field = (record: Filter, name: string): unknown => record[name] ?? record[name[0]!.toLowerCase() + name.slice(1)];
const filters = (record: Filter, name: string): Filter[] => {
  const found = field(record, name);
  return Array.isArray(found) ? found.filter((item): item is Filter => typeof item === 'object' && item !== null) : [];
};

/** The V2 trigger's git configuration naming this source action, if there is one. */
export function gitConfigurationOf(pipeline: PipelineDeclaration, actionName: string): Filter | undefined {
  return pipeline.triggers.map((trigger) => trigger.gitConfiguration).find((git) => field(git, 'SourceActionName') === actionName);
}

/** Whether the changed files pass a filter's FilePaths (a filter without FilePaths passes). */
function filesPass(criteria: GlobCriteria | undefined, files: string[] | undefined): string | undefined {
  if (!criteria) return undefined;
  if (!files) return 'the changed files are not known';
  return files.some((file) => passes(criteria, file)) ? undefined : `no changed file passes FilePaths (${files.length} changed)`;
}

function pushFilterRejects(filter: Filter, event: Extract<GitEvent, { kind: 'push' }>): string | undefined {
  const tag = event.ref.startsWith('refs/tags/') ? event.ref.slice('refs/tags/'.length) : undefined;
  const branch = event.ref.startsWith('refs/heads/') ? event.ref.slice('refs/heads/'.length) : undefined;
  const tags = criteriaOf(field(filter, 'Tags'));
  const branches = criteriaOf(field(filter, 'Branches'));
  if (tag !== undefined) return tags ? (passes(tags, tag) ? undefined : `tag ${tag} does not pass Tags`) : 'the filter has no Tags';
  if (branch === undefined) return `${event.ref} is neither a branch nor a tag`;
  if (tags && !branches) return 'the filter names tags only';
  if (branches && !passes(branches, branch)) return `branch ${branch} does not pass Branches`;
  return filesPass(criteriaOf(field(filter, 'FilePaths')), event.files);
}

function pullRequestFilterRejects(filter: Filter, event: Extract<GitEvent, { kind: 'pullRequest' }>): string | undefined {
  const events = field(filter, 'Events');
  if (Array.isArray(events) && !events.map(String).includes(event.event)) return `the pull request event ${event.event} is not in Events`;
  const branches = criteriaOf(field(filter, 'Branches'));
  if (branches && !passes(branches, event.targetBranch)) return `target branch ${event.targetBranch} does not pass Branches`;
  return filesPass(criteriaOf(field(filter, 'FilePaths')), event.files);
}

/** Whether the trigger's filters of the event's kind let it start an execution. */
export function triggerMatches(git: Filter, event: GitEvent): TriggerMatch {
  const list = filters(git, event.kind === 'push' ? 'Push' : 'PullRequest');
  if (list.length === 0) return { matched: false, reason: `the trigger has no ${event.kind === 'push' ? 'Push' : 'PullRequest'} filters` };
  const reasons: string[] = [];
  for (const [index, filter] of list.entries()) {
    const rejected = event.kind === 'push' ? pushFilterRejects(filter, event) : pullRequestFilterRejects(filter, event);
    if (rejected === undefined) return { matched: true, reason: `${event.kind === 'push' ? 'Push' : 'PullRequest'} filter ${index + 1} matches` };
    reasons.push(`filter ${index + 1}: ${rejected}`);
  }
  return { matched: false, reason: reasons.join('; ') };
}
