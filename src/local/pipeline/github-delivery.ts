// What a GitHub webhook delivery says, in the terms triggers read: `X-GitHub-Event: push` (a
// branch or tag moved: `ref`, `before`, `after`, the files of the pushed `commits`),
// `pull_request` (opened or reopened is OPEN, synchronize UPDATED, closed CLOSED, as CodePipeline's
// pull-request events are named; other actions start nothing), and `ping` (sent when a webhook is
// made). A push that deletes its ref (`after` all zeros) starts nothing.

/** A delivery, read. */
export type GitHubEvent =
  | { kind: 'ping' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'push'; repository: string; ref: string; before?: string; commit: string; files?: string[] }
  | { kind: 'pullRequest'; repository: string; event: 'OPEN' | 'UPDATED' | 'CLOSED'; targetBranch: string; baseCommit: string; commit: string; number?: number };

const PULL_REQUEST_EVENTS: Record<string, 'OPEN' | 'UPDATED' | 'CLOSED'> = { opened: 'OPEN', reopened: 'OPEN', synchronize: 'UPDATED', closed: 'CLOSED' };

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const string = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const ZERO = /^0+$/;

/** The files the pushed commits added, removed or modified, when the payload lists commits. */
function pushedFiles(commits: unknown): string[] | undefined {
  if (!Array.isArray(commits) || commits.length === 0) return undefined;
  const files = commits.flatMap((commit) => ['added', 'removed', 'modified'].flatMap((key) => {
    const list = record(commit)[key];
    return Array.isArray(list) ? list.map(String) : [];
  }));
  return [...new Set(files)];
}

/** Reads a delivery by its X-GitHub-Event header and its parsed JSON payload. */
export function readGitHubEvent(eventName: string | undefined, payload: unknown): GitHubEvent {
  const body = record(payload);
  const repository = string(record(body.repository).full_name) ?? '';
  if (eventName === 'ping') return { kind: 'ping' };
  if (eventName === 'push') {
    const ref = string(body.ref);
    const after = string(body.after);
    if (!ref || !after) return { kind: 'ignored', reason: 'the push names no ref or no after commit' };
    if (ZERO.test(after) || body.deleted === true) return { kind: 'ignored', reason: `the push deletes ${ref}` };
    const before = string(body.before);
    return { kind: 'push', repository, ref, before: before && !ZERO.test(before) ? before : undefined, commit: after, files: pushedFiles(body.commits) };
  }
  if (eventName === 'pull_request') {
    const action = string(body.action) ?? '';
    const event = PULL_REQUEST_EVENTS[action];
    if (!event) return { kind: 'ignored', reason: `pull request action '${action}' is not one of CodePipeline's events (OPEN, UPDATED, CLOSED)` };
    const pull = record(body.pull_request);
    const base = record(pull.base);
    const head = record(pull.head);
    const targetBranch = string(base.ref);
    const commit = string(head.sha);
    if (!targetBranch || !commit) return { kind: 'ignored', reason: 'the pull request names no base ref or no head sha' };
    return { kind: 'pullRequest', repository, event, targetBranch, baseCommit: string(base.sha) ?? targetBranch, commit, number: typeof body.number === 'number' ? body.number : undefined };
  }
  return { kind: 'ignored', reason: `'${eventName ?? 'no'}' events start nothing` };
}
