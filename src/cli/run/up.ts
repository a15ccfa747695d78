// The body of `slipway up`: opens the home's account, starts its servers and engines, brings the
// project's stack up to date, says what it serves, and runs until Ctrl-C.
import { EXIT_CODES, SlipwayError } from '../../errors.js';
import type { LocalAccount } from '../../local/account/index.js';
import { dashboardRoute } from '../../local/dashboard/index.js';
import { webhookRoute } from '../../local/pipeline/index.js';
import { startLocalUp, type LocalUp } from '../../local/up/local-up.js';
import { accountKeys } from '../../local/up/signing-keys.js';
import { withAccount } from '../account.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { printData, printJson, say } from '../output.js';
import { eventPrinter } from '../render/events.js';
import { configureSources } from './pipeline.js';
import { suppliedAttributes } from './stack-input.js';
import { flagPort, movedRegistryWarning, recordedPort, upPort } from './up-port.js';
import { configuredSources, projectFiles, syncProject, watchProject, type ProjectOptions } from './up-project.js';

/** The flags of `slipway up`. */
export interface UpCommandOptions extends GlobalOptions, ProjectOptions {
  port?: string;
  source: string[];
  pollInterval?: string;
  json?: boolean;
}

/** `slipway up`. */
export function runUp(ctx: CliContext, options: UpCommandOptions): Promise<number> {
  if (options.port !== undefined) flagPort(options.port);
  // A malformed --resource-attribute or an unreadable --resource-attributes file stops up here
  // (exit 2); each sync reads them again, so a file edited later is taken then.
  suppliedAttributes(ctx, options);
  return withAccount(ctx, options, async (account) => {
    // slipway.yml's local.sources first: a --source flag for the same repository wins.
    for (const [name, location] of Object.entries(await configuredSources(ctx))) account.sources.map(name, location);
    configureSources(ctx, account, options.source);
    const stopPrinting = account.events.subscribe(eventPrinter(ctx, options.json === true));
    const { SERVICE_HANDLERS } = await import('../../local/aws-api/services/index.js');
    const recorded = recordedPort(account);
    const up = await startLocalUp({
      account, services: SERVICE_HANDLERS, keys: accountKeys(account), port: upPort(account, options.port), sourcePollMs: pollInterval(options.pollInterval),
      web: (parts) => [webhookRoute({ account: parts.account, engine: parts.engine, sources: parts.sources }), dashboardRoute(parts)],
    });
    try {
      announce(ctx, account, up, options.json === true);
      const moved = movedRegistryWarning(account, recorded, up.address.registryHost);
      if (moved) say(ctx, moved);
      const files = projectFiles(ctx, options);
      const sync = () => syncProject(ctx, account, options);
      if (files.length > 0) await sync();
      const stopWatching = watchProject(files, sync);
      await stopped(ctx.signal);
      stopWatching();
      say(ctx, 'slipway up: stopping (running executions end Stopped)');
    } finally {
      await up.close();
      stopPrinting();
    }
    return EXIT_CODES.success;
  });
}

/** `--poll-interval <seconds>`: how often every watched source is polled (default: 5 s for folders, 60 s for URLs). */
function pollInterval(flag: string | undefined): { local: number; remote: number } | undefined {
  if (flag === undefined) return undefined;
  const seconds = Number(flag);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 86_400) throw new SlipwayError('Usage', `--poll-interval expects seconds from 0.1 to 86400, got '${flag}'`);
  return { local: seconds * 1000, remote: seconds * 1000 };
}

/** The ready line (--json: the one place the secret key is printed, because scripts need it) or what up serves. */
function announce(ctx: CliContext, account: LocalAccount, up: LocalUp, json: boolean): void {
  const { accountId, region, accessKeyId, secretAccessKey } = account.settings;
  const { endpoint, registryHost } = up.address;
  if (json) {
    printJson(ctx, { type: 'ready', endpoint, registry: registryHost, dashboard: `${endpoint}/`, accountId, region, accessKeyId, secretAccessKey });
    return;
  }
  printData(ctx, [
    `slipway up: local account ${accountId} (${region}) on ${endpoint}`,
    `  dashboard   ${endpoint}/`,
    `  registry    ${registryHost}   docker login ${registryHost} -u AWS -p "$(aws ecr get-login-password --endpoint-url ${endpoint})"`,
    `  AWS API     ${endpoint}   eval "$(slipway account env)" points the AWS CLI and SDKs here`,
    `  access key  ${accessKeyId} (its secret is in ${account.layout.database}, readable by you only)`,
    `  home        ${account.layout.home}`,
    'Ctrl-C stops it.',
  ].join('\n'));
}

function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
