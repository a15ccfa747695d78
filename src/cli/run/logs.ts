// `slipway logs <build id or execution id> [--follow]`: a build's log, or an execution's: each
// action in the order it started, with the log of the build a CodeBuild action ran. With
// --follow it keeps printing until the build or execution has ended, also when it runs in
// another process (the records are read from the home's database).
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import type { ActionExecution } from '../../local/pipeline/index.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { printData, printJson } from '../output.js';

/** The flags of `slipway logs`. */
export interface LogsOptions extends GlobalOptions {
  follow?: boolean;
  json?: boolean;
}

/** How often --follow looks for new lines. */
const FOLLOW_POLL_MS = 250;

/** One line of a log, with when it was written. */
interface Line {
  timestamp: number;
  message: string;
}

/** A log that grows: `next()` gives the lines not given yet; `running()` whether more may come. */
export interface GrowingLog {
  running(): boolean;
  next(): Line[];
}

/** A build's log lines, in order. */
function buildLog(account: LocalAccount, buildId: string): GrowingLog {
  let seq = 0;
  return {
    running: () => account.codebuild.requireBuild(buildId).buildStatus === 'IN_PROGRESS',
    next: () => account.codebuild.builds.logEvents(buildId, seq).map((event) => ((seq = event.seq), event)),
  };
}

/** An execution's actions, oldest first, each with its build's log. */
export function executionLog(account: LocalAccount, executionId: string): GrowingLog {
  const opened = new Set<string>();
  const closed = new Set<string>();
  const builds = new Map<string, GrowingLog>();
  const line = (message: string, time: string) => ({ timestamp: Date.parse(time), message });
  const actionLines = (action: ActionExecution): Line[] => {
    const lines: Line[] = [];
    const { provider, owner } = action.input.actionTypeId;
    if (!opened.has(action.actionExecutionId) && opened.add(action.actionExecutionId)) lines.push(line(`== ${action.stageName}/${action.actionName} (${owner}/${provider}) started`, action.startTime));
    const buildId = provider === 'CodeBuild' ? action.output.executionResult?.externalExecutionId : undefined;
    if (buildId && !builds.has(buildId)) builds.set(buildId, buildLog(account, buildId));
    if (buildId) lines.push(...builds.get(buildId)!.next());
    if (action.status !== 'InProgress' && !closed.has(action.actionExecutionId) && closed.add(action.actionExecutionId)) {
      const result = action.output.executionResult;
      lines.push(line(`== ${action.stageName}/${action.actionName} ${action.status}${result?.errorDetails ? `: ${result.errorDetails.message}` : result?.externalExecutionSummary ? `: ${result.externalExecutionSummary}` : ''}`, action.lastUpdateTime));
    }
    return lines;
  };
  return {
    running: () => ['InProgress', 'Stopping'].includes(account.executions.get(executionId)!.status),
    next: () => {
      const lines = account.executions.actions({ pipelineExecutionId: executionId }).reverse().flatMap(actionLines);
      const execution = account.executions.get(executionId)!;
      if (!['InProgress', 'Stopping'].includes(execution.status) && !closed.has(executionId) && closed.add(executionId)) {
        lines.push(line(`== execution ${execution.status}${execution.statusSummary ? `: ${execution.statusSummary}` : ''}`, execution.lastUpdateTime));
      }
      return lines;
    },
  };
}

/** `slipway logs <id>`. */
export function runLogsCommand(ctx: CliContext, id: string, options: LogsOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    let log: GrowingLog;
    if (account.executions.get(id)) log = executionLog(account, id);
    else if (account.codebuild.builds.get(id)) log = buildLog(account, id);
    else throw new SlipwayError('ResourceNotFoundException', `Build not found: ${id} (nor a pipeline execution of that id)`, { hint: 'list recorded builds with: slipway builds, and executions with: slipway runs' });
    await printLog(
      ctx, log, options.follow === true,
      (entry) => (options.json ? printJson(ctx, { timestamp: entry.timestamp, message: entry.message }) : printData(ctx, entry.message)),
    );
    return EXIT_CODES.success;
  });
}

/** Prints a log's lines, and with `follow` the lines still to come, until it ends or the command is interrupted. */
export async function printLog(ctx: CliContext, log: GrowingLog, follow: boolean, print: (line: Line) => void): Promise<void> {
  for (;;) {
    // Whether more may come is read before the lines, so no line written before the end is missed.
    const running = log.running();
    for (const entry of log.next()) print(entry);
    if (!follow || !running || ctx.signal.aborted) return;
    await sleep(FOLLOW_POLL_MS, undefined, { signal: ctx.signal }).catch(() => undefined);
  }
}
