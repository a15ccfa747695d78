// The account's CodeBuild: its projects, StartBuild, and the record of every build with its log.
// The CLI's `slipway build`, `builds` and `logs` (and later the pipeline's CodeBuild action and the
// local AWS endpoint) all go through here.
import { rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { SlipwayError } from '../../errors.js';
import type { Reporter } from '../../reporter.js';
import type { ArtifactStore } from '../artifacts/index.js';
import { layeredParameterSource, type ParameterSource } from '../parameters/index.js';
import type { StateDatabase } from '../state/index.js';
import type { ProcessOwner } from '../state/process-owner.js';
import type { Build } from './build-result.js';
import { BuildRecorder } from './build-recorder.js';
import { BuildRecords, type RecordedBuild } from './build-records.js';
import type { BuildEvent } from './events.js';
import { runBuild } from './executor.js';
import { projectStateDir } from './project-state.js';
import { Projects, type CodeBuildProject } from './projects.js';
import type { ContainerRuntime } from './runtime.js';
import { uploadS3Artifacts } from './s3-artifacts.js';
import { buildRequestFor, type StartBuildInput } from './start-build.js';
import { homeReach, type ReachSettings } from './home-reach.js';

/** What the service is wired with (by the account). */
export interface CodeBuildServiceOptions {
  db: StateDatabase;
  /** The home: artifacts and caches go under `<home>/codebuild/<project>/`. */
  home: string;
  /** The account's location, retention and key, read when a build starts (with a key, builds reach the account: home-reach.ts). */
  settings: () => ReachSettings & { buildsKept: number };
  /** The account's parameters and secrets. */
  parameters: ParameterSource;
  buckets: ArtifactStore;
  /** The container engine, made when a container build first needs it. */
  containers: () => ContainerRuntime;
  /** slipway's own environment (host builds inherit PATH, HOME, AWS_*). */
  env: NodeJS.ProcessEnv;
  owner: ProcessOwner;
  /** Receives every build's events (the account's event stream). */
  reporter: Reporter<BuildEvent>;
}

/** How one StartBuild call is watched. */
export interface BuildWatch {
  /** Stops the build (STOPPED) when aborted. */
  signal?: AbortSignal;
  /** Sources read before the account's store (a `--parameters` file). */
  parameters?: ParameterSource[];
  /** Hears the build's id as soon as the build is recorded (before it ends). */
  onStarted?: (buildId: string) => void;
}

/** The local CodeBuild service of one account. */
export class CodeBuildService {
  readonly projects: Projects;
  readonly builds: BuildRecords;
  /** Builds this process runs, by id, and how to stop each. */
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly options: CodeBuildServiceOptions) {
    this.projects = new Projects(options.db, options.settings);
    this.builds = new BuildRecords(options.db);
  }

  /** Runs one build to its end and returns it (a failed build is a result, not an exception). */
  async startBuild(input: StartBuildInput, watch: BuildWatch = {}): Promise<Build> {
    return (await this.beginBuild(input, watch)).finished;
  }

  /**
   * Starts a build and returns its record as soon as it has one (IN_PROGRESS, with its id), while
   * the build runs on in `finished`: CodeBuild's StartBuild answers with the build it started.
   * A build that cannot start (an unknown project, a reserved variable name) fails here.
   */
  async beginBuild(input: StartBuildInput, watch: BuildWatch = {}): Promise<{ build: RecordedBuild; finished: Promise<Build> }> {
    const stop = new AbortController();
    let buildId: string | undefined;
    // Everything up to the executor's first wait runs now, so the record exists when run() returns.
    const finished = this.run(input, { ...watch, signal: watch.signal ? AbortSignal.any([watch.signal, stop.signal]) : stop.signal }, (id) => {
      buildId = id;
      this.running.set(id, stop);
    }).finally(() => {
      if (buildId !== undefined) this.running.delete(buildId);
    });
    if (buildId === undefined) {
      await finished;
      throw new Error('the build ended before it started');
    }
    finished.catch(() => undefined);
    return { build: this.requireBuild(buildId), finished };
  }

  /**
   * StopBuild for a build this process runs: it ends as STOPPED (see the build's log). A build
   * that has ended is returned as it is; one another slipway process runs cannot be stopped here.
   */
  stopBuild(id: string): RecordedBuild {
    const build = this.requireBuild(id);
    const running = this.running.get(id);
    if (running) running.abort();
    else if (build.buildStatus === 'IN_PROGRESS') {
      throw new SlipwayError('InvalidInputException', `Build ${id} is run by another slipway process, which alone can stop it`, { hint: 'stop it where it runs (Ctrl-C on its slipway build)' });
    }
    return this.requireBuild(id);
  }

  private async run(input: StartBuildInput, watch: BuildWatch, started: (buildId: string) => void): Promise<Build> {
    const project = input.projectName === undefined ? undefined : this.projects.require(input.projectName);
    if (project) this.checkArtifactBuckets(project);
    const settings = this.options.settings();
    const request = buildRequestFor(project, input, this.options.buckets, settings);
    const onStarted = (buildId: string) => {
      started(buildId);
      watch.onStarted?.(buildId);
    };
    const recorder = new BuildRecorder({
      records: this.builds, owner: this.options.owner, ...settings, initiator: input.initiator, forward: this.options.reporter,
      onStarted,
    });
    const build = await runBuild(request, {
      reporter: recorder,
      containerRuntime: request.runner.kind === 'container' ? this.options.containers() : undefined,
      parameters: layeredParameterSource([...(watch.parameters ?? []), this.options.parameters]),
      signal: watch.signal,
      stateDir: this.options.home,
      env: this.options.env,
      reach: homeReach(this.options.home, settings),
      buildNumber: this.builds.nextBuildNumber(request.project.name!),
    }).catch((error: unknown) => {
      recorder.fault(error instanceof Error ? error.message : String(error));
      throw error;
    });
    recorder.finish(build);
    if (project) await uploadS3Artifacts(this.options.buckets, build, project.artifacts, project.secondaryArtifacts);
    await this.prune(build.projectName, settings.buildsKept);
    return build;
  }

  /** A recorded build, or ResourceNotFoundException naming the id. */
  requireBuild(id: string): RecordedBuild {
    const build = this.builds.get(id);
    if (!build) throw new SlipwayError('ResourceNotFoundException', `Build not found: ${id}`, { hint: 'list recorded builds with: slipway builds' });
    return build;
  }

  // An S3 artifact needs its bucket: CodeBuild would fail UPLOAD_ARTIFACTS, after the whole build.
  private checkArtifactBuckets(project: CodeBuildProject): void {
    for (const artifacts of [project.artifacts, ...project.secondaryArtifacts]) {
      if (artifacts.type === 'S3' && !this.options.buckets.hasBucket(artifacts.location ?? '')) {
        throw new SlipwayError('InvalidInputException', `the artifacts bucket '${artifacts.location ?? ''}' of project ${project.name} does not exist locally`, {
          hint: 'create it with an AWS::S3::Bucket in a local stack',
        });
      }
    }
  }

  // Retention: the oldest builds beyond the setting go, with their logs and the zips of their default artifacts folder.
  private async prune(projectName: string, keep: number): Promise<void> {
    const folder = resolve(projectStateDir(this.options.home, projectName), 'artifacts');
    for (const build of this.builds.prune(projectName, keep)) {
      const location = build.artifacts?.location ?? build.secondaryArtifacts?.[0]?.location;
      if (location && resolve(location).startsWith(`${folder}${sep}`)) await rm(join(folder, String(build.buildNumber)), { recursive: true, force: true });
    }
  }
}
