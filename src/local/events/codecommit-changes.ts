// Which refs of the local CodeCommit repositories changed since slipway last looked, kept in the
// home by repository id (a renamed repository keeps its refs): each change becomes CodeCommit's
// "Repository State Change" event, so a push made while slipway was down is announced when it
// starts, once. The first look at a repository takes its refs as they are.
import type { CodeCommitRepository } from '../codecommit/repositories.js';
import { listRefs } from '../pipeline/repository-refs.js';
import type { Migration, StateDatabase } from '../state/index.js';
import type { ReferenceChange } from './service-events.js';

/** The tables of what the account's event sources last saw. */
export const EVENT_SOURCE_MIGRATIONS: Migration[] = [
  {
    id: 'events-0001-source-states',
    sql: `CREATE TABLE events_codecommit_refs (repository_id TEXT NOT NULL, ref TEXT NOT NULL, revision TEXT NOT NULL, PRIMARY KEY (repository_id, ref));
      CREATE TABLE events_ecr_tags (repository TEXT NOT NULL, tag TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (repository, tag));`,
  },
];

// The row that says a repository (or the registry) was looked at.
const SEEN = '';

/** The recorded refs of CodeCommit repositories. */
export class CodeCommitRefStates {
  constructor(private readonly db: StateDatabase) {}

  /** The ref changes of `repository` since the last look, recorded as seen; none on the first look. */
  async changes(repository: CodeCommitRepository): Promise<ReferenceChange[]> {
    const refs = await listRefs(repository.path);
    const rows = this.db.prepare('SELECT ref, revision FROM events_codecommit_refs WHERE repository_id = ?').all(repository.repositoryId) as { ref: string; revision: string }[];
    const firstLook = rows.length === 0;
    const known = new Map(rows.filter((row) => row.ref !== SEEN).map((row) => [row.ref, row.revision]));
    const changes: ReferenceChange[] = [];
    const base = { repositoryName: repository.repositoryName, repositoryId: repository.repositoryId, arn: repository.arn };
    for (const [ref, commitId] of refs) if (known.get(ref) !== commitId) changes.push({ ...base, ref, commitId, oldCommitId: known.get(ref) });
    for (const [ref, oldCommitId] of known) if (!refs.has(ref)) changes.push({ ...base, ref, oldCommitId });
    const put = this.db.prepare('INSERT OR REPLACE INTO events_codecommit_refs VALUES (?, ?, ?)');
    this.db.transaction(() => {
      put.run(repository.repositoryId, SEEN, SEEN);
      for (const change of changes) {
        if (change.commitId === undefined) this.db.prepare('DELETE FROM events_codecommit_refs WHERE repository_id = ? AND ref = ?').run(repository.repositoryId, change.ref);
        else put.run(repository.repositoryId, change.ref, change.commitId);
      }
    })();
    return firstLook ? [] : changes;
  }
}
