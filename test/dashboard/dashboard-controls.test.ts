// The pipeline controls of the dashboard on a real `slipway up` (Source → Build → a manual
// Approve → Release), over HTTP as the page sends them: each changes the execution as the engine does
// (approve → Succeeded with the comment and who answered; reject → Failed; a retry of the failed
// stage resumes the same execution; stop → Stopped after the running build; abandon → the build
// Abandoned; a disabled transition holds an execution, enabling it releases it), errors keep the
// engine's codes with a status saying whose fault, and every control still needs the page's
// token, its own Origin and Host.
import { CodePipelineClient, EnableStageTransitionCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, pageToken, postChange, readApi } from './support/dashboard-http.js';
import { APPROVAL_STAGE, dashboardWorld, type DashboardWorld } from './support/dashboard-world.js';
import { openEventStream } from './support/event-stream.js';
import { executionOfCommit, executionView, executionWhen, runOf } from './support/execution-probe.js';

let world: DashboardWorld;
let token: string;
let root: string;
const post = (path: string, body: unknown, headers: Record<string, string | undefined> = { 'x-slipway-token': token }) => postChange(world.ready, path, body, headers);
const errorOf = (answer: { status: number; json<T>(): T }) => ({ status: answer.status, code: answer.json<{ error: { code: string } }>().error.code });
const approve = (id: string, status: 'Approved' | 'Rejected', summary: string) => post(`/api/executions/${id}/approval`, { stageName: 'Approve', actionName: 'Approve', status, summary });
const waitingApproval = (id: string) => executionWhen(world.ready, id, (view) => runOf(view, 'Approve')?.status === 'InProgress', 'the approval to wait');

beforeAll(async () => {
  world = await dashboardWorld(APPROVAL_STAGE);
  token = await pageToken(world.ready);
  const overview = await readApi<{ accountId: string }>(world.ready, '/overview');
  root = `arn:aws:iam::${overview.accountId}:root`;
});
afterAll(() => world?.dispose());

describe('a manual approval', () => {
  it('is answered only with the page\'s token, Origin and Host; approved, the execution succeeds with the comment and who approved', async () => {
    const id = await executionOfCommit(world.ready, world.repo.git('rev-parse', 'HEAD'));
    await waitingApproval(id);
    const body = { stageName: 'Approve', actionName: 'Approve', status: 'Approved', summary: 'forged' };
    const port = new URL(world.ready.endpoint).port;
    for (const [headers, expected] of [
      [{}, { status: 403, code: 'InvalidPageToken' }],
      [{ 'x-slipway-token': token, origin: 'http://evil.example' }, { status: 403, code: 'ForeignOrigin' }],
      [{ 'x-slipway-token': token, host: `evil.example:${port}` }, { status: 403, code: 'ForeignHost' }],
    ] as const) expect({ headers, ...errorOf(await post(`/api/executions/${id}/approval`, body, headers)) }).toEqual({ headers, ...expected });
    expect(runOf(await executionView(world.ready, id), 'Approve')?.status).toBe('InProgress');

    const answer = await approve(id, 'Approved', 'looks good to me');
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.json<{ approvedAt: string }>().approvedAt)).toBeGreaterThan(Date.now() - 60_000);
    const done = await executionWhen(world.ready, id, (view) => view.status === 'Succeeded', 'the approved execution to succeed');
    expect(runOf(done, 'Approve')).toMatchObject({ status: 'Succeeded', summary: 'looks good to me', lastUpdatedBy: root });
    expect(runOf(done, 'Release')?.status).toBe('Succeeded');
    expect(errorOf(await approve(id, 'Approved', 'again'))).toEqual({ status: 409, code: 'ApprovalNotWaiting' });
  });

  it('rejected, fails the execution; a retry of the failed stage resumes the same execution, which then succeeds', async () => {
    const id = await executionOfCommit(world.ready, world.repo.commit({ version: '2\n' }, 'to reject'));
    await waitingApproval(id);
    expect((await approve(id, 'Rejected', 'not this one')).status).toBe(200);
    const failed = await executionWhen(world.ready, id, (view) => view.status === 'Failed', 'the rejected execution to fail');
    expect(runOf(failed, 'Approve')).toMatchObject({ status: 'Failed', summary: 'not this one', lastUpdatedBy: root, errorDetails: { message: 'Rejected: not this one' } });
    expect(failed.stages.find((stage) => stage.stageName === 'Approve')?.status).toBe('Failed');

    expect(errorOf(await post(`/api/executions/${id}/retry`, { stageName: 'Build', retryMode: 'FAILED_ACTIONS' }))).toEqual({ status: 409, code: 'StageNotRetryableException' });
    const retried = await post(`/api/executions/${id}/retry`, { stageName: 'Approve', retryMode: 'FAILED_ACTIONS' });
    expect(retried.json()).toEqual({ pipelineExecutionId: id, status: 'InProgress' });
    const again = await waitingApproval(id);
    expect(again.status).toBe('InProgress');
    expect(runOf(again, 'Approve')?.attempts).toBe(2);
    expect(runOf(again, 'Build')?.attempts).toBe(1);
    expect((await approve(id, 'Approved', 'second look')).status).toBe(200);
    await executionWhen(world.ready, id, (view) => view.status === 'Succeeded', 'the retried execution to succeed');
  });
});

describe('stopping', () => {
  it('stop and wait: Stopping at once, Stopped once the running build finished, and the approval never reached', async () => {
    const id = await executionOfCommit(world.ready, world.repo.commit({ slow: '8\n' }, 'to stop'));
    await executionWhen(world.ready, id, (view) => runOf(view, 'Build')?.status === 'InProgress', 'the build to run');
    expect(errorOf(await post(`/api/executions/${id}/stop`, { abandon: false }, { 'x-slipway-token': token, origin: undefined }))).toEqual({ status: 403, code: 'MissingOrigin' });
    const stopped = await post(`/api/executions/${id}/stop`, { abandon: false, reason: 'wrong commit' });
    expect(stopped.json()).toEqual({ pipelineExecutionId: id, status: 'Stopping' });
    expect(errorOf(await post(`/api/executions/${id}/stop`, { abandon: false }))).toEqual({ status: 409, code: 'DuplicatedStopRequestException' });
    const done = await executionWhen(world.ready, id, (view) => view.status === 'Stopped', 'the execution to stop');
    expect(done.statusSummary).toBe('wrong commit');
    expect(runOf(done, 'Build')?.status).toBe('Succeeded');
    expect(runOf(done, 'Approve')).toBeUndefined();
    expect(errorOf(await post(`/api/executions/${id}/stop`, { abandon: true }))).toEqual({ status: 409, code: 'PipelineExecutionNotStoppableException' });
  });

  it('stop and abandon: the running build is Abandoned and the execution Stopped; an unknown execution is 404', async () => {
    const id = await executionOfCommit(world.ready, world.repo.commit({ slow: '60\n' }, 'to abandon'));
    await executionWhen(world.ready, id, (view) => runOf(view, 'Build')?.status === 'InProgress', 'the build to run');
    const started = Date.now();
    expect((await post(`/api/executions/${id}/stop`, { abandon: true, reason: 'no time' })).status).toBe(200);
    const done = await executionWhen(world.ready, id, (view) => view.status === 'Stopped', 'the execution to be abandoned');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(runOf(done, 'Build')?.status).toBe('Abandoned');
    expect(done.stages.find((stage) => stage.stageName === 'Build')?.status).toBe('Stopped');
    expect(errorOf(await post('/api/executions/00000000-0000-4000-8000-000000000000/stop', { abandon: true }))).toEqual({ status: 404, code: 'PipelineExecutionNotFoundException' });
  });
});

describe('transitions', () => {
  type Stage = { stageName: string; inboundTransition: { enabled: boolean; disabledReason?: string; lastChangedBy?: string; waiting?: string[] } };
  const buildStage = async () => (await readApi<{ stages: Stage[] }>(world.ready, '/pipelines/app')).stages.find((stage) => stage.stageName === 'Build')!;

  it('disabled, holds a new execution before the stage (told to listening pages); enabled, releases it', async () => {
    const stream = await openEventStream(`${world.ready.endpoint}/api/events`);
    try {
      await stream.waitFor((event) => event.event === 'ready');
      expect(errorOf(await post('/api/pipelines/app/transitions', { stageName: 'Build', transitionType: 'Inbound', enabled: false, reason: 'freeze' }, {}))).toEqual({ status: 403, code: 'InvalidPageToken' });
      expect(errorOf(await post('/api/pipelines/app/transitions', { stageName: 'Build', transitionType: 'Inbound', enabled: false, reason: 'no <tags>' }))).toEqual({ status: 400, code: 'ValidationException' });
      expect((await post('/api/pipelines/app/transitions', { stageName: 'Build', transitionType: 'Inbound', enabled: false, reason: 'release freeze (QA)' })).json()).toEqual({});
      await stream.waitFor((event) => event.event === 'change' && (event.data as { kind: string; pipelineName?: string }[]).some((notice) => notice.kind === 'pipeline' && notice.pipelineName === 'app'), 1000);
      expect((await buildStage()).inboundTransition).toMatchObject({ enabled: false, disabledReason: 'release freeze (QA)', lastChangedBy: root });

      const id = await executionOfCommit(world.ready, world.repo.commit({ version: '3\n', slow: '0\n' }, 'held'));
      await eventually(async () => ((await buildStage()).inboundTransition.waiting?.includes(id) ? true : undefined), 'the execution to wait at Build');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const held = await executionView(world.ready, id);
      expect(held.status).toBe('InProgress');
      expect(runOf(held, 'Source')?.status).toBe('Succeeded');
      expect(runOf(held, 'Build')).toBeUndefined();

      expect((await post('/api/pipelines/app/transitions', { stageName: 'Build', transitionType: 'Inbound', enabled: true })).status).toBe(200);
      await waitingApproval(id);
      expect((await buildStage()).inboundTransition).toEqual({ enabled: true, lastChangedBy: root, lastChangedAt: expect.any(String) });
      expect(runOf(await executionView(world.ready, id), 'Build')?.status).toBe('Succeeded');
      expect(errorOf(await post('/api/pipelines/app/transitions', { stageName: 'Source', transitionType: 'Inbound', enabled: true }))).toEqual({ status: 400, code: 'ValidationException' });
      expect(errorOf(await post('/api/pipelines/app/transitions', { stageName: 'Nope', transitionType: 'Inbound', enabled: true }))).toEqual({ status: 404, code: 'StageNotFoundException' });
    } finally {
      stream.close();
    }
  });

  it('changed through the endpoint (not by the page) reaches listening pages within a few seconds', async () => {
    const stream = await openEventStream(`${world.ready.endpoint}/api/events`);
    const client = new CodePipelineClient({
      endpoint: world.ready.endpoint, region: world.ready.region,
      credentials: { accessKeyId: world.ready.accessKeyId, secretAccessKey: world.ready.secretAccessKey }, maxAttempts: 1,
    });
    try {
      await stream.waitFor((event) => event.event === 'ready');
      const since = stream.events.length;
      await client.send(new EnableStageTransitionCommand({ pipelineName: 'app', stageName: 'Approve', transitionType: 'Inbound' }));
      await stream.waitFor((event) => stream.events.indexOf(event) >= since && event.event === 'change' && (event.data as { kind: string }[]).some((notice) => notice.kind === 'pipeline'), 6000);
    } finally {
      client.destroy();
      stream.close();
    }
  });

  it('the page is told every control runs', async () => {
    const overview = await readApi<{ controls: Record<string, boolean> }>(world.ready, '/overview');
    expect(overview.controls).toEqual({
      StartPipelineExecution: true, StopPipelineExecution: true, RetryStageExecution: true, PutApprovalResult: true,
      EnableStageTransition: true, DisableStageTransition: true,
    });
  });
});
