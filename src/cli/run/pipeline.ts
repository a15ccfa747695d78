// The bodies of `slipway runs` and `slipway start`, loaded only when one runs. `start` asks the
// running `slipway up` to run the execution, or runs it in this process when none runs on the home.
import { execFileSync } from 'node:child_process';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { PipelineExecution } from '../../local/pipeline/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';
import { withEngineHere } from './engine-here.js';
import { executionTable } from './execution-table.js';
import { executionLog, printLog } from './logs.js';

/** The flags of `slipway runs`. */
export interface RunsOptions extends GlobalOptions {
  pipeline?: string;
  limit: string;
  json?: boolean;
}

/** The flags of `slipway start`. */
export interface StartOptions extends GlobalOptions {
  variable: string[];
  source: string[];
  json?: boolean;
}

/** An execution as ListPipelineExecutions summarizes it, with its pipeline's name. */
export function executionSummary(execution: PipelineExecution) {
  const { pipelineName, pipelineExecutionId, status, statusSummary, startTime, lastUpdateTime, sourceRevisions, trigger, executionMode } = execution;
  return { pipelineName, pipelineExecutionId, status, statusSummary, startTime, lastUpdateTime, sourceRevisions, trigger, executionMode };
}

/** The top folder of the Git work tree the command runs in, if it runs in one. */
function gitTopLevel(cwd: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Remembers `--source OWNER/REPO=PATH_OR_URL` mappings and uses the work tree as the default source. */
export function configureSources(ctx: CliContext, account: LocalAccount, flags: string[]): void {
  for (const [repository, location] of Object.entries(keyValuePairs(flags, '--source'))) account.sources.map(repository, location);
  account.sources.fallback = gitTopLevel(ctx.cwd);
}

/** `slipway runs`. */
export function runRunsCommand(ctx: CliContext, options: RunsOptions): Promise<number> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SlipwayError('Usage', `--limit expects a whole number of executions, got "${options.limit}"`);
  return withAccount(ctx, options, (account) => {
    if (options.pipeline !== undefined) account.pipelines.require(options.pipeline);
    const executions = account.executions.list({ pipelineName: options.pipeline, limit });
    if (options.json) printJson(ctx, { pipelineExecutionSummaries: executions.map(executionSummary) });
    else printData(ctx, executionTable(executions).join('\n'));
    return Promise.resolve(EXIT_CODES.success);
  });
}

/** `slipway start <pipeline>`: runs an execution and follows it to its end; in the running `up` when there is one. */
export function runStartCommand(ctx: CliContext, pipelineName: string, options: StartOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const running = account.runningUp();
    configureSources(ctx, account, options.source);
    const ended = running ? await startInUp(ctx, account, running.endpoint, pipelineName, options) : await startHere(ctx, account, pipelineName, options);
    if (!ended) return EXIT_CODES.interrupted;
    if (options.json) printJson(ctx, ended);
    else printData(ctx, `${ended.pipelineName} ${ended.pipelineExecutionId} ${ended.status}${ended.statusSummary ? ` (${ended.statusSummary})` : ''}`);
    if (ended.status === 'Succeeded') return EXIT_CODES.success;
    return ended.status === 'Stopped' ? EXIT_CODES.interrupted : EXIT_CODES.failed;
  });
}

/** Runs the execution in this process, printing its events; Ctrl-C stops it. */
async function startHere(ctx: CliContext, account: LocalAccount, pipelineName: string, options: StartOptions): Promise<PipelineExecution> {
  return withEngineHere(ctx, account, options.json === true, async (engine) => {
    const started = await engine.start(pipelineName, { trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'slipway start' }, variables: keyValuePairs(options.variable, '--variable') });
    return engine.wait(started.pipelineExecutionId);
  });
}

/**
 * Asks the running `up` to start the execution (StartPipelineExecution on its endpoint, so its
 * stage locks apply) and follows the execution's log from the records; Ctrl-C stops following
 * only. Undefined when interrupted.
 */
async function startInUp(
  ctx: CliContext, account: LocalAccount, endpoint: string, pipelineName: string, options: StartOptions,
): Promise<PipelineExecution | undefined> {
  const { CodePipelineClient, StartPipelineExecutionCommand } = await import('@aws-sdk/client-codepipeline');
  const { accessKeyId, secretAccessKey, region } = account.settings;
  const client = new CodePipelineClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
  const variables = Object.entries(keyValuePairs(options.variable, '--variable')).map(([name, value]) => ({ name, value }));
  let executionId: string;
  try {
    executionId = (await client.send(new StartPipelineExecutionCommand({
      name: pipelineName, ...(variables.length > 0 ? { variables } : {}),
    }))).pipelineExecutionId!;
  } catch (error) {
    const { name, message } = error as Error;
    throw new SlipwayError(name, `the running slipway up (${endpoint}) did not start ${pipelineName}: ${message}`, { kind: name === 'PipelineNotFoundException' || name === 'ValidationException' ? 'invalid-input' : 'environment' });
  } finally {
    client.destroy();
  }
  say(ctx, `started ${pipelineName} ${executionId} in the running slipway up (${endpoint})`);
  await printLog(
    ctx, executionLog(account, executionId), true,
    (line) => (options.json ? printJson(ctx, { timestamp: line.timestamp, message: line.message }) : say(ctx, line.message)),
  );
  if (ctx.signal.aborted) {
    say(ctx, `stopped following; the execution goes on in slipway up (slipway logs ${executionId} --follow)`);
    return undefined;
  }
  return account.executions.get(executionId);
}
