// CodeBuild on the account (src/local/codebuild): StartBuild answers with the build it started
// while the build runs on as a background task (StopBuild stops it), and the records of builds
// and projects in CodeBuild's shapes.
import { SlipwayError } from '../../../errors.js';
import type { RecordedBuild } from '../../codebuild/index.js';
import type { ApiContext } from '../handler.js';
import { startRequest } from './codebuild-start.js';
import { buildShape, projectShape } from './codebuild-shapes.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** CodeBuild's errors (CodeBuild API reference: client errors are HTTP 400). */
export const CODEBUILD_ERRORS: ServiceErrors = {
  fallback: 'InvalidInputException',
  codes: { InvalidInputException: 400, ResourceNotFoundException: 400, ResourceAlreadyExistsException: 400, AccountLimitExceededException: 400 },
};

/** CodeBuild's list pages hold 100 ids. */
const PAGE = 100;
const SORT_ORDERS = ['ASCENDING', 'DESCENDING'];

const read = (input: Record<string, unknown>) => new OperationInput(input, CODEBUILD_ERRORS.fallback);

/** A page of build ids, newest first unless sortOrder ASCENDING. */
function buildIds(reader: OperationInput, builds: RecordedBuild[]): Record<string, unknown> {
  const order = reader.optionalString('sortOrder') ?? 'DESCENDING';
  if (!SORT_ORDERS.includes(order)) throw reader.invalid('sortOrder', order, 'Member must satisfy enum value set: [ASCENDING, DESCENDING]');
  const ids = builds.map((build) => build.id);
  const page = pageOf(order === 'ASCENDING' ? ids.reverse() : ids, { keyOf: (id) => id, size: PAGE, token: reader.optionalString('nextToken'), invalidToken: () => reader.fail('Invalid next token') });
  return { ids: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/** Runs a started build to its end as a background task; the task's stop stops the build. */
function runOn(ctx: ApiContext, build: RecordedBuild, finished: Promise<unknown>, cleanup: () => void): void {
  ctx.tasks.run(`StartBuild ${build.id}`, async (signal) => {
    const stop = () => {
      try {
        ctx.account.codebuild.stopBuild(build.id);
      } catch {
        // The build has ended (or gone with its records): nothing left to stop.
      }
    };
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await finished;
    } finally {
      signal.removeEventListener('abort', stop);
      cleanup();
    }
  });
}

/** CodeBuild's operations, by name. */
export const codeBuildHandlers = withServiceErrors({
  StartBuild: async (input, ctx) => {
    const request = await startRequest(read(input), ctx);
    const started = await ctx.account.codebuild.beginBuild(request.input, { parameters: request.parameters }).catch((error: unknown) => {
      request.cleanup();
      throw error;
    });
    runOn(ctx, started.build, started.finished, request.cleanup);
    return { build: buildShape(ctx, started.build) };
  },
  StopBuild: (input, ctx) => ({ build: buildShape(ctx, ctx.account.codebuild.stopBuild(read(input).string('id'))) }),
  BatchGetBuilds: (input, ctx) => {
    const ids = read(input).strings('ids', 1, 100);
    const found = ids.map((id) => ctx.account.codebuild.builds.get(id));
    return { builds: found.flatMap((build) => (build ? [buildShape(ctx, build)] : [])), buildsNotFound: ids.filter((_, index) => !found[index]) };
  },
  ListBuilds: (input, ctx) => buildIds(read(input), ctx.account.codebuild.builds.list()),
  ListBuildsForProject: (input, ctx) => {
    const reader = read(input);
    const project = ctx.account.codebuild.projects.require(reader.string('projectName'));
    return buildIds(reader, ctx.account.codebuild.builds.list({ projectName: project.name }));
  },
  BatchGetProjects: (input, ctx) => {
    const names = read(input).strings('names', 1, 100);
    const found = names.map((name) => ctx.account.codebuild.projects.get(name));
    return { projects: found.flatMap((project) => (project ? [projectShape(project)] : [])), projectsNotFound: names.filter((_, index) => !found[index]) };
  },
  ListProjects: (input, ctx) => {
    const reader = read(input);
    const sortBy = reader.optionalString('sortBy') ?? 'NAME';
    const order = reader.optionalString('sortOrder') ?? 'ASCENDING';
    const keys: Record<string, (project: { name: string; created: string; lastModified: string }) => string> = {
      NAME: (p) => p.name, CREATED_TIME: (p) => p.created, LAST_MODIFIED_TIME: (p) => p.lastModified,
    };
    const key = keys[sortBy];
    if (!key) throw reader.invalid('sortBy', sortBy, 'Member must satisfy enum value set: [NAME, CREATED_TIME, LAST_MODIFIED_TIME]');
    if (!SORT_ORDERS.includes(order)) throw reader.invalid('sortOrder', order, 'Member must satisfy enum value set: [ASCENDING, DESCENDING]');
    const projects = ctx.account.codebuild.projects.list().map((name) => ctx.account.codebuild.projects.get(name)!);
    const sorted = projects.sort((one, other) => key(one).localeCompare(key(other)) || one.name.localeCompare(other.name)).map((project) => project.name);
    const page = pageOf(order === 'DESCENDING' ? sorted.reverse() : sorted, { keyOf: (name) => name, size: PAGE, token: reader.optionalString('nextToken'), invalidToken: () => new SlipwayError('InvalidInputException', 'Invalid next token') });
    return { projects: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
}, CODEBUILD_ERRORS);
