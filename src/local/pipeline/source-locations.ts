// Which local Git repository a source action reads: a GitHub `owner/repo` or a connection's
// FullRepositoryId is mapped to a folder or a URL (`slipway up --source OWNER/REPO=PATH_OR_URL`,
// or slipway.yml's `sources`), else to the Git repository `slipway up` runs in; a CodeCommit
// action reads the account's own bare repository.
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';
import type { CodeCommitRepositories } from '../codecommit/repositories.js';
import { RecordTable, recordTableSql, type Migration, type StateDatabase } from '../state/index.js';
import type { ActionDeclaration } from './model.js';

/** The table of repository mappings. */
export const SOURCE_MIGRATIONS: Migration[] = [{ id: 'pipeline-0003-sources', sql: recordTableSql('pipeline_sources') }];

/** Where a source action's repository is, and how the action names it. */
export interface SourceRepository {
  /** `owner/repo`, or the CodeCommit repository's name. */
  name: string;
  /** A folder git reads, or a URL to mirror. */
  location: string;
}

/** The account's repository mappings, and the repository used when none is mapped. */
export class SourceLocations {
  private readonly table: RecordTable<{ repository: string; location: string }>;

  constructor(
    db: StateDatabase,
    private readonly codecommit: Pick<CodeCommitRepositories, 'get'>,
    /** The Git repository `slipway up` (or `slipway start`) runs in, if any: set by the command. */
    public fallback: string | undefined,
    /** Where URLs are mirrored. */
    readonly mirrors: string,
  ) {
    this.table = new RecordTable(db, 'pipeline_sources');
  }

  /** Maps `owner/repo` to a folder or URL, for every later run. */
  map(repository: string, location: string): void {
    this.table.put(repository, { repository, location });
  }

  /** Every mapping. */
  list(): { repository: string; location: string }[] {
    return this.table.list();
  }

  /** The repository a source action reads; fails the action when there is none. */
  locate(action: ActionDeclaration): SourceRepository {
    const config = action.configuration;
    const provider = action.actionTypeId.provider;
    if (provider === 'CodeCommit') {
      const repository = this.codecommit.get(String(config.RepositoryName));
      if (!repository) throw new SlipwayError('RepositoryDoesNotExistException', `${String(config.RepositoryName)} does not exist: no local CodeCommit repository of that name`, { kind: 'failed' });
      return { name: repository.repositoryName, location: repository.path };
    }
    const name = provider === 'GitHub' ? `${String(config.Owner)}/${String(config.Repo)}` : String(config.FullRepositoryId);
    const location = this.table.get(name)?.location ?? this.fallback;
    if (!location) {
      throw new SlipwayError('SourceNotMapped', `no local Git repository is mapped to ${name}`, { kind: 'failed', hint: `run slipway up in that repository, or give --source ${name}=PATH_OR_URL` });
    }
    return { name, location };
  }

  /** The folder a URL is mirrored into. */
  mirrorOf(name: string): string {
    return join(this.mirrors, `${name.replace(/[^\w.-]/g, '_')}.git`);
  }
}
