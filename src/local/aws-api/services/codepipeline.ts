// CodePipeline on the account's pipelines (src/local/pipeline): ListPipelines, GetPipeline,
// GetPipelineState, the execution operations (codepipeline-executions.ts) and the control
// operations (codepipeline-control.ts).
import { SlipwayError } from '../../../errors.js';
import type { StoredPipeline } from '../../pipeline/index.js';
import type { ApiContext } from '../handler.js';
import { controlHandlers } from './codepipeline-control.js';
import { executionHandlers } from './codepipeline-executions.js';
import { pipelineShape } from './codepipeline-shapes.js';
import { pipelineState } from './codepipeline-state.js';
import { pageOf } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** CodePipeline's errors (its API reference: client errors are HTTP 400). */
export const CODEPIPELINE_ERRORS: ServiceErrors = {
  fallback: 'ValidationException',
  codes: {
    ValidationException: 400, PipelineNotFoundException: 400, PipelineVersionNotFoundException: 400,
    InvalidNextTokenException: 400, PipelineExecutionNotFoundException: 400,
    StageNotFoundException: 400, ActionNotFoundException: 400, StageNotRetryableException: 400,
    NotLatestPipelineExecutionException: 400, ConflictException: 400,
    PipelineExecutionNotStoppableException: 400, DuplicatedStopRequestException: 400, InvalidApprovalTokenException: 400,
    ApprovalAlreadyCompletedException: 400,
  },
};

const NAME = { test: /^[A-Za-z0-9.@\-_]{1,100}$/, says: 'Member must satisfy regular expression pattern: [A-Za-z0-9.@\\-_]+ (at most 100 characters)' };
const read = (input: Record<string, unknown>) => new OperationInput(input, CODEPIPELINE_ERRORS.fallback);

function pipelineOf(ctx: ApiContext, reader: OperationInput, member: string): StoredPipeline {
  return ctx.account.pipelines.require(reader.string(member, NAME));
}

/** CodePipeline's operations, by name. */
export const codePipelineHandlers = withServiceErrors({
  ListPipelines: (input, ctx) => {
    const reader = read(input);
    const page = pageOf(ctx.account.pipelines.list(), {
      keyOf: (stored) => stored.pipeline.name, size: reader.optionalInteger('maxResults', 1, 1000) ?? 100, token: reader.optionalString('nextToken'), sortedByKey: true,
      invalidToken: () => new SlipwayError('InvalidNextTokenException', 'The next token was specified in an invalid format. Make sure that the next token you provide is the token returned by a previous call.'),
    });
    const pipelines = page.items.map(({ pipeline, version, metadata }) => ({
      name: pipeline.name, version, pipelineType: pipeline.pipelineType, executionMode: pipeline.executionMode,
      created: new Date(metadata.created), updated: new Date(metadata.updated),
    }));
    return { pipelines, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
  },
  GetPipeline: (input, ctx) => {
    const reader = read(input);
    const stored = pipelineOf(ctx, reader, 'name');
    const version = reader.optionalInteger('version', 1);
    // Only the current version is kept locally.
    if (version !== undefined && version !== stored.version) throw new SlipwayError('PipelineVersionNotFoundException', `Pipeline version ${version} not found for pipeline ${stored.pipeline.name} (its version is ${stored.version})`);
    return pipelineShape(stored);
  },
  GetPipelineState: (input, ctx) => pipelineState(ctx, pipelineOf(ctx, read(input), 'name')),
  ...executionHandlers,
  ...controlHandlers,
}, CODEPIPELINE_ERRORS);
