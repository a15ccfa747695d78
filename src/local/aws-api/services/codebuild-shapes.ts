// CodeBuild's Build and Project shapes (BatchGetBuilds, BatchGetProjects) from the account's
// records, and where a build's log is in CloudWatch Logs' terms: the project's LogsConfig group,
// else `/aws/codebuild/<project>`, and a stream named by the build id's uuid (after the
// project's stream name and a `/` when it has one), as CodeBuild names them.
import { arn } from '../../../cloudformation/index.js';
import type { CodeBuildProject, RecordedBuild } from '../../codebuild/index.js';
import type { ApiContext } from '../handler.js';

/** The log group a project's builds write to. */
export function logGroupOf(project: CodeBuildProject | undefined, projectName: string): string {
  return project?.logsConfig?.cloudWatchLogs?.groupName ?? `/aws/codebuild/${projectName}`;
}

/** Where a build's log events are, as GetLogEvents names them. */
export function logLocation(project: CodeBuildProject | undefined, projectName: string, buildId: string): { groupName: string; streamName: string } {
  const uuid = buildId.slice(buildId.indexOf(':') + 1);
  const prefix = project?.logsConfig?.cloudWatchLogs?.streamName;
  return { groupName: logGroupOf(project, projectName), streamName: prefix ? `${prefix}/${uuid}` : uuid };
}

/** A recorded build in CodeBuild's Build shape; the project fills in what the record does not hold. */
export function buildShape(ctx: ApiContext, build: RecordedBuild): Record<string, unknown> {
  const project = ctx.account.codebuild.projects.get(build.projectName);
  const { groupName, streamName } = logLocation(project, build.projectName, build.id);
  const { accountId, region } = ctx.account.settings;
  const date = (text: string | undefined) => (text === undefined ? undefined : new Date(text));
  return defined({
    id: build.id, arn: build.arn, buildNumber: build.buildNumber, startTime: new Date(build.startTime),
    endTime: date(build.endTime), currentPhase: build.currentPhase,
    buildStatus: build.buildStatus, sourceVersion: build.sourceVersion, resolvedSourceVersion: build.resolvedSourceVersion, projectName: build.projectName,
    phases: (build.phases ?? []).map((phase) => defined({ ...phase, startTime: new Date(phase.startTime), endTime: date(phase.endTime) })),
    source: project ? defined({ ...project.source }) : { type: 'NO_SOURCE' }, secondarySources: project?.secondarySources ?? [],
    artifacts: build.artifacts ? defined({ ...build.artifacts }) : { location: '' }, secondaryArtifacts: (build.secondaryArtifacts ?? []).map((artifact) => defined({ ...artifact })),
    cache: project?.cache ?? { type: 'NO_CACHE' },
    environment: defined({
      type: project?.environment.type ?? 'LINUX_CONTAINER', image: build.environment?.image ?? project?.environment.image ?? 'aws/codebuild/standard:7.0',
      computeType: project?.environment.computeType ?? 'BUILD_GENERAL1_SMALL', environmentVariables: project?.environment.environmentVariables ?? [],
      privilegedMode: build.environment?.privilegedMode ?? project?.environment.privilegedMode ?? false,
      imagePullCredentialsType: project?.environment.imagePullCredentialsType,
    }),
    serviceRole: project?.serviceRole,
    logs: {
      groupName, streamName, cloudWatchLogsArn: arn({ service: 'logs', region, accountId, resource: `log-group:${groupName}:log-stream:${streamName}` }),
      cloudWatchLogs: { status: 'ENABLED', groupName, streamName }, s3Logs: { status: 'DISABLED' },
    },
    timeoutInMinutes: build.timeoutInMinutes ?? project?.timeoutInMinutes, queuedTimeoutInMinutes: project?.queuedTimeoutInMinutes ?? 480,
    buildComplete: build.buildStatus !== 'IN_PROGRESS', initiator: build.initiator, encryptionKey: project?.encryptionKey,
    exportedEnvironmentVariables: build.exportedEnvironmentVariables ?? [],
  });
}

/** The members of CodeBuild's Project shape that a local project has. */
const PROJECT_MEMBERS = ['name', 'arn', 'description', 'source', 'secondarySources', 'artifacts', 'secondaryArtifacts', 'cache', 'environment', 'serviceRole', 'timeoutInMinutes',
  'queuedTimeoutInMinutes', 'encryptionKey', 'logsConfig', 'concurrentBuildLimit'] as const;

/** A project in CodeBuild's Project shape. */
export function projectShape(project: CodeBuildProject): Record<string, unknown> {
  const members = Object.fromEntries(PROJECT_MEMBERS.filter((member) => project[member] !== undefined).map((member) => [member, project[member]]));
  return {
    ...members,
    logsConfig: project.logsConfig ?? { cloudWatchLogs: { status: 'ENABLED' }, s3Logs: { status: 'DISABLED' } },
    created: new Date(project.created), lastModified: new Date(project.lastModified), badge: { badgeEnabled: false }, projectVisibility: 'PRIVATE',
  };
}

/** The object without its undefined members. */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
