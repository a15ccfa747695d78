// The bodies of `slipway hook install|notify|show`, loaded only when one runs. `notify` is what an
// installed hook runs: it tells the running `slipway up` (a signed call to its /webhooks/hook) to
// look at the repository, or, with no `up` on the home, looks here and runs what that starts to
// its end, printing its events.
import { realpathSync } from 'node:fs';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import { hookCall, SourceWatch, triggerSecret, type PipelineExecution } from '../../local/pipeline/index.js';
import { installHooks, repositoryOf } from '../../local/pipeline/git-hooks.js';
import { withAccount } from '../account.js';
import { homeOf, type CliContext, type GlobalOptions } from '../context.js';
import { printData, printJson, say } from '../output.js';
import { withEngineHere } from './engine-here.js';
import { configureSources } from './pipeline.js';

/** The flags of `slipway hook install`. */
export interface HookInstallOptions extends GlobalOptions {
  path?: string;
  repository?: string;
  json?: boolean;
}

/** The flags of `slipway hook notify`. */
export interface HookNotifyOptions extends GlobalOptions {
  repositoryPath: string;
  json?: boolean;
}

/** The flags of `slipway hook show`. */
export interface HookShowOptions extends GlobalOptions {
  json?: boolean;
}

/** `slipway hook install`. */
export function runHookInstall(ctx: CliContext, options: HookInstallOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const cli = realpathSync(process.argv[1] ?? '');
    const folder = options.path ?? ctx.cwd;
    const home = realpathSync(homeOf(ctx, options));
    const { repository } = await repositoryOf(folder);
    const installed = await installHooks(folder, [process.execPath, cli, 'hook', 'notify', '--home', home, '--repository-path', repository]);
    if (options.repository) account.sources.map(options.repository, installed.repository);
    printData(ctx, `installed ${installed.hooks.join(', ')} in ${installed.hooksDir}${options.repository ? `; ${options.repository} reads ${installed.repository}` : ''}`);
    say(ctx, 'a new commit there now tells the running slipway up, or runs the pipelines that read it when up is not running');
    return EXIT_CODES.success;
  });
}

/** `slipway hook notify`. */
export function runHookNotify(ctx: CliContext, options: HookNotifyOptions): Promise<number> {
  return withAccount(ctx, options, async (account) => {
    const running = account.runningUp();
    const started = running ? await tellUp(ctx, account, running.endpoint, options.repositoryPath) : await runHere(ctx, account, options);
    if (options.json) printJson(ctx, { executions: started });
    return started.every((execution) => execution.status !== 'Failed') ? EXIT_CODES.success : EXIT_CODES.failed;
  });
}

/** Asks the running up to look at the repository; the executions it started (as it answered). */
async function tellUp(ctx: CliContext, account: LocalAccount, endpoint: string, repository: string): Promise<PipelineExecution[]> {
  const { body, signature } = hookCall(account.db, repository);
  let answer: { message: string; outcomes?: { pipelineExecutionId?: string }[] };
  try {
    const response = await fetch(`${endpoint}/webhooks/hook`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature } });
    answer = (await response.json()) as typeof answer;
    if (!response.ok) throw new Error(answer.message);
  } catch (error) {
    throw new SlipwayError('HookNotDelivered', `the running slipway up (${endpoint}) was not told of ${repository}: ${error instanceof Error ? error.message : String(error)}`, { kind: 'environment' });
  }
  const ids = (answer.outcomes ?? []).flatMap((outcome) => (outcome.pipelineExecutionId ? [outcome.pipelineExecutionId] : []));
  say(ctx, `slipway up (${endpoint}): ${ids.length === 0 ? 'nothing new to start' : `started ${ids.join(', ')} (slipway logs <id> --follow)`}`);
  return ids.flatMap((id) => account.executions.get(id) ?? []);
}

/** Looks at the repository in this process and runs what that starts to its end. */
async function runHere(ctx: CliContext, account: LocalAccount, options: HookNotifyOptions): Promise<PipelineExecution[]> {
  say(ctx, 'slipway up is not running on this home: running the pipelines here');
  configureSources({ ...ctx, cwd: options.repositoryPath }, account, []);
  return withEngineHere(ctx, account, options.json === true, async (engine) => {
    const watch = new SourceWatch(engine, account);
    watch.load();
    const started = await watch.checkRepository(options.repositoryPath);
    if (started.length === 0) say(ctx, 'nothing new to start');
    return Promise.all(started.map((execution) => engine.wait(execution.pipelineExecutionId)));
  });
}

/** `slipway hook show`. */
export function runHookShow(ctx: CliContext, options: HookShowOptions): Promise<number> {
  return withAccount(ctx, options, (account) => {
    const base = account.webhookEndpoint();
    const connections = { url: `${base}/connections`, secret: triggerSecret(account.db, 'connections'), contentType: 'application/json' };
    const webhooks = account.pipelines.listWebhooks().map((one) => ({
      name: one.name, url: one.url, pipeline: one.targetPipeline, action: one.targetAction, authentication: one.authentication,
    }));
    if (options.json) printJson(ctx, { connections, webhooks });
    else {
      printData(ctx, [
        `connections  ${connections.url}  (GitHub pushes and pull requests for connection sources; content type application/json, secret ${connections.secret})`,
        ...webhooks.map((one) => `webhook      ${one.url}  (${one.name}: ${one.pipeline}/${one.action}, ${one.authentication})`),
      ].join('\n'));
    }
    return Promise.resolve(EXIT_CODES.success);
  });
}
