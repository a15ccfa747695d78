// `slipway up`'s running account: one port on 127.0.0.1 serving the registry's /v2/ and the AWS
// API (later webhooks and the dashboard), the pipeline engine running executions, and the Git
// sources watched. It records itself in the home so that other commands use it while it runs.
import type { KeyLookup, ServiceTable } from '../aws-api/index.js';
import { createAwsGateway } from '../aws-api/index.js';
import type { LocalAccount } from '../account/index.js';
import { clearRunningUp, LOCAL_HOST, recordRunningUp } from '../account/index.js';
import { AccountEventSources } from '../events/index.js';
import { DEFAULT_POLL_MS, SourceWatch, type PipelineEngine } from '../pipeline/index.js';
import { openRegistry, recordRegistryEndpoint, type LocalRegistry, type RegistryAddress } from '../registry/index.js';
import { SlipwayError } from '../../errors.js';
import { TaskRunner } from './background-tasks.js';
import { buildServices } from './build-services.js';
import { mountUpRoutes, type WebRoute } from './router.js';
import type { UpEvent } from './up-events.js';

/** How `up` is started. */
export interface UpOptions {
  account: LocalAccount;
  /** The AWS API operations served, by service (src/local/aws-api/services). */
  services: ServiceTable;
  /** The keys AWS API requests may be signed with (the account's, and AssumeRole's sessions). */
  keys: KeyLookup;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** How often other processes' pipeline changes are looked for. Default 1 s. */
  changePollMs?: number;
  /** How often Git sources are polled besides their file-system events (`--poll-interval`). Default DEFAULT_POLL_MS. */
  sourcePollMs?: { local: number; remote: number };
  /** What up serves to browsers and webhooks, made once the account's parts are open. */
  web?: (parts: UpParts) => WebRoute[];
}

/** The parts of a running up that its web routes use. */
export interface UpParts {
  account: LocalAccount;
  registry: LocalRegistry;
  engine: PipelineEngine;
  /** The watched Git sources (the webhook route's hook calls check them). */
  sources: SourceWatch;
}

/** A running `up`. */
export interface LocalUp {
  address: RegistryAddress;
  registry: LocalRegistry;
  engine: PipelineEngine;
  /** Stops serving, stops running executions and background work, and forgets the record. */
  close(): Promise<void>;
}

/** Starts the account's servers and engines; fails when another `up` runs on the home. */
export async function startLocalUp(options: UpOptions): Promise<LocalUp> {
  const { account } = options;
  const other = account.runningUp();
  if (other) {
    throw new SlipwayError('UpAlreadyRunning', `slipway up already runs on this home (process ${other.owner.split('@')[0]}, ${other.endpoint})`, {
      kind: 'environment', hint: 'use that one, stop it, or give another --home',
    });
  }
  const report = account.events.reporterFor<UpEvent>('slipway');
  const registry = openRegistry({ dataDir: account.layout.registry, accountId: account.settings.accountId, region: account.settings.region, reporter: account.events.reporterFor('ecr') });
  const tasks = new TaskRunner(({ name, error }) => report.emit({ type: 'up.task.failed', name, error: error instanceof Error ? error.message : String(error) }));
  const engine = account.pipelineEngine();
  const sources = new SourceWatch(engine, account, options.sourcePollMs);
  const builds = buildServices({ account, registry, services: options.services, tasks, engine });
  let address: RegistryAddress;
  try {
    const gateway = await createAwsGateway({
      keys: options.keys, services: options.services, reporter: account.events.reporterFor('aws-api'),
      context: (facts) => ({ ...facts, account, registry, tasks, engine }),
    });
    address = await registry.listen({
      port: options.port, host: options.host ?? LOCAL_HOST,
      mount: (server) => mountUpRoutes(server, gateway, [...builds.routes, ...(options.web?.({ account, registry, engine, sources }) ?? [])]),
    });
    await builds.start(address);
  } catch (error) {
    await builds.close();
    await registry.close();
    throw error;
  }
  recordRunningUp(
    account.layout.home,
    { owner: account.owner, endpoint: address.endpoint, registry: address.registryHost, startedAt: new Date().toISOString() },
  );
  // Kept after up stops: stacks made meanwhile name this address, and the next up serves on it again.
  recordRegistryEndpoint(registry.dataDir, address.registryHost);
  const stopPipelines = await runPipelines(account, engine, sources, options.changePollMs ?? 1000);
  const stopEvents = await runEventSources(account, engine, registry, options.sourcePollMs?.local ?? DEFAULT_POLL_MS.local, (error) => report.emit({ type: 'up.task.failed', name: 'eventbridge', error: error instanceof Error ? error.message : String(error) }));
  return {
    address, registry, engine,
    async close() {
      stopEvents();
      stopPipelines();
      await engine.close();
      await tasks.stopAll();
      await builds.close();
      await registry.close();
      clearRunningUp(account.layout.home, account.owner);
    },
  };
}

/** Opens the engine, watches every pipeline's sources, and follows pipeline changes from any process. */
async function runPipelines(account: LocalAccount, engine: PipelineEngine, watch: SourceWatch, changePollMs: number): Promise<() => void> {
  engine.open();
  // A created pipeline's first execution is recorded (with its commits) before its sources are
  // looked at again, so the same commit never starts two executions.
  engine.follow(() => watch.refresh().catch(() => undefined));
  const timer = setInterval(() => account.pipelines.readChanges(), changePollMs);
  timer.unref();
  await watch.refresh();
  return () => {
    clearInterval(timer);
    watch.close();
  };
}

/** Puts the account's CodeCommit pushes and ECR image pushes on the local EventBridge (those made while down first). */
async function runEventSources(
  account: LocalAccount, engine: PipelineEngine, registry: LocalRegistry, pollMs: number, onFailure: (error: unknown) => void,
): Promise<() => void> {
  const { accountId, region } = account.settings;
  const sources = new AccountEventSources({
    db: account.db, codecommit: account.codecommit, rules: account.eventRules, engine, registry,
    location: () => ({ accountId, region }), pollMs, onFailure,
  });
  const unsubscribe = account.events.subscribe(sources.onAccountEvent);
  await sources.start();
  return () => {
    unsubscribe();
    sources.close();
  };
}
