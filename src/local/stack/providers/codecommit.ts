// AWS::CodeCommit::Repository becomes a bare Git repository under `<home>/codecommit/`, which can
// be pushed to (its CloneUrlHttp is a file:// URL) and which the local pipeline engine watches.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { arnOf, newId } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ProviderContext, ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

const run = promisify(execFile);

/** The configuration the local pipeline engine reads for each CodeCommit repository. */
export interface LocalCodeCommitRepository {
  repositoryName: string;
  repositoryId: string;
  arn: string;
  /** Absolute path of the bare repository. */
  path: string;
  cloneUrlHttp: string;
  triggers: unknown[];
}

/** Where a CodeCommit repository lives locally. */
export function codeCommitPath(home: string, name: string): string {
  return join(home, 'codecommit', `${name}.git`);
}

/** AWS::CodeCommit::Repository: Ref is the repository id; renaming happens in place (no replacement). */
export const codeCommitProvider: ResourceProvider = recordedProvider({
  type: 'AWS::CodeCommit::Repository',
  properties: RESOURCE_PROPERTY_NAMES['AWS::CodeCommit::Repository'],
  nameProperty: 'RepositoryName',
  maxNameLength: 100,
  replaceOn: [],
  validate(properties) {
    // Repository names: up to 100 characters of letters, digits, `.`, `_` and `-`; not ending in .git (CodeCommit quotas).
    return new PropertyChecks(properties).required('RepositoryName').pattern('RepositoryName', /^[\w.-]+$/, 1, 100)
      .when(String(properties.RepositoryName ?? '').endsWith('.git'), '#/RepositoryName: a repository name cannot end with .git')
      .when(properties.Code !== undefined, '#/Code: seeding a repository from an S3 zip (Code) is not emulated locally; push the initial commit instead').problems;
  },
  identity(ctx, name, _properties, previous) {
    const id = String(previous?.attributes.RepositoryId ?? previous?.physicalId ?? newId());
    return {
      physicalId: id,
      ref: id,
      attributes: {
        Arn: arnOf(ctx, 'codecommit', name), CloneUrlHttp: pathToFileURL(codeCommitPath(ctx.home, name)).href,
        CloneUrlSsh: pathToFileURL(codeCommitPath(ctx.home, name)).href, Name: name, RepositoryId: id,
      },
    };
  },
  config(ctx, name, properties, result): LocalCodeCommitRepository {
    return {
      repositoryName: name, repositoryId: result.ref, arn: String(result.attributes.Arn), path: codeCommitPath(ctx.home, name),
      cloneUrlHttp: String(result.attributes.CloneUrlHttp), triggers: (properties.Triggers as unknown[] | undefined) ?? [],
    };
  },
  afterCreate: async (ctx, name) => initBare(ctx, name),
  rename(ctx, from, to) {
    // UpdateRepositoryName keeps the repository and its id; only the name (and folder) change.
    renameSync(codeCommitPath(ctx.home, from), codeCommitPath(ctx.home, to));
  },
  beforeDelete(ctx, name) {
    rmSync(codeCommitPath(ctx.home, name), { recursive: true, force: true });
  },
});

async function initBare(ctx: ProviderContext, name: string): Promise<void> {
  const path = codeCommitPath(ctx.home, name);
  if (existsSync(path)) throw new Error(`Repository named ${name} already exists (folder ${path})`);
  mkdirSync(path, { recursive: true });
  await run('git', ['init', '--bare', '--quiet', '--initial-branch=main', path]);
}
