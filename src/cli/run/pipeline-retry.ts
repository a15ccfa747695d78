// The body of `slipway retry <execution> <stage> [--all]` (RetryStageExecution): the failed
// execution resumes at that stage under the same id, with its own artifacts, variables and source
// revisions, in the running `slipway up` (whose log is then followed) or, when none runs, in this
// process (Ctrl-C stops it there).
import { EXIT_CODES } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { PipelineExecution } from '../../local/pipeline/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { printData, printJson, say } from '../output.js';
import { withEngineHere } from './engine-here.js';
import { executionLog, printLog } from './logs.js';
import { configureSources } from './pipeline.js';
import { executionNamed } from './pipeline-control.js';
import { callUp } from './up-codepipeline.js';

/** The flags of `slipway retry`. */
export interface RetryCommandOptions extends GlobalOptions {
  all?: boolean;
  json?: boolean;
}

/** `slipway retry <execution> <stage>`: runs the stage again and follows the execution to its end. */
export function runRetryCommand(ctx: CliContext, id: string, stageName: string, options: RetryCommandOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const execution = executionNamed(account, id);
    const retryMode = options.all ? 'ALL_ACTIONS' : 'FAILED_ACTIONS';
    configureSources(ctx, account, []);
    const running = account.runningUp();
    const ended = running ? await retryInUp(
      ctx, account, running.endpoint, execution, stageName, retryMode, options,
    ) : await retryHere(ctx, account, execution, stageName, retryMode, options);
    if (!ended) return EXIT_CODES.interrupted;
    if (options.json) printJson(ctx, ended);
    else printData(ctx, `${ended.pipelineName} ${ended.pipelineExecutionId} ${ended.status}${ended.statusSummary ? ` (${ended.statusSummary})` : ''}`);
    if (ended.status === 'Succeeded') return EXIT_CODES.success;
    return ended.status === 'Stopped' ? EXIT_CODES.interrupted : EXIT_CODES.failed;
  });
}

async function retryInUp(ctx: CliContext, account: LocalAccount, endpoint: string, execution: PipelineExecution, stageName: string, retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS', options: RetryCommandOptions): Promise<PipelineExecution | undefined> {
  const { RetryStageExecutionCommand } = await import('@aws-sdk/client-codepipeline');
  const { pipelineName, pipelineExecutionId } = execution;
  await callUp(account, endpoint, (client) => client.send(new RetryStageExecutionCommand({ pipelineName, pipelineExecutionId, stageName, retryMode })));
  say(ctx, `retrying stage ${stageName} of ${pipelineName} ${pipelineExecutionId} (${retryMode}) in the running slipway up (${endpoint})`);
  await printLog(ctx, executionLog(account, pipelineExecutionId), true, (line) => (options.json ? printJson(ctx, line) : say(ctx, line.message)));
  if (ctx.signal.aborted) {
    say(ctx, `stopped following; the execution goes on in slipway up (slipway logs ${pipelineExecutionId} --follow)`);
    return undefined;
  }
  return account.executions.get(pipelineExecutionId);
}

async function retryHere(ctx: CliContext, account: LocalAccount, execution: PipelineExecution, stageName: string, retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS', options: RetryCommandOptions): Promise<PipelineExecution> {
  return withEngineHere(ctx, account, options.json === true, async (engine) => {
    engine.retry(execution.pipelineName, execution.pipelineExecutionId, stageName, retryMode);
    return engine.wait(execution.pipelineExecutionId);
  });
}
