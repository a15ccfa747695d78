// CodePipeline's execution operations through a real `slipway up`, with the AWS SDK v3 as the
// client: the pipeline of --template starts when it is created; StartPipelineExecution with
// variables runs another; GetPipelineExecution, ListPipelineExecutions (newest first, paged),
// ListActionExecutions and GetPipelineState answer from the same records `slipway runs` reads.
import {
  CodePipelineClient, GetPipelineExecutionCommand, GetPipelineStateCommand, ListActionExecutionsCommand,
  ListPipelineExecutionsCommand, StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { runSlipwayProcess } from '../support/slipway-process.js';
import { BUILDSPEC, pipelineTemplate } from '../pipeline/support/pipeline-world.js';
import { startUp, type RunningUp } from './support/running-up.js';

let up: RunningUp;
let repo: GitRepo;
let dir: string;
let client: CodePipelineClient;

async function ended(pipelineExecutionId: string) {
  for (let tries = 0; tries < 300; tries += 1) {
    const { pipelineExecution } = await client.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId }));
    if (pipelineExecution!.status !== 'InProgress') return pipelineExecution!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`execution ${pipelineExecutionId} did not end`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'slipway-up-api-'));
  repo = makeGitRepo({ 'buildspec.yml': BUILDSPEC, version: '1\n' });
  writeFileSync(join(dir, 'pipeline.yaml'), pipelineTemplate('QUEUED'));
  up = await startUp({ cwd: repo.dir, home: join(dir, 'home'), args: ['--template', join(dir, 'pipeline.yaml'), '--stack-name', 'pipe', '--source', `acme/app=${repo.dir}`] });
  client = new CodePipelineClient(up.clientConfig);
}, 60_000);

afterAll(async () => {
  client?.destroy();
  expect(await up?.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
  rmSync(repo.dir, { recursive: true, force: true });
});

describe('CodePipeline executions through slipway up', () => {
  it('the created pipeline ran once (CreatePipeline); StartPipelineExecution runs it again with a variable; both are listed newest first', async () => {
    let first: { pipelineExecutionId?: string } | undefined;
    for (let tries = 0; tries < 100 && !first; tries += 1) {
      first = (await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }))).pipelineExecutionSummaries?.[0];
      if (!first) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await ended(first!.pipelineExecutionId!)).trigger).toEqual({ triggerType: 'CreatePipeline' });
    const commit = repo.commit({ version: '2\n' }, 'second');
    const { pipelineExecutionId } = await client.send(new StartPipelineExecutionCommand({ name: 'app', variables: [{ name: 'Stage', value: 'prod' }] }));
    const execution = await ended(pipelineExecutionId!);
    expect(execution).toMatchObject({ status: 'Succeeded', pipelineVersion: 1, variables: [{ name: 'Stage', resolvedValue: 'prod' }], artifactRevisions: [{ name: 'Src', revisionId: commit, revisionSummary: 'second' }], trigger: { triggerType: 'StartPipelineExecution' } });

    const listed = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }));
    expect(listed.pipelineExecutionSummaries!.map((summary) => summary.pipelineExecutionId)).toEqual([pipelineExecutionId, first!.pipelineExecutionId]);
    const paged = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'app', maxResults: 1 }));
    expect(paged.pipelineExecutionSummaries!.map((summary) => summary.pipelineExecutionId)).toEqual([pipelineExecutionId]);
    const rest = await client.send(new ListPipelineExecutionsCommand({ pipelineName: 'app', maxResults: 1, nextToken: paged.nextToken }));
    expect(rest.pipelineExecutionSummaries!.map((summary) => summary.pipelineExecutionId)).toEqual([first!.pipelineExecutionId]);
    expect(rest.nextToken).toBeUndefined();

    const actions = await client.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId } }));
    expect(actions.actionExecutionDetails!.map((action) => `${action.stageName}/${action.actionName} ${action.status}`)).toEqual(['Build/Build Succeeded', 'Source/Source Succeeded']);
    const build = actions.actionExecutionDetails![0]!;
    expect(build.output!.outputVariables).toEqual({ BUILT: 'built-2' });
    expect(build.input!.resolvedConfiguration!.EnvironmentVariables).toContain('"value":"prod"');
    expect(build.output!.executionResult!.externalExecutionId).toMatch(/^app-build:/);

    const state = await client.send(new GetPipelineStateCommand({ name: 'app' }));
    expect(state.stageStates!.map((stage) => [stage.stageName, stage.latestExecution?.pipelineExecutionId, stage.latestExecution?.status])).toEqual([
      ['Source', pipelineExecutionId, 'Succeeded'], ['Build', pipelineExecutionId, 'Succeeded'],
    ]);
    expect(state.stageStates![0]!.actionStates![0]!.currentRevision?.revisionId).toBe(commit);
  }, 60_000);

  it('slipway start asks the running up to run the execution and follows its log to the end', async () => {
    const run = await runSlipwayProcess(['start', 'app', '--variable', 'Stage=qa', '--home', join(dir, 'home')], { cwd: repo.dir });
    expect(run.code, run.stderr).toBe(0);
    const id = /^started app (\S+) in the running slipway up \(http:\/\/127\.0\.0\.1:\d+\)$/m.exec(run.stderr)?.[1];
    expect(run.stdout).toBe(`app ${id} Succeeded\n`);
    expect(run.stderr).toContain('stage=qa');
    expect(run.stderr).toContain('== execution Succeeded');
    const { pipelineExecution } = await client.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }));
    expect(pipelineExecution!.trigger).toEqual({ triggerType: 'StartPipelineExecution', triggerDetail: 'arn:aws:iam::000000000000:root' });
  }, 60_000);

  it('answers CodePipeline\'s errors: an unknown pipeline, an unknown execution, an undeclared variable', async () => {
    await expect(client.send(new StartPipelineExecutionCommand({ name: 'nope' }))).rejects.toMatchObject({ name: 'PipelineNotFoundException' });
    await expect(client.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: '00000000-0000-0000-0000-000000000000' }))).rejects.toMatchObject({ name: 'PipelineExecutionNotFoundException' });
    await expect(client.send(new StartPipelineExecutionCommand({ name: 'app', variables: [{ name: 'Nope', value: 'x' }] }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("variable 'Nope' is not declared") });
  });
});
