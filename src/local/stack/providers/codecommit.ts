// AWS::CodeCommit::Repository becomes a repository of the account's CodeCommit: a bare Git
// repository that can be pushed to (its CloneUrlHttp is a file:// URL) and that the local
// pipeline engine watches.
import { arnOf, newId } from './naming.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

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
    const url = ctx.services.codecommit.cloneUrlOf(name);
    return { physicalId: id, ref: id, attributes: { Arn: arnOf(ctx, 'codecommit', name), CloneUrlHttp: url, CloneUrlSsh: url, Name: name, RepositoryId: id } };
  },
  service: {
    exists: (ctx, name) => ctx.services.codecommit.get(name) !== undefined,
    async create(ctx, name, properties, result) {
      await ctx.services.codecommit.create({
        repositoryName: name, repositoryId: result.ref, arn: String(result.attributes.Arn), triggers: triggersOf(properties),
      });
    },
    update(ctx, name, properties, result) {
      const repository = ctx.services.codecommit.get(name);
      if (repository) ctx.services.codecommit.update({ ...repository, arn: String(result.attributes.Arn), triggers: triggersOf(properties) });
    },
    delete: (ctx, name) => ctx.services.codecommit.delete(name),
    rename: (ctx, from, to) => void ctx.services.codecommit.rename(from, to),
  },
});

function triggersOf(properties: Record<string, unknown>): unknown[] {
  return (properties.Triggers as unknown[] | undefined) ?? [];
}
