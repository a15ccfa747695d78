// Manual approval actions on real executions: the execution waits at the action with a token, the
// custom data as its summary, the review link, and the notification SNS would carry written to the
// log; an approval with a comment lets it go on, a rejection fails the stage with the comment, no
// answer within TimeoutInMinutes fails it. A wrong token and a second answer are refused as AWS
// refuses them.
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionExecution, PipelineEngine } from '../../../src/local/pipeline/index.js';
import { eventually, type PipelineWorld } from '../support/pipeline-world.js';
import { actionRuns, approvalStage, buildAction, controlEngine, controlWorld } from './support/control-world.js';

let world: PipelineWorld;
let engine: PipelineEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await world?.dispose();
});

const AFTER = `        - Name: Deploy
          Actions:
${buildAction('Deploy', 'deploy')}`;
const ROOT = 'arn:aws:iam::000000000000:root';

/** Starts an execution and waits until its approval waits; returns its id and the approval's record. */
async function waitingApproval(): Promise<{ id: string; approval: ActionExecution }> {
  const { pipelineExecutionId: id } = await engine!.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
  await eventually(world.events, (event) => event.type === 'action.message' && event.pipelineExecutionId === id && event.text.startsWith('answer with'));
  const approval = world.account.executions.actions({ pipelineExecutionId: id }).find((run) => run.actionName === 'Approve')!;
  return { id, approval };
}

const answer = (approval: ActionExecution, status: 'Approved' | 'Rejected', summary: string, token = approval.token!) =>
  engine!.putApprovalResult({ pipelineName: 'app', stageName: 'Approve', actionName: 'Approve', token, result: { status, summary }, by: ROOT });

describe('manual approval', () => {
  it('waits with a token, the custom data and the review link, and goes on when approved with a comment', async () => {
    world = await controlWorld(approvalStage() + AFTER);
    engine = controlEngine(world);
    const { id, approval } = await waitingApproval();
    const commit = world.repo.git('rev-parse', 'HEAD');
    expect(approval).toMatchObject({ status: 'InProgress', token: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(approval.output.executionResult).toEqual({ externalExecutionId: approval.token, externalExecutionSummary: `Check the build of ${commit}`, externalExecutionUrl: 'http://127.0.0.1/review' });
    const said = world.events.flatMap((event) => (event.type === 'action.message' && event.pipelineExecutionId === id ? [event.text] : []));
    expect(said).toContain('review: http://127.0.0.1/review');
    const sns = said.find((text) => text.startsWith('SNS is not run locally'))!;
    expect(JSON.parse(sns.slice(sns.indexOf('{')))).toMatchObject({ approval: { pipelineName: 'app', stageName: 'Approve', actionName: 'Approve', token: approval.token, customData: `Check the build of ${commit}` } });
    expect(world.account.executions.get(id)!.status).toBe('InProgress');
    const { approvedAt } = answer(approval, 'Approved', 'looks good');
    expect(approvedAt).toBeInstanceOf(Date);
    const ended = await engine.wait(id);
    expect(ended.status).toBe('Succeeded');
    expect(actionRuns(world, id)).toEqual(['Source/Source Succeeded', 'Build/Build Succeeded', 'Approve/Approve Succeeded', 'Deploy/Deploy Succeeded']);
    const done = world.account.executions.actions({ pipelineExecutionId: id }).find((run) => run.actionName === 'Approve')!;
    expect([done.output.executionResult?.externalExecutionSummary, done.lastUpdatedBy, done.token]).toEqual(['looks good', ROOT, undefined]);
    expect(() => answer(approval, 'Rejected', 'too late')).toThrow(expect.objectContaining({ code: 'ApprovalAlreadyCompletedException' }));
  }, 60_000);

  it('a rejection fails the stage with the comment; a wrong token is refused', async () => {
    world = await controlWorld(approvalStage() + AFTER);
    engine = controlEngine(world);
    const { id, approval } = await waitingApproval();
    expect(() => answer(approval, 'Approved', 'x', '00000000-0000-0000-0000-000000000000')).toThrow(expect.objectContaining({ code: 'InvalidApprovalTokenException' }));
    expect(() => engine!.putApprovalResult({ pipelineName: 'app', stageName: 'Approve', actionName: 'Nope', token: approval.token!, result: { status: 'Approved', summary: 'x' }, by: ROOT })).toThrow(expect.objectContaining({ code: 'ActionNotFoundException' }));
    answer(approval, 'Rejected', 'the tests are red');
    const ended = await engine.wait(id);
    expect([ended.status, ended.statusSummary]).toEqual(['Failed', 'Stage Approve failed']);
    const done = world.account.executions.actions({ pipelineExecutionId: id }).find((run) => run.actionName === 'Approve')!;
    expect(done).toMatchObject({ status: 'Failed', lastUpdatedBy: ROOT, output: { executionResult: { errorDetails: { code: 'JobFailed', message: 'Rejected: the tests are red' }, externalExecutionSummary: 'the tests are red' } } });
    expect(actionRuns(world, id)).not.toContain('Deploy/Deploy Succeeded');
  }, 60_000);

  it('no answer within TimeoutInMinutes fails the action, as a failed action', async () => {
    world = await controlWorld(approvalStage(5));
    engine = controlEngine(world, { minuteMs: 60 });
    const { id, approval } = await waitingApproval();
    const ended = await engine.wait(id);
    expect(ended.status).toBe('Failed');
    const done = world.account.executions.actions({ pipelineExecutionId: id }).find((run) => run.actionName === 'Approve')!;
    expect(done.output.executionResult?.errorDetails).toEqual({ code: 'JobFailed', message: 'The approval request timed out: no answer within 5 minutes' });
    expect(() => answer(approval, 'Approved', 'late')).toThrow(expect.objectContaining({ code: 'ApprovalAlreadyCompletedException' }));
  }, 60_000);
});
