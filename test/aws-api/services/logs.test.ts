// CloudWatch Logs through the local endpoint's handlers, over the log events real builds recorded:
// the group and stream names CodeBuild gives them, GetLogEvents paging forward and backward with
// its tokens, FilterLogEvents across a group's streams with filter patterns and paging.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHarness, type ApiHarness } from './support/api-harness.js';
import { buildspecRunning, createProject } from './support/projects.js';

let api: ApiHarness;
const logs = (operation: string, input: Record<string, unknown> = {}) => api.call('logs', operation, input);
type Page = { events: { timestamp: number; message: string }[]; nextForwardToken: string; nextBackwardToken: string };
type Build = { id: string; logs: { groupName: string; streamName: string } };

/** Runs one build of `project` to its end through StartBuild; returns where its log is. */
async function runBuild(projectName: string): Promise<Build> {
  const { build } = (await api.call('codebuild', 'StartBuild', { projectName })) as { build: Build };
  await api.tasks.settled();
  return build;
}

beforeEach(() => {
  api = apiHarness();
});
afterEach(() => api.dispose());

describe('GetLogEvents', () => {
  it("reads a build's log from its group and stream, as BatchGetBuilds names them", async () => {
    createProject(api.account, 'web', buildspecRunning('echo hello-from-the-build'));
    const build = await runBuild('web');
    expect(build.logs).toEqual(expect.objectContaining({ groupName: '/aws/codebuild/web', streamName: build.id.split(':')[1] }));
    const page = (await logs('GetLogEvents', { logGroupName: build.logs.groupName, logStreamName: build.logs.streamName, startFromHead: true })) as Page;
    expect(page.events.map((event) => event.message)).toEqual(api.account.codebuild.builds.logEvents(build.id).map((event) => event.message));
    expect(page.events.some((event) => event.message.includes('hello-from-the-build'))).toBe(true);
    expect(page.events[0]).toEqual({ timestamp: expect.any(Number), message: expect.any(String), ingestionTime: expect.any(Number) });
  });

  it('pages forward from the head, and returns the token it was given at the end of the stream', async () => {
    createProject(api.account, 'web', buildspecRunning('echo one', 'echo two'));
    const build = await runBuild('web');
    const all = api.account.codebuild.builds.logEvents(build.id).map((event) => event.message);
    const where = { logGroupName: build.logs.groupName, logStreamName: build.logs.streamName };
    const seen: string[] = [];
    let token: string | undefined;
    let endedWithSameToken = false;
    for (let calls = 0; calls < 100 && !endedWithSameToken; calls++) {
      const page = (await logs('GetLogEvents', { ...where, limit: 5, ...(token ? { nextToken: token } : { startFromHead: true }) })) as Page;
      expect(page.events.length).toBeLessThanOrEqual(5);
      seen.push(...page.events.map((event) => event.message));
      endedWithSameToken = page.nextForwardToken === token;
      if (endedWithSameToken) expect(page.events).toEqual([]);
      token = page.nextForwardToken;
    }
    expect(endedWithSameToken).toBe(true);
    expect(seen).toEqual(all);
  });

  it('without a token reads the newest events, and pages backward from them', async () => {
    createProject(api.account, 'web', buildspecRunning('echo one'));
    const build = await runBuild('web');
    const all = api.account.codebuild.builds.logEvents(build.id).map((event) => event.message);
    const where = { logGroupName: build.logs.groupName, logStreamName: build.logs.streamName, limit: 3 };
    const last = (await logs('GetLogEvents', where)) as Page;
    expect(last.events.map((event) => event.message)).toEqual(all.slice(-3));
    const before = (await logs('GetLogEvents', { ...where, nextToken: last.nextBackwardToken })) as Page;
    expect(before.events.map((event) => event.message)).toEqual(all.slice(-6, -3));
    const forwardAgain = (await logs('GetLogEvents', { ...where, nextToken: before.nextForwardToken })) as Page;
    expect(forwardAgain.events.map((event) => event.message)).toEqual(all.slice(-3));
  });

  it('uses the project LogsConfig group and stream name, and answers ResourceNotFoundException for what is not there', async () => {
    createProject(api.account, 'web', buildspecRunning('true'), { logsConfig: { cloudWatchLogs: { status: 'ENABLED', groupName: 'ci-logs', streamName: 'web' } } });
    const build = await runBuild('web');
    expect(build.logs).toMatchObject({ groupName: 'ci-logs', streamName: `web/${build.id.split(':')[1]}` });
    expect(((await logs('GetLogEvents', { logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:ci-logs:*', logStreamName: build.logs.streamName })) as Page).events.length).toBeGreaterThan(0);
    await expect(logs('GetLogEvents', { logGroupName: 'ci-logs', logStreamName: 'nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
    await expect(logs('GetLogEvents', { logGroupName: '/aws/codebuild/nope', logStreamName: 'x' })).rejects.toMatchObject({ code: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    await expect(logs('GetLogEvents', { logGroupName: 'ci-logs', logStreamName: build.logs.streamName, nextToken: 'x/1' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(logs('GetLogEvents', { logStreamName: 'x' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });
});

describe('FilterLogEvents', () => {
  it("searches every build's stream of a group with a filter pattern, oldest first", async () => {
    createProject(api.account, 'web', buildspecRunning('echo marker-$CODEBUILD_BUILD_NUMBER ERROR', 'echo marker-$CODEBUILD_BUILD_NUMBER WARN'));
    const first = await runBuild('web');
    const second = await runBuild('web');
    const found = (await logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', filterPattern: 'ERROR marker' })) as { events: { logStreamName: string; message: string; eventId: string }[] };
    const outputs = found.events.filter((event) => !event.message.includes('Running command'));
    expect(outputs.map((event) => [event.logStreamName, event.message.trim()])).toEqual([[first.logs.streamName, 'marker-1 ERROR'], [second.logs.streamName, 'marker-2 ERROR']]);
    const either = (await logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', filterPattern: '?WARN ?ERROR -Running', logStreamNames: [second.logs.streamName] })) as typeof found;
    expect(either.events.map((event) => event.message.trim())).toEqual(['marker-2 ERROR', 'marker-2 WARN']);
    const regex = (await logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', filterPattern: '%^marker-2 %' })) as typeof found;
    expect(regex.events).toHaveLength(2);
    await expect(logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', filterPattern: '{ $.level = "ERROR" }' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });

  it('pages with limit and nextToken without losing or repeating an event', async () => {
    createProject(api.account, 'web', buildspecRunning('echo a', 'echo b'));
    await runBuild('web');
    await runBuild('web');
    const everything = (await logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web' })) as { events: { eventId: string }[]; nextToken?: string };
    expect(everything.nextToken).toBeUndefined();
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = (await logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', limit: 7, ...(token ? { nextToken: token } : {}) })) as typeof everything;
      expect(page.events.length).toBeLessThanOrEqual(7);
      ids.push(...page.events.map((event) => event.eventId));
      token = page.nextToken;
    } while (token);
    expect(ids).toEqual(everything.events.map((event) => event.eventId));
    await expect(logs('FilterLogEvents', { logGroupName: '/aws/codebuild/web', nextToken: 'bad' })).rejects.toMatchObject({ code: 'InvalidParameterException' });
  });
});
