// CloudWatch Logs over the recorded build logs: GetLogEvents reads one build's stream, by time
// and position, forward or backward (nextForwardToken returns the token given once the end is
// reached, as CloudWatch Logs does); FilterLogEvents searches a group's streams, interleaved by time.
import { SlipwayError } from '../../../errors.js';
import type { LogEvent } from '../../codebuild/index.js';
import { messageFilter } from './log-filter-pattern.js';
import { groupNameOf, streamOf, streamsOf } from './log-streams.js';
import { decode, encode } from './next-token.js';
import { OperationInput } from './operation-input.js';
import { withServiceErrors, type ServiceErrors } from './service-errors.js';

/** CloudWatch Logs' errors (its API reference: client errors are HTTP 400). */
export const LOGS_ERRORS: ServiceErrors = {
  fallback: 'InvalidParameterException',
  codes: { InvalidParameterException: 400, ResourceNotFoundException: 400, LimitExceededException: 400, ServiceUnavailableException: 500 },
};

/** At most 10,000 events an answer, and that many by default (GetLogEvents, FilterLogEvents). */
const MOST_EVENTS = 10_000;
const TOKEN = /^([fb])\/(\d+)$/;

const read = (input: Record<string, unknown>) => new OperationInput(input, LOGS_ERRORS.fallback);

/** Events within startTime (inclusive) and endTime (exclusive for GetLogEvents, inclusive for FilterLogEvents). */
function withinTimes(reader: OperationInput, events: LogEvent[], endInclusive: boolean): LogEvent[] {
  const start = reader.optionalInteger('startTime', 0);
  const end = reader.optionalInteger('endTime', 0);
  return events.filter((event) => (start === undefined || event.timestamp >= start)
    && (end === undefined || (endInclusive ? event.timestamp <= end : event.timestamp < end)));
}

/** CloudWatch Logs' operations on build logs, by name. */
export const logsHandlers = withServiceErrors({
  GetLogEvents: (input, ctx) => {
    const reader = read(input);
    const { build } = streamOf(ctx, groupNameOf(reader), reader.string('logStreamName'));
    const events = withinTimes(reader, ctx.account.codebuild.builds.logEvents(build.id), false);
    const limit = reader.optionalInteger('limit', 1, MOST_EVENTS) ?? MOST_EVENTS;
    const token = reader.optionalString('nextToken');
    const position = token === undefined ? undefined : TOKEN.exec(token);
    if (token !== undefined && !position) throw reader.fail('The specified nextToken is invalid.');
    const [direction, at] = position ? [position[1], Number(position[2])] : [reader.optionalBoolean('startFromHead') ? 'f' : 'b', undefined];
    const page = direction === 'f'
      ? events.filter((event) => at === undefined || event.seq > at).slice(0, limit)
      : events.filter((event) => at === undefined || event.seq < at).slice(-limit);
    // With nothing more in a direction, the token for it stays where it was.
    const forward = page.at(-1)?.seq ?? (direction === 'f' ? (at ?? 0) : Math.max((at ?? 1) - 1, 0));
    const backward = page[0]?.seq ?? (direction === 'b' ? (at ?? events.length + 1) : (at ?? 0) + 1);
    return {
      events: page.map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.timestamp })),
      nextForwardToken: `f/${String(forward).padStart(20, '0')}`, nextBackwardToken: `b/${String(backward).padStart(20, '0')}`,
    };
  },
  FilterLogEvents: (input, ctx) => {
    const reader = read(input);
    const names = reader.optionalStrings('logStreamNames', 100);
    const prefix = reader.optionalString('logStreamNamePrefix');
    if (names !== undefined && prefix !== undefined) throw reader.fail('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    const matches = messageFilter(reader.optionalString('filterPattern'));
    const streams = streamsOf(ctx, groupNameOf(reader))
      .filter((stream) => (names === undefined || names.includes(stream.streamName)) && (prefix === undefined || stream.streamName.startsWith(prefix)));
    const events = streams.flatMap((stream) => withinTimes(reader, ctx.account.codebuild.builds.logEvents(stream.build.id), true)
      .filter((event) => matches(event.message))
      .map((event) => ({ logStreamName: stream.streamName, timestamp: event.timestamp, message: event.message, ingestionTime: event.timestamp, eventId: `${stream.streamName}/${event.seq}`, seq: event.seq })));
    events.sort((one, other) => one.timestamp - other.timestamp || one.logStreamName.localeCompare(other.logStreamName) || one.seq - other.seq);
    const after = filterPosition(reader.optionalString('nextToken'));
    const rest = after === undefined ? events : events.filter((event) => event.timestamp > after[0]
      || (event.timestamp === after[0] && (event.logStreamName > after[1] || (event.logStreamName === after[1] && event.seq > after[2]))));
    const limit = reader.optionalInteger('limit', 1, MOST_EVENTS) ?? MOST_EVENTS;
    const page = rest.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page.map(({ seq: _seq, ...event }) => event),
      ...(rest.length > limit && last ? { nextToken: encode(JSON.stringify([last.timestamp, last.logStreamName, last.seq])) } : {}),
    };
  },
}, LOGS_ERRORS);

/** The event a FilterLogEvents token resumes after: [timestamp, stream, position]. */
function filterPosition(token: string | undefined): [number, string, number] | undefined {
  if (token === undefined) return undefined;
  const invalid = () => new SlipwayError('InvalidParameterException', 'The specified nextToken is invalid.');
  try {
    const position = JSON.parse(decode(token, invalid)) as unknown;
    if (Array.isArray(position) && typeof position[0] === 'number' && typeof position[1] === 'string' && typeof position[2] === 'number') return position as [number, string, number];
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
  }
  throw invalid();
}
