// The CloudWatch Logs that builds write, in Logs' terms: a log group per project (its LogsConfig
// group, else `/aws/codebuild/<project>`) holding one stream per build, named by the build id's
// uuid (codebuild-shapes.ts). A group exists while a project writes to it or a recorded build
// wrote to it.
import { SlipwayError } from '../../../errors.js';
import type { RecordedBuild } from '../../codebuild/index.js';
import type { ApiContext } from '../handler.js';
import { logGroupOf, logLocation } from './codebuild-shapes.js';
import type { OperationInput } from './operation-input.js';

/** One build's stream of log events. */
export interface LogStream {
  streamName: string;
  build: RecordedBuild;
}

const DEFAULT_GROUP = /^\/aws\/codebuild\/(.+)$/;
const GROUP_ARN = /^arn:aws[\w-]*:logs:[^:]*:\d{12}:log-group:([^:]+)(?::\*)?$/;

/** logGroupName or logGroupIdentifier (a name or an ARN): exactly one. */
export function groupNameOf(reader: OperationInput): string {
  const name = reader.optionalString('logGroupName');
  const identifier = reader.optionalString('logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) throw reader.fail('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const group = name ?? (identifier === undefined ? undefined : (GROUP_ARN.exec(identifier)?.[1] ?? identifier));
  if (group === undefined) throw reader.fail('Either logGroupName or logGroupIdentifier must be specified.');
  return group;
}

/** The streams of a log group, oldest build first; ResourceNotFoundException when there is no such group. */
export function streamsOf(ctx: ApiContext, groupName: string): LogStream[] {
  const { projects, builds } = ctx.account.codebuild;
  const writers = projects.list().filter((name) => logGroupOf(projects.get(name), name) === groupName);
  const fallback = DEFAULT_GROUP.exec(groupName)?.[1];
  const names = new Set([...writers, ...(fallback !== undefined && !projects.get(fallback) ? [fallback] : [])]);
  const streams = [...names].flatMap((projectName) => builds.list({ projectName }).reverse())
    .map((build) => ({ build, location: logLocation(projects.get(build.projectName), build.projectName, build.id) }))
    .filter((entry) => entry.location.groupName === groupName)
    .map((entry) => ({ streamName: entry.location.streamName, build: entry.build }));
  if (writers.length === 0 && streams.length === 0) throw new SlipwayError('ResourceNotFoundException', 'The specified log group does not exist.', { hint: `log group ${groupName}` });
  return streams;
}

/** One stream of a group; ResourceNotFoundException when the group or the stream is not there. */
export function streamOf(ctx: ApiContext, groupName: string, streamName: string): LogStream {
  const stream = streamsOf(ctx, groupName).find((one) => one.streamName === streamName);
  if (!stream) throw new SlipwayError('ResourceNotFoundException', 'The specified log stream does not exist.', { hint: `log stream ${streamName} in ${groupName}` });
  return stream;
}
