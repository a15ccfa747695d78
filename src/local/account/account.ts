// The local account: the one composition root per home. It knows the home's layout, opens the
// state database once, holds the account's settings, wires the services (registry, buckets,
// parameters and secrets, CodeBuild, pipelines, CodeCommit) and the stack engine that is their
// client, and, when it opens, finishes what a killed slipway left in progress. CLI commands (and
// later `slipway up`) only call it.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactStore } from '../artifacts/index.js';
import { BUILD_RECORD_MIGRATIONS, CodeBuildService, PROJECT_MIGRATIONS, DockerRuntime, removeLeftBuilds, type InterruptedBuild, type RemovedBuilds } from '../codebuild/index.js';
import { readImageMap } from '../codebuild/image-map.js';
import { CODECOMMIT_MIGRATIONS, CodeCommitRepositories } from '../codecommit/repositories.js';
import { EVENT_SOURCE_MIGRATIONS } from '../events/index.js';
import { PARAMETER_MIGRATIONS, ParameterStore } from '../parameters/index.js';
import { Connections, EventRules, ExecutionStore, PIPELINE_MIGRATIONS, PipelineEngine, Pipelines, type PipelineEngineOptions, SourceLocations, type PipelineEvent, type PipelineExecution } from '../pipeline/index.js';
import { openRegistryControl, readRecordedRegistryEndpoint, type RegistryControl } from '../registry/index.js';
import { ChangeSets, recoverInterrupted, registryRepositoryControl, STACK_MIGRATIONS, StackEngine, type RecoveredOperation, type StackLocationSettings } from '../stack/index.js';
import { currentOwner, faultPoints, openStateDatabase, type StateDatabase } from '../state/index.js';
import { DEFAULT_REGISTRY_ENDPOINT, DEFAULT_WEBHOOK_ENDPOINT } from './addresses.js';
import { readRunningUp, type RunningUp } from './running-up.js';
import { AccountEvents } from './events.js';
import { accountLayout, type AccountLayout } from './layout.js';
import { ACCOUNT_MIGRATIONS, changeSettings, loadSettings, rotateAccessKey, secretOf, type AccountSettings } from './settings.js';
import { SlipwayError } from '../../errors.js';

/** Every service's tables, applied when the database is opened. */
const MIGRATIONS = [
  ...ACCOUNT_MIGRATIONS, ...STACK_MIGRATIONS, ...PARAMETER_MIGRATIONS, ...BUILD_RECORD_MIGRATIONS, ...PROJECT_MIGRATIONS,
  ...PIPELINE_MIGRATIONS, ...CODECOMMIT_MIGRATIONS, ...EVENT_SOURCE_MIGRATIONS
];

/** How to open an account. */
export interface AccountOptions {
  home: string;
  /** slipway's own environment: host builds inherit it, the docker CLI runs with it. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** What opening the home finished for processes that had died. */
export interface Recovery {
  stacks: RecoveredOperation[];
  builds: InterruptedBuild[];
  /** Pipeline executions whose process died, now Failed. */
  executions: PipelineExecution[];
  /** The containers and host processes those builds left running, now removed. */
  leftovers: RemovedBuilds;
}

/** One home's local account. */
export class LocalAccount {
  readonly layout: AccountLayout;
  readonly events = new AccountEvents();
  readonly owner = currentOwner();
  readonly db: StateDatabase;
  readonly parameters: ParameterStore;
  readonly buckets: ArtifactStore;
  readonly codebuild: CodeBuildService;
  readonly pipelines: Pipelines;
  readonly connections: Connections;
  readonly eventRules: EventRules;
  readonly codecommit: CodeCommitRepositories;
  readonly stacks: StackEngine;
  readonly changeSets: ChangeSets;
  readonly executions: ExecutionStore;
  readonly sources: SourceLocations;
  private current: AccountSettings;
  private readonly env: NodeJS.ProcessEnv;
  private registry: RegistryControl | undefined;

  constructor(options: AccountOptions) {
    this.layout = accountLayout(options.home);
    mkdirSync(this.layout.home, { recursive: true, mode: 0o700 });
    // The default home is `.slipway/` inside the user's repository: Git must never pick it up.
    const ignore = join(this.layout.home, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '# slipway state: never committed\n*\n', { mode: 0o600 });
    // The database holds secrets and generated passwords: this user's only, whatever the umask. It
    // is made 0600 before SQLite opens it, so its -wal and -shm files (which copy its mode) are too.
    closeSync(openSync(this.layout.database, 'a', 0o600));
    chmodSync(this.layout.database, 0o600);
    this.db = openStateDatabase(this.layout.database, MIGRATIONS);
    this.current = loadSettings(this.db);
    const env = (this.env = options.env ?? process.env);
    this.parameters = new ParameterStore(this.db);
    this.buckets = new ArtifactStore(this.layout.buckets);
    this.pipelines = new Pipelines(this.db, () => this.settings);
    this.connections = new Connections(this.db);
    this.eventRules = new EventRules(this.db);
    this.codecommit = new CodeCommitRepositories(this.db, this.layout.codecommit);
    this.codebuild = new CodeBuildService({
      db: this.db, home: this.layout.home, settings: () => this.settings, parameters: this.parameters, buckets: this.buckets,
      containers: () => new DockerRuntime(env), env, owner: this.owner, reporter: this.events.reporterFor('codebuild'),
    });
    this.stacks = new StackEngine({
      database: this.db, home: this.layout.home, location: () => this.stackLocation(), artifacts: this.buckets,
      repositories: registryRepositoryControl(() => this.registryControl()),
      services: {
        parameters: this.parameters, projects: this.codebuild.projects, pipelines: this.pipelines, connections: this.connections,
        eventRules: this.eventRules, codecommit: this.codecommit,
      },
      owner: this.owner, reporter: this.events.reporterFor('cloudformation'), fault: faultPoints(env.SLIPWAY_FAULTS),
    });
    this.changeSets = new ChangeSets(this.stacks);
    this.executions = new ExecutionStore(this.db);
    this.sources = new SourceLocations(this.db, this.codecommit, undefined, this.layout.sourceMirrors);
  }

  /** The account's settings as they are now. */
  get settings(): AccountSettings {
    return this.current;
  }

  /** The home's running `slipway up`, while its process lives. */
  runningUp(): RunningUp | undefined {
    return readRunningUp(this.layout.home);
  }

  /**
   * Where RepositoryUri points: the setting, else the running `slipway up`, else where this
   * home's `slipway registry` last listened, else 127.0.0.1:5000.
   */
  registryEndpoint(): string {
    return this.current.registryEndpoint ?? this.runningUp()?.registry ?? readRecordedRegistryEndpoint(this.layout.registry) ?? DEFAULT_REGISTRY_ENDPOINT;
  }

  /** The base of webhook URLs: the running `slipway up`'s, else the default address up serves them on. */
  webhookEndpoint(): string {
    const running = this.runningUp();
    return running ? `${running.endpoint}/webhooks` : DEFAULT_WEBHOOK_ENDPOINT;
  }

  /** Replaces the account's access key (`slipway account rotate-key`). */
  rotateAccessKey(): AccountSettings {
    rotateAccessKey(this.db);
    this.current = loadSettings(this.db);
    return this.current;
  }

  /** The secret AWS API requests signed with `accessKeyId` must use, while that is the account's key. */
  secretOf(accessKeyId: string): string | undefined {
    return secretOf(this.db, accessKeyId);
  }

  /** Changes settings; the account id and region cannot change under existing stacks (their ARNs carry them). */
  changeSettings(changes: Record<string, string>): AccountSettings {
    const moving = ['accountId', 'region'].filter((key) => changes[key] !== undefined && changes[key] !== this.current[key as 'accountId' | 'region']);
    const stacks = this.stacks.listStacks();
    if (moving.length > 0 && stacks.length > 0) {
      throw new SlipwayError('InvalidSetting', `${moving.join(' and ')} cannot change while the account has stacks (${stacks.map((stack) => stack.stackName).join(', ')})`, {
        hint: 'delete the stacks first (slipway stack delete), or use another home (--home)',
      });
    }
    changeSettings(this.db, changes);
    this.current = loadSettings(this.db);
    return this.current;
  }

  /**
   * A pipeline engine running executions in this process (`slipway up`, or `slipway start` when no
   * `up` runs); `open()` it to end executions a killed process left and to follow pipeline changes.
   */
  pipelineEngine(timing: Pick<PipelineEngineOptions, 'minuteMs' | 'transitionPollMs'> = {}): PipelineEngine {
    return new PipelineEngine({
      ...timing,
      pipelines: this.pipelines, store: this.executions, owner: this.owner, reporter: this.events.reporterFor<PipelineEvent>('codepipeline'), workRoot: this.layout.pipelineWork,
      services: {
        buckets: this.buckets, codebuild: this.codebuild, connections: this.connections, sources: this.sources,
        imageMap: () => readImageMap(this.layout.imageMap),
        stacks: this.stacks, changeSets: this.changeSets, images: () => this.registryControl(), location: () => this.stackLocation(),
      },
    });
  }

  /** Finishes what killed slipway processes left in progress on this home: stack operations, builds, pipeline executions. */
  async recover(): Promise<Recovery> {
    const builds = this.codebuild.builds.markInterrupted();
    const leftovers = builds.length > 0 ? await removeLeftBuilds(builds.map((build) => build.id), this.env) : { containers: [], processes: [] };
    const executions = this.executions.endInterrupted();
    const stacks = await recoverInterrupted(this.stacks);
    return { stacks, builds, executions, leftovers };
  }

  /** Closes the database and the registry's control plane. */
  close(): void {
    this.registry?.close();
    if (this.db.open) this.db.close();
  }

  private stackLocation(): StackLocationSettings {
    return {
      accountId: this.current.accountId, region: this.current.region, registryEndpoint: this.registryEndpoint(),
      webhookEndpoint: this.webhookEndpoint(),
    };
  }

  // Control plane only (no data lock): it works while `slipway registry` serves the same folder.
  private registryControl(): RegistryControl {
    this.registry ??= openRegistryControl({ dataDir: this.layout.registry, accountId: this.current.accountId, region: this.current.region });
    return this.registry;
  }
}

/** Opens the account of a home and finishes what killed processes left in progress there. */
export async function openAccount(options: AccountOptions): Promise<{ account: LocalAccount; recovery: Recovery }> {
  const account = new LocalAccount(options);
  try {
    return { account, recovery: await account.recover() };
  } catch (error) {
    account.close();
    throw error;
  }
}
