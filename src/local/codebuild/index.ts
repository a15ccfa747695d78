// Local CodeBuild: the account's CodeBuild service (projects, StartBuild, recorded builds and
// logs) and the executor it runs builds with.
export { runBuild } from './executor.js';
export type { BuildRequest, BuildDeps, EnvironmentVariable, RunnerChoice } from './request.js';
export { BUILD_DEFAULTS } from './request.js';
export type { Build, BuildPhase, BuildArtifact, BuildStatus, PhaseContext, ReportSummary } from './build-result.js';
export type { BuildEvent } from './events.js';
export { formatBuildEvent } from './log-format.js';
export { readBuildspec, parseBuildspec } from './buildspec-parser.js';
export type { Buildspec } from './buildspec.js';
export { planBuild, phaseAfter } from './plan.js';
export { chooseRunner } from './runner-choice.js';
export { DockerRuntime } from './docker-runtime.js';
export { hostMachine } from './host-runner.js';
export type { ContainerRuntime, BuildMachine, ShellProcess } from './runtime.js';
export { CodeBuildService } from './service.js';
export type { CodeBuildServiceOptions, BuildWatch } from './service.js';
export type { StartBuildInput } from './start-build.js';
export { Projects, PROJECT_MIGRATIONS } from './projects.js';
export type { CodeBuildProject, ProjectInput, ProjectSource, ProjectArtifacts, ProjectEnvironment } from './projects.js';
export { BuildRecords, BUILD_RECORD_MIGRATIONS } from './build-records.js';
export type { RecordedBuild, LogEvent, InterruptedBuild } from './build-records.js';
export { buildAwsToken, BUILD_AWS_PATH, BUILD_AWS_TOKEN_HEADER } from './account-reach.js';
export type { AccountReach } from './account-reach.js';
export { removeLeftBuilds, killBuildProcesses, ownerAlive, BUILD_ID_LABEL, OWNER_PID_LABEL, OWNER_START_LABEL } from './left-builds.js';
export type { RemovedBuilds, LeftProcess } from './left-builds.js';
