// The bodies of `slipway deploy`, `destroy` and `status`, loaded only when one runs (the AWS SDK
// is slow to load): the pipeline stack on AWS. The flows live in src/deploy and emit typed
// events; this file wires the AWS clients (every one of them honours --endpoint-url), asks for
// confirmation, renders progress and chooses exit codes.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import {
  awsApis,
  DEFAULT_POLL,
  deploy,
  destroy,
  eventText,
  status,
  systemClock,
  templateForDeploy,
  timestampedLines,
  type AwsSettings,
  type Confirm,
  type DeployEvent,
  type DeployResult,
  type DestroyResult,
  type FlowContext,
  type StatusReport,
  type TemplateBucket,
} from '../../deploy/index.js';
import { CONFIG_FILE } from '../../config/file-name.js';
import { askYesNo, interactive } from '../confirm.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { keyValuePairs } from '../flags.js';
import { printData, printJson, say } from '../output.js';
import { localEndpointSettings } from './local-endpoint.js';

/** Options every AWS command takes; each default is the standard AWS chain's. */
export interface AwsOptions extends GlobalOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
  stackName?: string;
  config?: string;
  yes?: boolean;
  json?: boolean;
}

export interface DeployOptions extends AwsOptions {
  template?: string;
  parameter: string[];
  wait?: boolean;
  s3Bucket?: string;
  s3Prefix?: string;
}

export interface DestroyOptions extends AwsOptions {
  deleteImages?: boolean;
}

async function settingsOf(ctx: CliContext, options: AwsOptions): Promise<AwsSettings> {
  if (options.endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(options.endpointUrl)) {
    throw new SlipwayError('Usage', `--endpoint-url expects an http:// or https:// URL, found "${options.endpointUrl}"`, {
      hint: 'e.g. --endpoint-url http://127.0.0.1:5001',
    });
  }
  const local = options.endpointUrl && !options.profile ? await localEndpointSettings(ctx, options, options.endpointUrl) : undefined;
  return {
    ...local,
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpointUrl: options.endpointUrl } : {}),
  };
}

/** The stack name: --stack-name, else `<name>-<env>` from slipway.yml. */
async function stackNameOf(ctx: CliContext, options: AwsOptions, fromTemplate?: string): Promise<string> {
  if (options.stackName) return options.stackName;
  if (fromTemplate) return fromTemplate;
  const configFile = resolve(ctx.cwd, options.config ?? CONFIG_FILE);
  if (!options.config && !existsSync(configFile)) {
    throw new SlipwayError('Usage', 'no stack name: pass --stack-name, or run where slipway.yml is', { hint: 'e.g. --stack-name my-app-dev' });
  }
  const { loadConfig } = await import('../../config/index.js');
  const config = await loadConfig(configFile, options.config ?? CONFIG_FILE);
  // synth's resourcePrefix(config), spelled out so that status and destroy never load aws-cdk-lib.
  return `${config.name}-${config.env}`;
}

/** Answers questions: --yes says yes; a terminal asks; anything else refuses rather than hang. */
function confirmer(ctx: CliContext, options: AwsOptions): Confirm {
  return (question) => askYesNo(ctx, options, question.message);
}

/** Reads a NoEcho parameter's value from the terminal without echoing it; only when interactive. */
function secretAsker(ctx: CliContext, options: AwsOptions): ((name: string) => Promise<string | undefined>) | undefined {
  if (!interactive(ctx, options)) return undefined;
  return (name) =>
    new Promise<string | undefined>((resolvePromise, reject) => {
      const input = process.stdin;
      let value = '';
      const finish = () => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
        ctx.stderr.write('\n');
      };
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === '\r' || char === '\n' || char === '\u0004') {
            finish();
            return resolvePromise(value);
          }
          if (char === '\u0003') {
            finish();
            return reject(new SlipwayError('Interrupted', `interrupted while asking for ${name}`, { kind: 'interrupted' }));
          }
          value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
        }
      };
      ctx.stderr.write(`${name} (NoEcho parameter, input hidden): `);
      input.setEncoding('utf8');
      input.setRawMode(true);
      input.resume();
      input.on('data', onData);
    });
}

/** Where events go: NDJSON on stdout, a spinner on a terminal, timestamped lines otherwise. */
function progressRenderer(ctx: CliContext, json: boolean): { emit(event: DeployEvent): void; pause(): void; stop(): void } {
  if (json) return { emit: (event) => printJson(ctx, event), pause: () => {}, stop: () => {} };
  if (ctx.stderr.isTTY !== true) return { emit: (event) => timestampedLines(event).forEach((line) => say(ctx, line)), pause: () => {}, stop: () => {} };
  return new TerminalProgress(ctx);
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A spinner line under the finished sub-task lines; resources in progress are listed on it. */
class TerminalProgress {
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly working = new Map<string, string>();
  private title = '';

  constructor(private readonly ctx: CliContext) {}

  emit(event: DeployEvent): void {
    this.clear();
    if (event.type === 'stack.resource' && event.status.endsWith('_IN_PROGRESS') && event.resourceType !== 'AWS::CloudFormation::Stack') {
      this.working.set(event.logicalId, event.status);
    } else {
      if (event.type === 'stack.resource') this.working.delete(event.logicalId);
      const mark = event.type === 'stack.resource' ? (/FAILED/.test(event.status) ? '✖' : '✔') : '•';
      for (const [index, line] of eventText(event).entries()) say(this.ctx, index === 0 ? `${mark} ${line}` : `  ${line}`);
    }
    if (event.type === 'stack.operation.started') this.start(`${event.operation} ${event.stackName}`);
    if (event.type === 'stack.operation.finished') this.stop();
    this.draw();
  }

  pause(): void {
    this.clear();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
    this.working.clear();
  }

  private start(title: string): void {
    this.title = title;
    this.timer ??= setInterval(() => {
      this.frame = (this.frame + 1) % FRAMES.length;
      this.clear();
      this.draw();
    }, 100);
    this.timer.unref();
  }

  private clear(): void {
    if (this.timer) this.ctx.stderr.write('\r\x1b[K');
  }

  private draw(): void {
    if (!this.timer) return;
    const names = [...this.working.keys()];
    const doing = names.length ? `: ${names.slice(0, 4).join(', ')}${names.length > 4 ? ` and ${names.length - 4} more` : ''}` : '';
    this.ctx.stderr.write(`${FRAMES[this.frame]} ${this.title}${doing}`);
  }
}

/**
 * Runs a flow; Ctrl-C ends the wait, not the stack operation, which CloudFormation carries on
 * with on its own, so the message says so instead of reporting an internal error.
 */
async function interruptible<T>(ctx: CliContext, stackName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!ctx.signal.aborted || error instanceof SlipwayError) throw error;
    throw new SlipwayError('Interrupted', `stopped waiting for ${stackName}; an operation already started on AWS goes on without slipway`, {
      kind: 'interrupted',
      hint: `\`slipway status --stack-name ${stackName}\` shows where it is`,
      cause: error,
    });
  }
}

async function flowContext(ctx: CliContext, options: AwsOptions, renderer: ReturnType<typeof progressRenderer>): Promise<FlowContext> {
  const confirm = confirmer(ctx, options);
  const askSecret = secretAsker(ctx, options);
  return {
    ...(askSecret ? { askSecret: async (name: string) => (renderer.pause(), askSecret(name)) } : {}),
    apis: awsApis(await settingsOf(ctx, options)),
    clock: systemClock,
    reporter: renderer,
    confirm: async (question) => {
      renderer.pause();
      return confirm(question);
    },
    poll: DEFAULT_POLL,
    signal: ctx.signal,
  };
}

/** The body of `slipway deploy`; returns the exit code. */
export async function runDeploy(ctx: CliContext, options: DeployOptions): Promise<number> {
  const parameters = keyValuePairs(options.parameter, '--parameter');
  const templateBucket = templateBucketOf(options);
  const source = options.template
    ? { templateFile: resolve(ctx.cwd, options.template) }
    : { configFile: resolve(ctx.cwd, options.config ?? CONFIG_FILE), displayName: options.config ?? CONFIG_FILE };
  const { template, defaultStackName } = await templateForDeploy(source);
  if (options.template) template.file = options.template;
  const stackName = await stackNameOf(ctx, options, defaultStackName);
  return runFlow(ctx, options, stackName, (context) => deploy(
    { stackName, template, parameters, tags: {}, waitForConnection: options.wait === true, ...(templateBucket ? { templateBucket } : {}) },
    context,
  ), reportDeploy);
}

/** --s3-bucket and --s3-prefix; a prefix alone has nowhere to go. */
function templateBucketOf(options: DeployOptions): TemplateBucket | undefined {
  if (options.s3Bucket === undefined) {
    if (options.s3Prefix !== undefined) throw new SlipwayError('Usage', '--s3-prefix needs --s3-bucket: the prefix is a folder in that bucket', { hint: 'e.g. --s3-bucket my-templates --s3-prefix slipway' });
    return undefined;
  }
  return { bucket: options.s3Bucket, ...(options.s3Prefix ? { prefix: options.s3Prefix } : {}) };
}

/**
 * Runs a deploy or destroy flow with live progress, then reports its result (as JSON with
 * --json); returns the exit code: 1 for a failed flow, 0 otherwise.
 */
async function runFlow<R extends { status: string }>(
  ctx: CliContext, options: AwsOptions, stackName: string, flow: (context: FlowContext) => Promise<R>,
  report: (ctx: CliContext, result: R) => void,
): Promise<number> {
  const renderer = progressRenderer(ctx, options.json === true);
  let result: R;
  try {
    const context = await flowContext(ctx, options, renderer);
    result = await interruptible(ctx, stackName, () => flow(context));
  } finally {
    renderer.stop();
  }
  if (options.json) printJson(ctx, result);
  else report(ctx, result);
  return result.status === 'failed' ? EXIT_CODES.failed : EXIT_CODES.success;
}

function reportDeploy(ctx: CliContext, result: DeployResult): void {
  switch (result.status) {
    case 'unchanged':
      say(ctx, `${result.stackName}: no changes`);
      break;
    case 'cancelled':
      say(ctx, `${result.stackName}: cancelled, nothing was changed`);
      return;
    case 'failed':
      say(ctx, `error: deploying ${result.stackName} failed, the stack is ${result.stackStatus ?? 'in an unknown state'}`);
      if (result.failure) say(ctx, `  ${result.failure.logicalId} (${result.failure.resourceType}) ${result.failure.status}: ${result.failure.reason}`);
      if (result.stackStatus === 'ROLLBACK_COMPLETE') say(ctx, 'hint: fix the cause and deploy again; slipway will offer to delete the failed stack first');
      return;
    default:
      say(ctx, `${result.stackName}: ${result.status} (${result.stackStatus ?? ''})`);
  }
  const outputs = Object.entries(result.outputs);
  if (outputs.length > 0) printData(ctx, outputs.map(([key, value]) => `${key}\t${value}`).join('\n'));
  const pending = result.pipeline?.connections.filter((connection) => connection.status === 'PENDING') ?? [];
  if (pending.length > 0) say(ctx, 'hint: after approving the connection, run `slipway deploy --wait` (or start the pipeline in the console)');
}

/** The body of `slipway destroy`; returns the exit code. */
export async function runDestroy(ctx: CliContext, options: DestroyOptions): Promise<number> {
  const stackName = await stackNameOf(ctx, options);
  return runFlow(ctx, options, stackName, (context) => destroy({ stackName, deleteImages: options.deleteImages === true }, context), reportDestroy);
}

function reportDestroy(ctx: CliContext, result: DestroyResult): void {
  const text = {
    deleted: `${result.stackName}: deleted`,
    'not-found': `${result.stackName}: no such stack, nothing to destroy`,
    cancelled: `${result.stackName}: cancelled, nothing was deleted`,
    failed: `error: deleting ${result.stackName} failed${result.failure ? `: ${result.failure.logicalId} (${result.failure.resourceType}) ${result.failure.reason}` : ''}`,
  }[result.status];
  say(ctx, text);
  for (const resource of result.retained) say(ctx, `retained: ${resource.logicalId} (${resource.resourceType}) ${resource.physicalId ?? ''}`.trimEnd());
}

/** The body of `slipway status`; returns the exit code. */
export async function runStatus(ctx: CliContext, options: AwsOptions): Promise<number> {
  const stackName = await stackNameOf(ctx, options);
  const report = await status(stackName, { apis: awsApis(await settingsOf(ctx, options)) });
  if (!report.stack) {
    throw new SlipwayError('StackNotFound', `stack ${stackName} does not exist${options.region ? ` in ${options.region}` : ''}`, { hint: 'run `slipway deploy` first, or check --stack-name and --region' });
  }
  if (options.json) printJson(ctx, report);
  else printData(ctx, statusText(report).join('\n'));
  if (!options.json && report.stack.status === 'REVIEW_IN_PROGRESS') {
    say(ctx, `hint: \`slipway deploy\` creates its resources; \`slipway destroy --stack-name ${stackName}\` removes it`);
  }
  return EXIT_CODES.success;
}

/** The status report as text lines. */
function statusText(report: StatusReport): string[] {
  const lines = [`stack ${report.stackName}: ${report.stack?.status ?? 'absent'}`];
  if (report.stack?.status === 'REVIEW_IN_PROGRESS') lines.push('  a CREATE change set made it and was never executed: it holds no resources yet');
  if (report.pipeline && 'error' in report.pipeline) lines.push(`pipeline ${report.pipeline.name}: unavailable (${report.pipeline.error.message})`);
  else if (report.pipeline) {
    lines.push(`pipeline ${report.pipeline.name}`);
    for (const stage of report.pipeline.stages) lines.push(`  ${stage.name}: ${stage.status ?? '-'}${stage.executionId ? ` (${stage.executionId})` : ''}`);
    for (const execution of report.pipeline.executions) {
      const revision = execution.sourceRevisions[0]?.revisionId?.slice(0, 7);
      lines.push(`  execution ${execution.executionId} ${execution.status}${execution.startTime ? ` ${execution.startTime.toISOString()}` : ''}${revision ? ` ${revision}` : ''}`);
    }
  }
  if (report.repository && 'error' in report.repository) lines.push(`repository ${report.repository.name}: unavailable (${report.repository.error.message})`);
  else if (report.repository) {
    lines.push(`repository ${report.repository.name}: ${report.repository.images.length === 0 ? 'no images' : 'latest images'}`);
    for (const image of report.repository.images) lines.push(`  ${image.tags.join(', ') || '<untagged>'}  ${image.pushedAt?.toISOString() ?? ''}  ${image.digest.slice(0, 19)}`);
  }
  for (const connection of report.connections) {
    if ('error' in connection) lines.push(`connection ${connection.arn}: unavailable (${connection.error.message})`);
    else lines.push(`connection ${connection.name ?? connection.arn}: ${connection.status}${connection.consoleUrl ? ` (approve at ${connection.consoleUrl})` : ''}`);
  }
  for (const [key, value] of Object.entries(report.stack?.outputs ?? {})) lines.push(`output ${key}: ${value}`);
  return lines;
}
