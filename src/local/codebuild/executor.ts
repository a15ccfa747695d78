// Runs one build: provisions a machine (host or container), reads the buildspec, resolves the
// environment, runs the phases with CodeBuild's transitions, uploads artifacts and reports,
// and returns the result shaped like CodeBuild's Build object.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { packArtifact } from './artifacts.js';
import { artifactFileName } from './artifact-name.js';
import type { ArtifactSpec, Buildspec } from './buildspec.js';
import { readBuildspec } from './buildspec-parser.js';
import type { Build, BuildArtifact, BuildPhaseType, BuildStatus, PhaseContext, ReportSummary } from './build-result.js';
import { projectStateDir } from './project-state.js';
import { moveCache, type CacheContext, type CacheDirection } from './cache.js';
import { restoreKeyedCache, saveKeyedCache, type KeyedCacheOutcome } from './cache-keys.js';
import { buildArn, buildEnvironment, builtinVariables, checkReservedNames, resolveEnvironment } from './environment.js';
import type { BuildEvent } from './events.js';
import { hostMachine } from './host-runner.js';
import { Masker } from './masker.js';
import { PhaseRecorder } from './phase-recorder.js';
import { runPhase } from './phase-runner.js';
import { phaseAfter, planBuild, plannedPhase, type BuildPlan, type CommandPhaseType } from './plan.js';
import { summariseReports } from './reports.js';
import { BUILD_DEFAULTS, type BuildDeps, type BuildRequest } from './request.js';
import type { BuildMachine } from './runtime.js';
import { SessionKeeper } from './session-keeper.js';
import { shellQuote } from './shell-session.js';
import { SourceBox } from './source-box.js';
import { gitSourceInfo, resolveSourceVersion } from './source-version.js';
import { MOUNTED_DOCKER_DIR } from './docker-runtime.js';
import { installBuildCommands } from './hash-files-command.js';
import { accountVariables, reachNote, withoutInheritedAws } from './account-reach.js';
import { installAwsStandIn } from './aws-stand-in.js';
import { missingUpHint } from './missing-up-hint.js';
import { BUILD_ID_LABEL, ownerLabels } from './left-builds.js';

/** AWS access key variables are masked like secrets (aws-semantics §1), and so is the `aws` stand-in's token. */
const AWS_KEY_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'SLIPWAY_AWS_TOKEN'];

/** State of one build while it runs. */
class BuildRun {
  readonly uuid = randomUUID();
  readonly masker = new Masker();
  readonly halt = new AbortController();
  haltStatus: BuildStatus | undefined;
  failed = false;
  machine: BuildMachine | undefined;
  /** Folders put first on PATH in every build shell (slipway's build commands, a mounted docker CLI). */
  commandPath: string[] = [];
  keeper: SessionKeeper | undefined;
  environment: Record<string, string> = {};
  buildspec: Buildspec | undefined;
  plan: BuildPlan | undefined;
  commit: string | undefined;
  remoteUrl: string | undefined;
  artifacts: BuildArtifact | undefined;
  secondaryArtifacts: BuildArtifact[] = [];
  reports: ReportSummary[] = [];
  exported: { name: string; value: string }[] = [];
  readonly recorder: PhaseRecorder;
  readonly now: () => number;
  readonly projectName: string;
  readonly startTime: number;

  constructor(
    readonly request: BuildRequest,
    readonly deps: BuildDeps,
    readonly buildNumber: number,
  ) {
    this.now = deps.now ?? Date.now;
    this.startTime = this.now();
    this.projectName = request.project.name ?? BUILD_DEFAULTS.projectName;
    this.recorder = new PhaseRecorder((event) => this.emit(event), this.now);
  }

  emit(event: BuildEvent): void {
    this.deps.reporter.emit(this.masker.maskValue(event));
  }

  say(text: string, level: 'info' | 'warning' = 'info'): void {
    this.emit({ type: 'build.message', level, text, time: this.now() });
  }

  stop(status: BuildStatus): void {
    if (this.haltStatus) return;
    this.haltStatus = status;
    this.halt.abort();
    // Killing a `docker exec` client leaves its process running: removing the container stops it.
    void this.machine?.dispose();
  }

  get sourceDir(): string {
    return resolve(this.request.sourceDir);
  }
}

async function provision(run: BuildRun): Promise<PhaseContext | undefined> {
  const { runner } = run.request;
  const { reach } = run.deps;
  // The build commands, then (for a build that reaches the account) the `aws` stand-in.
  const commands = [await installBuildCommands(run.deps.stateDir), ...(reach ? [await installAwsStandIn(run.deps.stateDir)] : [])];
  if (runner.kind === 'host') {
    run.machine = hostMachine(reach ? withoutInheritedAws(run.deps.env) : run.deps.env, `${run.projectName}:${run.uuid}`);
    run.commandPath = commands;
    return undefined;
  }
  const runtime = run.deps.containerRuntime;
  if (!runtime) throw new SlipwayError('NoContainerRuntime', 'a container build was asked for without a container runtime', { kind: 'internal' });
  await runtime.ensureAvailable();
  if (!(await runtime.imageExists(runner.image))) {
    return { statusCode: 'CLIENT_ERROR', message: `the image ${runner.image} is not on the local Docker engine (no image can be pulled here): build or load it first` };
  }
  const mounts = [run.sourceDir, ...Object.values(run.request.secondarySources ?? {}).map((dir) => resolve(dir))];
  // A home inside the source (the default .slipway/) holds the account's database and secrets: the
  // build container sees an empty folder there instead.
  const home = resolve(run.deps.stateDir);
  const hidden = mounts.some((mount) => home.startsWith(`${mount}${sep}`)) ? [home] : [];
  try {
    run.machine = await runtime.start({
    image: runner.image,
    name: `slipway-build-${run.uuid}`,
    mounts,
    hidden,
    readOnlyMounts: commands,
    network: runner.network ?? BUILD_DEFAULTS.network,
    privileged: run.request.project.privilegedMode ?? false,
    dockerSocket: reach?.up?.dockerSocket,
    // The build id and this process: what a SIGKILLed slipway left is found and removed later.
    labels: { [BUILD_ID_LABEL]: `${run.projectName}:${run.uuid}`, ...(await ownerLabels()) },
    });
  } catch (error) {
    if (error instanceof SlipwayError && error.kind === 'failed') return { statusCode: 'CLIENT_ERROR', message: error.message };
    throw error;
  }
  run.commandPath = [...commands, ...run.machine.extraPath];
  for (const note of run.machine.notes) run.say(note, 'warning');
  if (run.machine.extraPath.includes(MOUNTED_DOCKER_DIR)) {
    run.say(`The image has no docker CLI: the host's docker CLI is mounted at ${MOUNTED_DOCKER_DIR}/docker and put on PATH`);
  }
  return undefined;
}

async function loadBuildspecText(run: BuildRun): Promise<{ text: string; file: string } | PhaseContext> {
  const source = run.request.buildspec ?? { file: BUILD_DEFAULTS.buildspecFile };
  if ('inline' in source) return { text: source.inline, file: 'inline buildspec' };
  const file = resolve(run.sourceDir, source.file);
  try {
    return { text: await readFile(file, 'utf8'), file };
  } catch {
    return { statusCode: 'YAML_FILE_ERROR', message: `YAML file does not exist: ${file}` };
  }
}

/** DOWNLOAD_SOURCE: the buildspec, the commit, the variables and the cache. */
async function downloadSource(run: BuildRun): Promise<PhaseContext | undefined> {
  for (const note of run.request.sourceNotes ?? []) run.say(note.text, note.level);
  const loaded = await loadBuildspecText(run);
  if ('statusCode' in loaded) return loaded;
  // The agent's own lines, as CodeBuild prints them in DOWNLOAD_SOURCE.
  run.say(`CODEBUILD_SRC_DIR=${run.sourceDir}`);
  run.say(`YAML location is ${loaded.file}`);
  const reading = readBuildspec(loaded.text, loaded.file);
  if (!reading.buildspec) {
    const first = reading.problems[0];
    const where = first?.line ? ` at line ${first.line}, column ${first.column}` : '';
    return { statusCode: 'YAML_FILE_ERROR', message: `${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid buildspec'}${where}` };
  }
  for (const warning of reading.problems) run.say(warning.message, 'warning');
  run.buildspec = reading.buildspec;
  run.plan = planBuild(reading.buildspec);
  const git = await gitSourceInfo(run.sourceDir);
  run.commit = resolveSourceVersion(run.request, git.commit);
  run.remoteUrl = run.request.sourceRepoUrl ?? git.remoteUrl;
  if (!run.commit) {
    // aws-semantics §1: never empty for a Git commit; say so when nothing names the commit.
    run.say(
      'CODEBUILD_RESOLVED_SOURCE_VERSION is empty: no commit was found in the source folder and none was given (pass --resolved-source-version, or a full 40-character --source-version)',
      'warning',
    );
  }
  run.say('Processing environment variables');
  const resolved = await resolveEnvironment(
    reading.buildspec, run.request.project.environmentVariables ?? [], run.request.environmentOverrides ?? [],
    run.deps.parameters,
  );
  if (!resolved.ok) return { statusCode: resolved.statusCode, message: resolved.message };
  for (const secret of resolved.secrets) run.masker.add(secret);
  const builtins = builtinVariables({
    region: run.request.region ?? BUILD_DEFAULTS.region,
    accountId: run.request.accountId ?? BUILD_DEFAULTS.accountId,
    projectName: run.projectName,
    uuid: run.uuid,
    buildNumber: run.buildNumber,
    image: run.request.project.image ?? BUILD_DEFAULTS.image,
    initiator: run.request.initiator,
    sourceDir: run.sourceDir,
    secondarySources: Object.fromEntries(Object.entries(run.request.secondarySources ?? {}).map(([id, dir]) => [id, resolve(dir)])),
    sourceVersion: run.request.sourceVersion,
    resolvedSourceVersion: run.commit,
    sourceRepoUrl: run.remoteUrl,
    startTime: run.startTime,
    webhook: run.request.webhook,
  });
  const account = run.deps.reach ? accountVariables(run.deps.reach, run.request.runner.kind === 'host') : {};
  run.environment = buildEnvironment(run.machine!.baseEnvironment, { ...builtins, ...account }, resolved.variables);
  if (run.deps.reach) run.say(reachNote(run.deps.reach, run.request.runner.kind === 'host' || run.request.project.privilegedMode === true));
  run.say(`Moving to directory ${run.sourceDir}`);
  for (const name of AWS_KEY_VARIABLES) run.masker.add(run.environment[name]);
  return moveBuildCache(run, 'restore');
}

function cacheContext(run: BuildRun): CacheContext {
  return { stateDir: run.deps.stateDir, projectName: run.projectName, sourceDir: run.sourceDir, box: new SourceBox(run.sourceDir), machine: run.machine!, onHost: run.request.runner.kind === 'host' };
}

/**
 * A buildspec string (cache key, fallback key) evaluated by the build's shell as the top-level
 * `run-as` user; undefined, with a warning saying why, when it cannot be evaluated, or when it
 * holds a secret: a key becomes a folder name and is written to `entry.json`, in clear.
 */
async function evaluateForCache(run: BuildRun, what: string, text: string, consequence: string): Promise<string | undefined> {
  run.keeper ??= startKeeper(run);
  const evaluation = await run.keeper.evaluate(text, run.buildspec!.runAs);
  if (!evaluation.ok) {
    run.say(`${what} ${text} could not be evaluated: ${evaluation.error}; ${consequence}`, 'warning');
    return undefined;
  }
  const masked = run.masker.mask(evaluation.value);
  if (masked === evaluation.value) return evaluation.value;
  run.say(`${what} ${masked} holds a secret value, and a cache key is written to disk as a folder name; ${consequence}`, 'warning');
  return undefined;
}

/** `cache.key` as the build's shell evaluates it now; undefined when it comes out empty or cannot be evaluated. */
async function cacheKey(run: BuildRun, key: string): Promise<string | undefined> {
  const value = await evaluateForCache(run, 'The cache key', key, 'the cache is not used');
  if (value === undefined) return undefined;
  if (value === '') run.say(`The cache key ${key} evaluates to an empty string; the cache is not used`, 'warning');
  else run.say(`Cache key: ${value}`);
  return value || undefined;
}

/**
 * `cache.fallback-keys`, evaluated like the key (`npm-$BRANCH-`); an empty one would match every
 * key, and one that cannot be evaluated is left out with a warning.
 */
async function fallbackKeys(run: BuildRun): Promise<string[]> {
  const keys: string[] = [];
  for (const text of run.buildspec!.cache!.fallbackKeys) {
    const value = await evaluateForCache(run, 'The fallback key', text, 'it is left out');
    if (value) keys.push(value);
  }
  return keys;
}

/**
 * Restores the cache before INSTALL or saves it after the build: the project's one copy, or the
 * copy for `cache.key` (or, to restore, a fallback key). `cache.action` leaves out the other way.
 * A cached folder that leads out of the source folder fails the phase (CLIENT_ERROR).
 */
async function moveBuildCache(run: BuildRun, direction: CacheDirection): Promise<PhaseContext | undefined> {
  const cache = run.buildspec!.cache;
  if (!cache?.paths.length || (cache.action !== undefined && cache.action !== direction)) return undefined;
  if (run.request.project.cache === false) {
    if (direction === 'restore') run.say('The project has no cache (Cache.Type NO_CACHE), so the buildspec\'s cache paths are neither restored nor saved');
    return undefined;
  }
  const ctx = cacheContext(run);
  let outcome: KeyedCacheOutcome = { messages: [], warnings: [] };
  if (cache.key === undefined) outcome = { ...(await moveCache(ctx, cache.paths, direction)), warnings: [] };
  else if (direction === 'save' && run.failed) {
    // Our reading (AWS does not say): a keyed copy is never updated once made, so what a failed
    // build left (a half-installed node_modules) would stay under its key for good.
    outcome.messages = ['the build failed, so nothing is saved under a cache key (a keyed cache is never updated once created)'];
  } else {
    const key = await cacheKey(run, cache.key);
    if (key !== undefined && direction === 'restore') outcome = await restoreKeyedCache(ctx, cache.paths, key, await fallbackKeys(run));
    if (key !== undefined && direction === 'save') outcome = await saveKeyedCache(ctx, cache.paths, key, `${run.projectName}:${run.uuid}`);
  }
  for (const warning of outcome.warnings) run.say(`Cache: ${warning}`, 'warning');
  for (const message of outcome.messages) run.say(`Cache: ${message}`);
  return outcome.refusal === undefined ? undefined : { statusCode: 'CLIENT_ERROR', message: outcome.refusal };
}

function startKeeper(run: BuildRun): SessionKeeper {
  const plan = run.plan!;
  return new SessionKeeper({
    machine: run.machine!,
    shell: plan.shell ?? run.machine!.defaultShell,
    sourceDir: run.sourceDir,
    sessionPerBuild: plan.sessionPerBuild,
    path: run.commandPath,
    environment: () => run.environment,
    onLine: (text) => run.emit({ type: 'command.output', phaseType: run.recorder.current, text, time: run.now() }),
    safeCut: (text, at, final) => run.masker.safeCut(text, at, final),
    halt: run.halt.signal,
  });
}

/** INSTALL → PRE_BUILD → BUILD → POST_BUILD, following CodeBuild's transitions. */
async function runCommandPhases(run: BuildRun): Promise<BuildPhaseType> {
  const plan = run.plan!;
  run.keeper ??= startKeeper(run);
  let next: BuildPhaseType = 'INSTALL';
  for (const phase of plan.phases) {
    if (next !== phase.phaseType) continue;
    run.recorder.start(phase.phaseType);
    if (Object.keys(phase.runtimeVersions).length > 0) {
      run.say(`runtime-versions (${Object.keys(phase.runtimeVersions).join(', ')}) is not supported on ${run.machine!.description}; skipped`, 'warning');
    }
    await run.keeper.export('CODEBUILD_BUILD_SUCCEEDING', run.failed ? '0' : '1');
    const hint = run.deps.reach && !run.deps.reach.up ? missingUpHint : undefined;
    const outcome = await runPhase({ keeper: run.keeper, emit: (e) => run.emit(e), now: run.now, hint }, phase);
    if (outcome.halted) return 'FINALIZING';
    run.recorder.finish(outcome.failed ? 'FAILED' : 'SUCCEEDED', outcome.contexts);
    if (outcome.failed) {
      run.failed = true;
      run.environment = { ...run.environment, CODEBUILD_BUILD_SUCCEEDING: '0' };
    }
    if (phase.phaseType === 'POST_BUILD' && !run.haltStatus) await captureExported(run, phase.user);
    next = phaseAfter(phase.phaseType as CommandPhaseType, outcome.failed, phase.onFailure);
  }
  return next;
}

/** exported-variables: the values at the end of POST_BUILD. */
async function captureExported(run: BuildRun, user: string | undefined): Promise<void> {
  const names = run.plan!.exportedVariables;
  if (names.length === 0) return;
  const mark = `__slipway_exported_${run.uuid}__`;
  const script = names.map((name) => `printf '%s%s=%s' '${mark}' ${shellQuote(name)} "\${${name}-}"`).join('\n');
  try {
    const output = await run.keeper!.capture(script, user);
    run.exported = output
      .split(mark)
      .slice(1)
      .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) }));
  } catch (error) {
    run.say(`Could not read exported-variables: ${(error as Error).message}`, 'warning');
  }
}

/**
 * An artifact's file name: `name` as the shell evaluates it (as POST_BUILD's user), or the
 * default; a secret in it is masked in the name itself, since the name is written to disk and
 * printed in the result. A name that cannot be a file name is a problem (CLIENT_ERROR).
 */
async function artifactName(run: BuildRun, spec: ArtifactSpec, fallback: string): Promise<{ name: string } | { problem: string }> {
  if (spec.name === undefined) return { name: fallback };
  // The name is evaluated by the shell at build time (e.g. `build-$CODEBUILD_BUILD_NUMBER`),
  // as POST_BUILD's user: artifact names are read after the last command phase.
  const user = run.plan ? plannedPhase(run.plan, 'POST_BUILD')?.user : undefined;
  const evaluation = await run.keeper!.evaluate(spec.name, user);
  if (!evaluation.ok) {
    run.say(`The artifact name ${spec.name} could not be evaluated: ${evaluation.error}; the artifact is named ${fallback}`, 'warning');
    return { name: fallback };
  }
  if (evaluation.value === '') {
    run.say(`The artifact name ${spec.name} evaluates to an empty string; the artifact is named ${fallback}`, 'warning');
    return { name: fallback };
  }
  return artifactFileName(run.masker.mask(evaluation.value));
}

/** UPLOAD_ARTIFACTS: zips, reports and the cache, read only from inside the source folder. */
async function uploadArtifacts(run: BuildRun): Promise<PhaseContext | undefined> {
  const spec = run.buildspec!;
  const dir = resolve(run.request.artifactsDir ?? join(projectStateDir(run.deps.stateDir, run.projectName), 'artifacts', String(run.buildNumber)));
  // slipway's home is never packed when it sits inside the source (the default .slipway/); a source
  // inside the home (a pipeline action's unzipped input) is the build's own, so only the zips are left out.
  const home = resolve(run.deps.stateDir);
  const leaveOut = run.sourceDir.startsWith(`${home}${sep}`) ? [dir] : [home, dir];
  const box = new SourceBox(run.sourceDir);
  const packing = run.request.project.artifacts !== false;
  if (!packing && (spec.artifacts || Object.keys(spec.secondaryArtifacts).length > 0)) {
    run.say('The project produces no artifacts (Artifacts.Type NO_ARTIFACTS), so the buildspec\'s artifacts are not packed');
  }
  if (spec.artifacts && packing) {
    if (spec.artifacts.s3Prefix) run.say('artifacts.s3-prefix has no meaning for local zip files; ignored');
    const name = await artifactName(run, spec.artifacts, run.projectName);
    if ('problem' in name) return { statusCode: 'CLIENT_ERROR', message: name.problem };
    const packed = await packArtifact(box, spec.artifacts, join(dir, `${name.name}.zip`), leaveOut);
    if ('message' in packed) return { statusCode: 'CLIENT_ERROR', message: packed.message };
    run.artifacts = { location: packed.location, sha256sum: packed.sha256sum, md5sum: packed.md5sum };
    run.say(`Wrote the primary artifact ${packed.location} (${packed.fileCount} files)`);
  }
  for (const [identifier, one] of Object.entries(packing ? spec.secondaryArtifacts : {})) {
    const name = await artifactName(run, one, identifier);
    if ('problem' in name) return { statusCode: 'CLIENT_ERROR', message: `${identifier}: ${name.problem}` };
    const packed = await packArtifact(box, one, join(dir, identifier, `${name.name}.zip`), leaveOut);
    if ('message' in packed) return { statusCode: 'CLIENT_ERROR', message: `${identifier}: ${packed.message}` };
    run.secondaryArtifacts.push({ artifactIdentifier: identifier, location: packed.location, sha256sum: packed.sha256sum, md5sum: packed.md5sum });
    run.say(`Wrote the secondary artifact ${identifier}: ${packed.location} (${packed.fileCount} files)`);
  }
  const reports = await summariseReports(box, spec.reports);
  if ('message' in reports) return { statusCode: 'CLIENT_ERROR', message: reports.message };
  run.reports = reports;
  for (const report of run.reports) {
    run.say(`Report ${report.reportGroupName}: ${report.total} tests, ${report.statusCounts.FAILED} failed, ${report.statusCounts.ERROR} errors, ${report.statusCounts.SKIPPED} skipped`);
  }
  return moveBuildCache(run, 'save');
}

/** Runs a non-command phase step, recording its status; returns false when it failed. */
async function step(run: BuildRun, phaseType: BuildPhaseType, body: () => Promise<PhaseContext | undefined>): Promise<boolean> {
  run.recorder.start(phaseType);
  const context = await body();
  if (run.haltStatus) return false;
  if (context) {
    run.failed = true;
    run.recorder.finish('FAILED', [context]);
    return false;
  }
  run.recorder.finish('SUCCEEDED');
  return true;
}

function result(run: BuildRun): Build {
  const status: BuildStatus = run.haltStatus ?? (run.failed ? 'FAILED' : 'SUCCEEDED');
  const id = `${run.projectName}:${run.uuid}`;
  const region = run.request.region ?? BUILD_DEFAULTS.region;
  const build: Build = {
    id,
    arn: buildArn(region, run.request.accountId ?? BUILD_DEFAULTS.accountId, id),
    buildNumber: run.buildNumber,
    startTime: new Date(run.startTime).toISOString(),
    endTime: new Date(run.now()).toISOString(),
    currentPhase: 'COMPLETED',
    buildStatus: status,
    projectName: run.projectName,
    phases: run.recorder.phases,
    environment: {
      image: run.request.project.image ?? BUILD_DEFAULTS.image,
      privilegedMode: run.request.project.privilegedMode ?? false,
      type: 'LINUX_CONTAINER',
      runner: run.machine?.description ?? 'none',
    },
    secondaryArtifacts: run.secondaryArtifacts,
    exportedEnvironmentVariables: run.exported,
    reports: run.reports,
    initiator: run.request.initiator,
    buildComplete: true,
    timeoutInMinutes: run.request.project.timeoutInMinutes ?? BUILD_DEFAULTS.timeoutInMinutes,
    logs: {},
  };
  const sourceVersion = run.request.sourceVersion ?? run.commit;
  if (sourceVersion) build.sourceVersion = sourceVersion;
  if (run.commit) build.resolvedSourceVersion = run.commit;
  if (run.artifacts) build.artifacts = run.artifacts;
  // Secret values stay hidden in API answers too (product brief, non-negotiables): exported
  // variables, artifact locations, phase context messages, report file names.
  return run.masker.maskValue(build);
}

function armStops(run: BuildRun): () => void {
  const minutes = run.request.project.timeoutInMinutes ?? BUILD_DEFAULTS.timeoutInMinutes;
  const timer = setTimeout(() => run.stop('TIMED_OUT'), minutes * 60_000);
  const onStop = () => run.stop('STOPPED');
  run.deps.signal?.addEventListener('abort', onStop, { once: true });
  if (run.deps.signal?.aborted) onStop();
  return () => {
    clearTimeout(timer);
    run.deps.signal?.removeEventListener('abort', onStop);
  };
}

async function runPhases(run: BuildRun): Promise<void> {
  run.recorder.instant('SUBMITTED');
  run.recorder.instant('QUEUED');
  const reason = run.request.runner.reason ? ` because ${run.request.runner.reason}` : '';
  if (run.request.runner.kind === 'container') run.say(`Starting a build container from ${run.request.runner.image}${reason}`);
  if (!(await step(run, 'PROVISIONING', () => provision(run)))) return;
  run.say(`Running on ${run.machine!.description}${run.request.runner.kind === 'host' ? reason : ''}`);
  if (!(await step(run, 'DOWNLOAD_SOURCE', () => downloadSource(run)))) return;
  const next = await runCommandPhases(run);
  if (next === 'UPLOAD_ARTIFACTS' && !run.haltStatus) await step(run, 'UPLOAD_ARTIFACTS', () => uploadArtifacts(run));
}

/** Marks the phase a stop or timeout interrupted. */
function closeHaltedPhase(run: BuildRun): void {
  const last = run.recorder.phases[run.recorder.phases.length - 1];
  if (!run.haltStatus || !last || last.phaseStatus) return;
  const message = run.haltStatus === 'TIMED_OUT' ? 'Build has timed out' : 'Build was stopped';
  run.recorder.finish(run.haltStatus, [{ statusCode: run.haltStatus === 'TIMED_OUT' ? 'BUILD_TIMED_OUT' : 'BUILD_STOPPED', message }]);
}

/**
 * Runs one build as CodeBuild would and returns its Build record. A failed build is a result
 * (buildStatus FAILED); only surprises and a missing Docker engine are thrown.
 */
export async function runBuild(request: BuildRequest, deps: BuildDeps): Promise<Build> {
  const projectName = request.project.name ?? BUILD_DEFAULTS.projectName;
  // StartBuild rejects reserved names before a build exists (InvalidInputException).
  checkReservedNames([
    { where: 'project.environmentVariables', variables: request.project.environmentVariables ?? [] },
    { where: 'environmentOverrides', variables: request.environmentOverrides ?? [] },
  ]);
  const run = new BuildRun(request, deps, deps.buildNumber);
  run.emit({ type: 'build.started', buildId: `${projectName}:${run.uuid}`, buildNumber: run.buildNumber, projectName, time: run.startTime });
  const disarm = armStops(run);
  try {
    await runPhases(run);
  } catch (error) {
    // An error message may quote a value (a command's output, a name): it is masked too.
    throw run.masker.maskError(error);
  } finally {
    disarm();
    closeHaltedPhase(run);
    run.recorder.start('FINALIZING');
    run.keeper?.close();
    await run.machine?.dispose();
    run.recorder.finish('SUCCEEDED');
    run.recorder.start('COMPLETED');
  }
  const build = result(run);
  run.emit({ type: 'build.finished', buildStatus: build.buildStatus, time: run.now() });
  return build;
}
