// The account's CodeCommit repositories: bare Git repositories under `<home>/codecommit/`, which
// can be pushed to (their clone URL is a file:// URL) and which the pipeline engine watches, with
// their records (CreateRepository, UpdateRepositoryName, DeleteRepository, GetRepository).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import { RecordTable, recordTableSql, type Migration, type StateDatabase } from '../state/index.js';

const run = promisify(execFile);

/** A repository (RepositoryMetadata) and where it is on disk. */
export interface CodeCommitRepository {
  repositoryName: string;
  repositoryId: string;
  arn: string;
  /** Absolute path of the bare repository. */
  path: string;
  cloneUrlHttp: string;
  triggers: unknown[];
}

/** The repositories table. */
export const CODECOMMIT_MIGRATIONS: Migration[] = [{ id: 'codecommit-0001-repositories', sql: recordTableSql('codecommit_repositories') }];

/** CodeCommit repositories of one account. */
export class CodeCommitRepositories {
  private readonly table: RecordTable<CodeCommitRepository>;

  constructor(db: StateDatabase, private readonly root: string) {
    this.table = new RecordTable(db, 'codecommit_repositories');
  }

  /** Where a repository of this name lives (its clone URL is this folder's file:// URL). */
  pathOf(name: string): string {
    return join(this.root, `${name}.git`);
  }

  /** The clone URL of a repository of this name. */
  cloneUrlOf(name: string): string {
    return pathToFileURL(this.pathOf(name)).href;
  }

  /** CreateRepository: a new bare repository; a taken name fails with RepositoryNameExistsException. */
  async create(record: Omit<CodeCommitRepository, 'path' | 'cloneUrlHttp'>): Promise<CodeCommitRepository> {
    const repository = { ...record, path: this.pathOf(record.repositoryName), cloneUrlHttp: this.cloneUrlOf(record.repositoryName) };
    if (existsSync(repository.path) || !this.table.insert(repository.repositoryName, repository)) {
      throw new SlipwayError('RepositoryNameExistsException', `Repository named ${repository.repositoryName} already exists`, { kind: 'failed' });
    }
    mkdirSync(repository.path, { recursive: true });
    await run('git', ['init', '--bare', '--quiet', '--initial-branch=main', repository.path]);
    return repository;
  }

  /** Changes what is recorded of a repository (triggers), keeping its Git data. */
  update(repository: CodeCommitRepository): void {
    this.table.put(repository.repositoryName, repository);
  }

  /** UpdateRepositoryName: the repository, its id and its history stay; its name and folder change. */
  rename(from: string, to: string): CodeCommitRepository {
    const existing = this.table.get(from);
    if (!existing) throw new SlipwayError('RepositoryDoesNotExistException', `${from} does not exist`, { kind: 'failed' });
    renameSync(existing.path, this.pathOf(to));
    const renamed = { ...existing, repositoryName: to, path: this.pathOf(to), cloneUrlHttp: this.cloneUrlOf(to) };
    this.table.delete(from);
    this.table.put(to, renamed);
    return renamed;
  }

  /** DeleteRepository, with its Git data; deleting a missing repository is not an error. */
  delete(name: string): void {
    rmSync(this.pathOf(name), { recursive: true, force: true });
    this.table.delete(name);
  }

  get(name: string): CodeCommitRepository | undefined {
    return this.table.get(name);
  }

  list(): CodeCommitRepository[] {
    return this.table.list();
  }
}
