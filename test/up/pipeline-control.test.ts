// Control of real executions through a real `slipway up`: the AWS CLI v1 (get-pipeline-state's
// token, put-approval-result, disable-stage-transition, stop-pipeline-execution --abandon), the
// AWS SDK v3 (StartPipelineExecution, RetryStageExecution, PutApprovalResult, GetPipelineState)
// and slipway's own commands (stop, retry, approve, reject, transition enable), which go through
// up's endpoint.
import {
  CodePipelineClient, GetPipelineExecutionCommand, GetPipelineStateCommand, ListActionExecutionsCommand, PutApprovalResultCommand, RetryStageExecutionCommand,
  StartPipelineExecutionCommand, StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage } from '../support/busybox-image.js';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { AWS_CLIS, runCli } from '../aws-api/wire/support/aws-cli.js';
import { approvalStage, buildContainers, controlBuildspec, MARKER } from '../pipeline/control/support/control-world.js';
import { pipelineTemplate } from '../pipeline/support/pipeline-world.js';
import { startUp, type RunningUp } from './support/running-up.js';

let up: RunningUp;
let repo: GitRepo;
let dir: string;
let home: string;
let client: CodePipelineClient;
const ROOT = 'arn:aws:iam::000000000000:root';
const CLI_V1 = AWS_CLIS[0]!;

/** Polls `look` until it returns something, for up to `seconds`. */
async function until<T>(look: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  for (let tries = 0; tries < seconds * 10; tries += 1) {
    const found = await look();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not there in ${seconds} s`);
}

const execution = async (id: string) => (await client.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }))).pipelineExecution!;
const ended = (id: string) => until(async () => execution(id).then((one) => (['InProgress', 'Stopping'].includes(one.status!) ? undefined : one)));
const start = async () => (await client.send(new StartPipelineExecutionCommand({ name: 'app' }))).pipelineExecutionId!;
const stageState = async (stage: string) => (await client.send(new GetPipelineStateCommand({ name: 'app' }))).stageStates!.find((one) => one.stageName === stage)!;
/** The token of the approval `id` waits at, once it waits. */
const tokenOf = (id: string) => until(async () => {
  const state = await stageState('Approve');
  return state.latestExecution?.pipelineExecutionId === id ? state.actionStates![0]!.latestExecution?.token : undefined;
});
const actionsOf = async (id: string) => (await client.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id } }))).actionExecutionDetails!.reverse().map((one) => `${one.stageName}/${one.actionName} ${one.status}`);
const slipway = (...args: string[]) => runSlipwayProcess([...args, '--home', home], { cwd: repo.dir });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-up-control-'));
  home = join(dir, 'home');
  rmSync(MARKER, { force: true });
  repo = makeGitRepo({ 'buildspec.yml': controlBuildspec(), version: '1\n' });
  writeFileSync(join(dir, 'pipeline.yaml'), pipelineTemplate('SUPERSEDED', approvalStage()));
  up = await startUp({ cwd: repo.dir, home, args: ['--template', join(dir, 'pipeline.yaml'), '--stack-name', 'pipe', '--source', `acme/app=${repo.dir}`] });
  client = new CodePipelineClient(up.clientConfig);
}, 60_000);

afterAll(async () => {
  client?.destroy();
  expect(await up?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(MARKER, { force: true });
});

describe('pipeline control through slipway up', () => {
  it('AWS CLI v1: get-pipeline-state gives the waiting approval\'s token, put-approval-result approves it with a summary', async () => {
    const first = await until(async () => (await stageState('Build')).latestExecution?.pipelineExecutionId);
    const token = await tokenOf(first);
    const state = (await stageState('Approve')).actionStates![0]!.latestExecution!;
    expect(state).toMatchObject({ status: 'InProgress', summary: `Check the build of ${repo.git('rev-parse', 'HEAD')}`, externalExecutionUrl: 'http://127.0.0.1/review', externalExecutionId: token });
    const answered = await runCli(CLI_V1, up.ready.endpoint, ['codepipeline', 'put-approval-result', '--pipeline-name', 'app', '--stage-name', 'Approve', '--action-name', 'Approve', '--result', 'summary=ship it,status=Approved', '--token', token!], up.ready);
    expect(answered.code, answered.stderr).toBe(0);
    expect(JSON.parse(answered.stdout)).toHaveProperty('approvedAt');
    expect((await ended(first)).status).toBe('Succeeded');
    const after = (await stageState('Approve')).actionStates![0]!.latestExecution!;
    expect(after).toMatchObject({ status: 'Succeeded', summary: 'ship it', lastUpdatedBy: ROOT });
    expect(after.token).toBeUndefined();
    const again = await runCli(CLI_V1, up.ready.endpoint, ['codepipeline', 'put-approval-result', '--pipeline-name', 'app', '--stage-name', 'Approve', '--action-name', 'Approve', '--result', 'summary=again,status=Approved', '--token', token!], up.ready);
    expect(again.stderr).toContain('ApprovalAlreadyCompletedException');
  }, 90_000);

  it('a disabled transition (AWS CLI v1) holds the execution, shown in GetPipelineState; slipway transition enable lets it go on; slipway reject fails it', async () => {
    const disabled = await runCli(CLI_V1, up.ready.endpoint, ['codepipeline', 'disable-stage-transition', '--pipeline-name', 'app', '--stage-name', 'Build', '--transition-type', 'Inbound', '--reason', 'release freeze'], up.ready);
    expect(disabled.code, disabled.stderr).toBe(0);
    const id = await start();
    const held = await until(async () => ((await stageState('Build')).inboundExecutions?.length ? stageState('Build') : undefined));
    expect(held.inboundExecutions).toEqual([{ pipelineExecutionId: id, status: 'InProgress', type: 'STANDARD' }]);
    expect(held.inboundTransitionState).toMatchObject({ enabled: false, disabledReason: 'release freeze', lastChangedBy: ROOT, lastChangedAt: expect.any(Date) });
    const enabled = await slipway('transition', 'enable', 'app', 'Build');
    expect([enabled.code, enabled.stdout], enabled.stderr).toEqual([0, 'app Build: inbound transition enabled\n']);
    await tokenOf(id);
    const rejected = await slipway('reject', id, 'Approve', '--comment', 'not this week');
    expect([rejected.code, rejected.stdout], rejected.stderr).toEqual([0, `rejected app ${id} Approve/Approve: not this week\n`]);
    expect(await ended(id)).toMatchObject({ status: 'Failed', statusSummary: 'Stage Approve failed' });
  }, 90_000);

  it('stop while building: AWS CLI v1 --abandon stops the build and removes its container; slipway stop lets the build finish, then the execution is Stopped', async () => {
    mkdirSync(join(home, 'codebuild'), { recursive: true });
    writeFileSync(join(home, 'codebuild', 'images.json'), JSON.stringify({ 'aws/codebuild/standard:7.0': ensureBusyboxImage() }));
    try {
      repo.commit({ sleep: '30' }, 'a long build');
      const long = await start();
      const buildId = await until(async () => (await client.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: long } }))).actionExecutionDetails!.find((one) => one.actionName === 'Build')?.output?.executionResult?.externalExecutionId);
      await until(async () => (buildContainers(buildId).length > 0 ? true : undefined));
      const stopped = await runCli(CLI_V1, up.ready.endpoint, ['codepipeline', 'stop-pipeline-execution', '--pipeline-name', 'app', '--pipeline-execution-id', long, '--abandon', '--reason', 'wrong branch'], up.ready);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(await ended(long)).toMatchObject({ status: 'Stopped', statusSummary: 'wrong branch' });
      expect(await actionsOf(long)).toEqual(['Source/Source Succeeded', 'Build/Build Abandoned']);
      await until(async () => (buildContainers(buildId).length === 0 ? true : undefined), 10);
      repo.commit({ sleep: '2' }, 'a short build');
      const short = await start();
      await until(async () => ((await actionsOf(short)).includes('Build/Build InProgress') ? true : undefined));
      const stop = await slipway('stop', short, '--reason', 'not now');
      expect([stop.code, stop.stdout], stop.stderr).toEqual([0, `app ${short} Stopped (not now)\n`]);
      expect(await actionsOf(short)).toEqual(['Source/Source Succeeded', 'Build/Build Succeeded']);
      const refused = await slipway('stop', short);
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining(`Unable to stop pipeline execution ${short}: it is Stopped`)]);
    } finally {
      rmSync(join(home, 'codebuild', 'images.json'), { force: true });
      repo.commit({ sleep: '0' }, 'no more sleeping');
    }
  }, 120_000);

  it('retry: slipway retry runs the same revision again; after the environment is fixed RetryStageExecution succeeds and slipway approve lets it finish', async () => {
    writeFileSync(MARKER, 'x');
    const commit = repo.git('rev-parse', 'HEAD');
    const id = await start();
    expect((await ended(id)).status).toBe('Failed');
    repo.commit({ version: '3\n' }, 'newer');
    const retried = await slipway('retry', id, 'Build');
    expect([retried.code, retried.stdout], retried.stderr).toEqual([1, `app ${id} Failed (Stage Build failed)\n`]);
    expect(retried.stderr).toContain(`retrying stage Build of app ${id} (FAILED_ACTIONS) in the running slipway up`);
    rmSync(MARKER);
    const answer = await client.send(new RetryStageExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id, stageName: 'Build', retryMode: 'FAILED_ACTIONS' }));
    expect(answer.pipelineExecutionId).toBe(id);
    await tokenOf(id);
    const approved = await slipway('approve', id, 'Approve', '--comment', 'fixed');
    expect(approved.code, approved.stderr).toBe(0);
    const done = await ended(id);
    expect(done.status).toBe('Succeeded');
    expect(done.artifactRevisions![0]!.revisionId).toBe(commit);
    expect(await actionsOf(id)).toEqual(['Source/Source Succeeded', 'Build/Build Failed', 'Build/Build Failed', 'Build/Build Succeeded', 'Approve/Approve Succeeded']);
  }, 120_000);

  it('answers CodePipeline\'s refusals with their names', async () => {
    const [latest] = (await client.send(new ListActionExecutionsCommand({ pipelineName: 'app' }))).actionExecutionDetails!;
    const id = latest!.pipelineExecutionId!;
    await expect(client.send(new StopPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }))).rejects.toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
    await expect(client.send(new RetryStageExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id, stageName: 'Build', retryMode: 'ALL_ACTIONS' }))).rejects.toMatchObject({ name: 'StageNotRetryableException' });
    await expect(client.send(new RetryStageExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id, stageName: 'Build', retryMode: 'SOME' as 'ALL_ACTIONS' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(client.send(new PutApprovalResultCommand({ pipelineName: 'app', stageName: 'Approve', actionName: 'Approve', token: '00000000-0000-0000-0000-000000000000', result: { status: 'Approved', summary: 'x' } }))).rejects.toMatchObject({ name: 'InvalidApprovalTokenException' });
    const noStage = await runCli(CLI_V1, up.ready.endpoint, ['codepipeline', 'disable-stage-transition', '--pipeline-name', 'app', '--stage-name', 'Nope', '--transition-type', 'Inbound', '--reason', 'x'], up.ready);
    expect(noStage.stderr).toContain('StageNotFoundException');
    const missing = await slipway('approve', id, 'Nope');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('Pipeline app has no action Nope (its approval actions: Approve)')]);
  }, 60_000);
});
