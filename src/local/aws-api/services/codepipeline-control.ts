// CodePipeline's control operations, run by the engine of the `up` that answers (CodePipeline API
// reference): StopPipelineExecution, RetryStageExecution, PutApprovalResult, EnableStageTransition
// and DisableStageTransition. Who asked (the caller's ARN) is what GetPipelineState shows as
// lastUpdatedBy and lastChangedBy.
import type { OperationHandler } from '../handler.js';
import { OperationInput } from './operation-input.js';
import { callerIdentity } from './sts.js';

const NAME = { test: /^[A-Za-z0-9.@\-_]{1,100}$/, says: 'Member must satisfy regular expression pattern: [A-Za-z0-9.@\\-_]+ (at most 100 characters)' };
const EXECUTION_ID = { test: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, says: 'Member must satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' };
const RETRY_MODE = { test: /^(FAILED_ACTIONS|ALL_ACTIONS)$/, says: 'Member must satisfy enum value set: [FAILED_ACTIONS, ALL_ACTIONS]' };
const TRANSITION_TYPE = { test: /^(Inbound|Outbound)$/, says: 'Member must satisfy enum value set: [Inbound, Outbound]' };
// DisableStageTransition's reason: 1-300 characters of [a-zA-Z0-9!@ \(\)\.\*\?\-] (API reference).
const REASON = { test: /^[a-zA-Z0-9!@ ().*?-]{1,300}$/, says: 'Member must satisfy regular expression pattern: [a-zA-Z0-9!@ \\(\\)\\.\\*\\?\\-]+ (1 to 300 characters)' };
const APPROVAL_STATUS = { test: /^(Approved|Rejected)$/, says: 'Member must satisfy enum value set: [Approved, Rejected]' };
const read = (input: Record<string, unknown>) => new OperationInput(input, 'ValidationException');

/** The control operations, by name. */
export const controlHandlers: Record<string, OperationHandler> = {
  StopPipelineExecution: (input, ctx) => {
    const reader = read(input);
    const stopped = ctx.engine.stop(reader.string('pipelineName', NAME), reader.string('pipelineExecutionId', EXECUTION_ID), {
      abandon: reader.optionalBoolean('abandon') ?? false, reason: reader.optionalString('reason'),
    });
    return { pipelineExecutionId: stopped.pipelineExecutionId };
  },
  RetryStageExecution: (input, ctx) => {
    const reader = read(input);
    const retried = ctx.engine.retry(reader.string('pipelineName', NAME), reader.string('pipelineExecutionId', EXECUTION_ID), reader.string('stageName', NAME), reader.string('retryMode', RETRY_MODE) as 'FAILED_ACTIONS' | 'ALL_ACTIONS');
    return { pipelineExecutionId: retried.pipelineExecutionId };
  },
  PutApprovalResult: (input, ctx) => {
    const reader = read(input);
    const result = new OperationInput(reader.optionalRecord('result') ?? {}, 'ValidationException');
    const summary = result.string('summary');
    if (summary.length > 512) throw result.invalid('summary', summary, 'Member must have length less than or equal to 512');
    const { approvedAt } = ctx.engine.putApprovalResult({
      pipelineName: reader.string('pipelineName', NAME), stageName: reader.string('stageName', NAME), actionName: reader.string('actionName', NAME), token: reader.string('token', EXECUTION_ID),
      result: { status: result.string('status', APPROVAL_STATUS) as 'Approved' | 'Rejected', summary }, by: callerIdentity(ctx).Arn,
    });
    return { approvedAt };
  },
  EnableStageTransition: (input, ctx) => {
    const reader = read(input);
    ctx.engine.setTransition(reader.string('pipelineName', NAME), reader.string('stageName', NAME), { enabled: true, transitionType: reader.string('transitionType', TRANSITION_TYPE) as 'Inbound' | 'Outbound', by: callerIdentity(ctx).Arn });
    return {};
  },
  DisableStageTransition: (input, ctx) => {
    const reader = read(input);
    ctx.engine.setTransition(reader.string('pipelineName', NAME), reader.string('stageName', NAME), {
      enabled: false, transitionType: reader.string('transitionType', TRANSITION_TYPE) as 'Inbound' | 'Outbound', reason: reader.string('reason', REASON), by: callerIdentity(ctx).Arn,
    });
    return {};
  },
};
