// What AWS does that moto does not: operations that take many polls, resource failures and
// rollbacks, stacks left in ROLLBACK_COMPLETE, connections waiting for approval in the console,
// pipeline state. CloudFormation is scripted (support/scripted-cloudformation.ts); CodePipeline
// and CodeStar Connections are a stand-in speaking their wire protocol over HTTP; STS and ECR
// are moto's, reached through the stand-in like every other call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsApis, deploy, destroy, status, steppingClock, timestampedLines, type AwsApis, type DeployRequest } from '../../src/deploy/index.js';
import { readTemplate } from '../../src/deploy/template-document.js';
import { recordingContext } from './support/flow.js';
import { startMoto, useFakeAwsCredentials, type Moto } from './support/moto.js';
import { startPipelineEndpoint, type PipelineEndpoint, type PipelineWorld } from './support/pipeline-endpoint.js';
import { ScriptedCloudFormation } from './support/scripted-cloudformation.js';

const CONNECTION_ARN = 'arn:aws:codeconnections:us-east-1:123456789012:connection/4c7e1f52-0d7b-4d2e-9a6a-2b1f0c3d5e6f';
const PIPELINE_RESOURCES = [
  { logicalId: 'Pipeline', physicalId: 'app-dev-pipeline', resourceType: 'AWS::CodePipeline::Pipeline', status: 'CREATE_COMPLETE' },
  { logicalId: 'Connection', physicalId: CONNECTION_ARN, resourceType: 'AWS::CodeStarConnections::Connection', status: 'CREATE_COMPLETE' },
  { logicalId: 'Repository', physicalId: 'app-dev', resourceType: 'AWS::ECR::Repository', status: 'CREATE_COMPLETE' },
];

let moto: Moto;
let standIn: PipelineEndpoint;
let cloudFormation: ScriptedCloudFormation;
let apis: AwsApis;

function freshWorld(): PipelineWorld {
  return {
    pipelineName: 'app-dev-pipeline',
    connectionArn: CONNECTION_ARN,
    connectionStatus: 'AVAILABLE',
    executions: [{ pipelineExecutionId: 'execution-1', status: 'Failed', startTime: Date.parse('2026-01-02T03:05:00Z') / 1000, sourceRevisions: [{ actionName: 'Source', revisionId: '0123456789abcdef' }] }],
    stages: [
      { stageName: 'Source', status: 'Failed', executionId: 'execution-1' },
      { stageName: 'Build', status: 'Succeeded', executionId: 'execution-0' },
    ],
    failures: {},
    calls: [],
  };
}

beforeAll(async () => {
  useFakeAwsCredentials();
  moto = await startMoto();
  standIn = await startPipelineEndpoint(moto.endpoint, freshWorld());
});
afterAll(async () => {
  await standIn?.stop();
  await moto?.stop();
});
beforeEach(() => {
  Object.assign(standIn.world, freshWorld());
  cloudFormation = new ScriptedCloudFormation();
  apis = { ...awsApis({ endpointUrl: standIn.endpoint, region: 'us-east-1' }), cloudFormation };
});

function request(waitForConnection = false): DeployRequest {
  const file = 'fixtures/repository.yml';
  return { stackName: 'app-dev', template: readTemplate({ file, text: readFileSync(join(import.meta.dirname, file), 'utf8') }), parameters: {}, tags: {}, waitForConnection };
}

describe('deploy, as AWS runs it', () => {
  it('reports resource events as they appear over several polls, oldest first, stamped by the clock', async () => {
    cloudFormation.nextOperation = [
      { events: [['Repository', 'AWS::ECR::Repository', 'CREATE_IN_PROGRESS'], ['Logs', 'AWS::Logs::LogGroup', 'CREATE_IN_PROGRESS']], status: 'CREATE_IN_PROGRESS' },
      { events: [['Repository', 'AWS::ECR::Repository', 'CREATE_IN_PROGRESS', 'Resource creation Initiated'], ['Logs', 'AWS::Logs::LogGroup', 'CREATE_COMPLETE']], status: 'CREATE_IN_PROGRESS' },
      { events: [['Repository', 'AWS::ECR::Repository', 'CREATE_COMPLETE'], ['app-dev', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']], status: 'CREATE_COMPLETE' },
    ];
    const context = recordingContext({ apis });
    const result = await deploy(request(), context);
    expect(result.status).toBe('created');
    expect(context.events.flatMap(timestampedLines).slice(-9)).toEqual([
      '2026-01-02T03:04:05Z  CREATE app-dev',
      '2026-01-02T03:04:05Z  app-dev  AWS::CloudFormation::Stack  CREATE_IN_PROGRESS  User Initiated',
      '2026-01-02T03:04:05Z  Repository  AWS::ECR::Repository  CREATE_IN_PROGRESS',
      '2026-01-02T03:04:05Z  Logs  AWS::Logs::LogGroup  CREATE_IN_PROGRESS',
      '2026-01-02T03:04:10Z  Repository  AWS::ECR::Repository  CREATE_IN_PROGRESS  Resource creation Initiated',
      '2026-01-02T03:04:10Z  Logs  AWS::Logs::LogGroup  CREATE_COMPLETE',
      '2026-01-02T03:04:15Z  Repository  AWS::ECR::Repository  CREATE_COMPLETE',
      '2026-01-02T03:04:15Z  app-dev  AWS::CloudFormation::Stack  CREATE_COMPLETE',
      '2026-01-02T03:04:15Z  app-dev is CREATE_COMPLETE',
    ]);
  });

  it('waits while the change set is CREATE_PENDING, then CREATE_IN_PROGRESS, and executes it only once it is ready', async () => {
    cloudFormation.changeSetPolls = 2;
    cloudFormation.nextOperation = [{ events: [['Repository', 'AWS::ECR::Repository', 'CREATE_COMPLETE'], ['app-dev', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']], status: 'CREATE_COMPLETE' }];
    const result = await deploy(request(), recordingContext({ apis }));
    expect(result.status).toBe('created');
    const calls = cloudFormation.calls.filter((call) => call === 'DescribeChangeSet' || call === 'ExecuteChangeSet');
    expect(calls).toEqual(['DescribeChangeSet', 'DescribeChangeSet', 'DescribeChangeSet', 'ExecuteChangeSet']);
  });

  it('reads every page of new events when one poll brings more than a page of them, oldest first', async () => {
    const resources = ['A', 'B', 'C', 'D', 'E'].map((id): [string, string, string] => [id, 'AWS::SNS::Topic', 'CREATE_COMPLETE']);
    cloudFormation.nextOperation = [{ events: [...resources, ['app-dev', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']], status: 'CREATE_COMPLETE' }];
    const context = recordingContext({ apis });
    await deploy(request(), context);
    const reported = context.events.flatMap((event) => (event.type === 'stack.resource' ? [`${event.logicalId} ${event.status}`] : []));
    // Six events in one poll, three to a page: the watcher must follow NextToken to see them all.
    expect(reported.slice(-6)).toEqual(['A CREATE_COMPLETE', 'B CREATE_COMPLETE', 'C CREATE_COMPLETE', 'D CREATE_COMPLETE', 'E CREATE_COMPLETE', 'app-dev CREATE_COMPLETE']);
  });

  it('keeps waiting while DescribeStacks still answers the status from before the update', async () => {
    cloudFormation.seedStack('app-dev', 'CREATE_COMPLETE', PIPELINE_RESOURCES);
    cloudFormation.describeLag = 2;
    cloudFormation.nextOperation = [
      { events: [['Repository', 'AWS::ECR::Repository', 'UPDATE_IN_PROGRESS']], status: 'UPDATE_IN_PROGRESS' },
      { events: [['Repository', 'AWS::ECR::Repository', 'UPDATE_COMPLETE'], ['app-dev', 'AWS::CloudFormation::Stack', 'UPDATE_COMPLETE']], status: 'UPDATE_COMPLETE' },
    ];
    const context = recordingContext({ apis });
    const result = await deploy(request(), context);
    expect(result).toMatchObject({ status: 'updated', stackStatus: 'UPDATE_COMPLETE' });
    expect(context.events.flatMap((event) => (event.type === 'stack.resource' ? [`${event.logicalId} ${event.status}`] : []))).toContain('Repository UPDATE_COMPLETE');
  });

  it('shows the first failing resource\'s reason, waits for the rollback to finish, and returns failed', async () => {
    cloudFormation.nextOperation = [
      { events: [['Repository', 'AWS::ECR::Repository', 'CREATE_IN_PROGRESS'], ['Logs', 'AWS::Logs::LogGroup', 'CREATE_IN_PROGRESS']], status: 'CREATE_IN_PROGRESS' },
      {
        events: [
          ['Repository', 'AWS::ECR::Repository', 'CREATE_FAILED', "Resource handler returned message: \"Resource of type 'AWS::ECR::Repository' with identifier 'app-dev' already exists.\""],
          ['Logs', 'AWS::Logs::LogGroup', 'CREATE_FAILED', 'Resource creation cancelled'],
          ['app-dev', 'AWS::CloudFormation::Stack', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Logs, Repository]. Rollback requested by user.'],
        ],
        status: 'ROLLBACK_IN_PROGRESS',
      },
      { events: [['Logs', 'AWS::Logs::LogGroup', 'DELETE_COMPLETE'], ['Repository', 'AWS::ECR::Repository', 'DELETE_COMPLETE']], status: 'ROLLBACK_IN_PROGRESS' },
      { events: [['app-dev', 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE']], status: 'ROLLBACK_COMPLETE' },
    ];
    const context = recordingContext({ apis });
    const result = await deploy(request(), context);
    expect(result).toMatchObject({
      status: 'failed',
      stackStatus: 'ROLLBACK_COMPLETE',
      failure: { logicalId: 'Repository', resourceType: 'AWS::ECR::Repository', status: 'CREATE_FAILED', reason: expect.stringMatching(/already exists/) },
    });
    expect(context.events.at(-1)).toMatchObject({ type: 'stack.operation.finished', status: 'ROLLBACK_COMPLETE' });
  });

  it('offers to delete a stack left in ROLLBACK_COMPLETE, then creates it again', async () => {
    cloudFormation.seedStack('app-dev', 'ROLLBACK_COMPLETE');
    cloudFormation.nextOperation = [{ events: [['app-dev', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']], status: 'CREATE_COMPLETE' }];
    const context = recordingContext({ apis });
    const result = await deploy(request(), context);
    expect(result.status).toBe('created');
    expect(context.questions.map((q) => q.kind)).toEqual(['delete-failed-stack', 'execute-change-set']);
    expect(cloudFormation.calls.filter((call) => /^(DeleteStack|CreateChangeSet|ExecuteChangeSet)/.test(call))).toEqual(['DeleteStack', 'CreateChangeSet CREATE', 'ExecuteChangeSet']);
  });

  it('destroys a REVIEW_IN_PROGRESS stack without asking for the template it does not have yet', async () => {
    cloudFormation.seedStack('app-dev', 'REVIEW_IN_PROGRESS');
    const context = recordingContext({ apis });
    const result = await destroy({ stackName: 'app-dev', deleteImages: false }, context);
    expect(result.status).toBe('deleted');
    expect(cloudFormation.calls).not.toContain('GetTemplate');
    expect(cloudFormation.calls).toContain('DeleteStack');
    expect(context.questions[0]?.message).toMatch(/^delete stack app-dev, which is REVIEW_IN_PROGRESS: a CREATE change set was made but never executed/);
  });

  it('leaves a ROLLBACK_COMPLETE stack alone when the user declines to delete it', async () => {
    cloudFormation.seedStack('app-dev', 'ROLLBACK_COMPLETE');
    const result = await deploy(request(), recordingContext({ apis, answer: false }));
    expect(result).toMatchObject({ status: 'cancelled', stackStatus: 'ROLLBACK_COMPLETE' });
    expect(cloudFormation.calls.filter((call) => /^(DeleteStack|CreateChangeSet)/.test(call))).toEqual([]);
  });

  it('stops waiting when the signal aborts, between two polls', async () => {
    const inProgress = { events: [], status: 'CREATE_IN_PROGRESS' };
    cloudFormation.nextOperation = Array.from({ length: 50 }, () => inProgress);
    const controller = new AbortController();
    const context = { ...recordingContext({ apis }), signal: controller.signal };
    const reporter = context.reporter;
    context.reporter = { emit: (event) => (reporter.emit(event), event.type === 'stack.resource' && controller.abort(new Error('received SIGINT'))) };
    await expect(deploy(request(), context)).rejects.toThrow('received SIGINT');
    expect(cloudFormation.calls.filter((call) => call === 'DescribeStackEvents').length).toBeLessThan(5);
  });

  it('refuses to deploy over a stack that is still being updated, saying what to wait for', async () => {
    cloudFormation.seedStack('app-dev', 'UPDATE_IN_PROGRESS');
    await expect(deploy(request(), recordingContext({ apis }))).rejects.toMatchObject({ code: 'StackBusy', kind: 'failed', hint: expect.stringMatching(/slipway status/) });
  });
});

describe('after the stack exists', () => {
  beforeEach(() => {
    cloudFormation.resourcesAfterCreate = PIPELINE_RESOURCES;
    cloudFormation.nextOperation = [{ events: [['app-dev', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE']], status: 'CREATE_COMPLETE' }];
  });

  it('prints the console link for a PENDING connection and starts nothing without --wait', async () => {
    standIn.world.connectionStatus = 'PENDING';
    const context = recordingContext({ apis });
    const result = await deploy(request(false), context);
    const consoleUrl = 'https://us-east-1.console.aws.amazon.com/codesuite/settings/connections?region=us-east-1';
    expect(context.events).toContainEqual(expect.objectContaining({ type: 'connection.pending', arn: CONNECTION_ARN, name: 'slipway-github', consoleUrl }));
    expect(result.pipeline).toMatchObject({ name: 'app-dev-pipeline', connections: [{ status: 'PENDING', consoleUrl }], latestExecution: { executionId: 'execution-1', status: 'Failed' } });
    expect(standIn.world.calls).not.toContain('StartPipelineExecution');
  });

  it('with --wait, polls the connection until it is AVAILABLE, then starts the pipeline', async () => {
    standIn.world.connectionStatus = 'PENDING';
    standIn.world.approveAfterCalls = 3;
    const clock = steppingClock(new Date('2026-01-02T03:04:05Z'));
    const context = recordingContext({ apis, clock });
    const result = await deploy(request(true), context);
    expect(result.pipeline).toMatchObject({ startedExecutionId: 'execution-2', connections: [{ status: 'AVAILABLE' }] });
    expect(context.events.map((e) => e.type).slice(-5)).toEqual(['connection.pending', 'connection.waiting', 'connection.waiting', 'connection.available', 'pipeline.started']);
    expect(clock.elapsedMs()).toBe(30_000);
  });

  it('reports the first execution when the connection is already AVAILABLE', async () => {
    const context = recordingContext({ apis });
    const result = await deploy(request(), context);
    expect(result.pipeline?.latestExecution).toEqual({ executionId: 'execution-1', status: 'Failed' });
    expect(context.events.at(-1)).toMatchObject({ type: 'pipeline.execution', pipelineName: 'app-dev-pipeline', status: 'Failed' });
  });
});

describe('slipway status', () => {
  beforeAll(async () => {
    const ecr = new ECRClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app-dev' }));
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: {}, layers: [] });
    await ecr.send(new PutImageCommand({ repositoryName: 'app-dev', imageManifest: manifest, imageTag: '0123456' }));
  });

  it('reads the stages, latest executions, images and connection of the stack', async () => {
    cloudFormation.seedStack('app-dev', 'CREATE_COMPLETE', PIPELINE_RESOURCES);
    const report = await status('app-dev', { apis });
    expect(report.stack?.status).toBe('CREATE_COMPLETE');
    expect(report.pipeline).toMatchObject({
      name: 'app-dev-pipeline',
      stages: [{ name: 'Source', status: 'Failed', executionId: 'execution-1' }, { name: 'Build', status: 'Succeeded' }],
      executions: [{ executionId: 'execution-1', status: 'Failed', sourceRevisions: [{ revisionId: '0123456789abcdef' }] }],
    });
    expect(report.repository).toMatchObject({ name: 'app-dev', images: [{ tags: ['0123456'], digest: expect.stringMatching(/^sha256:/) }] });
    expect(report.connections).toEqual([{ arn: CONNECTION_ARN, name: 'slipway-github', status: 'AVAILABLE', providerType: 'GitHub' }]);
  });

  it('reports a part it may not read as that part\'s error, naming the missing permission, and keeps the rest', async () => {
    cloudFormation.seedStack('app-dev', 'CREATE_COMPLETE', PIPELINE_RESOURCES);
    standIn.world.failures.GetPipelineState = { type: 'AccessDeniedException', status: 400, message: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: codepipeline:GetPipelineState' };
    const report = await status('app-dev', { apis });
    expect(report.pipeline).toMatchObject({ name: 'app-dev-pipeline', error: { code: 'AwsAccessDenied', message: expect.stringMatching(/not allowed to call codepipeline:GetPipelineState/) } });
    expect(report.repository).toMatchObject({ images: [{ tags: ['0123456'] }] });
  });

  it('stops with an environment error when the credentials have expired', async () => {
    cloudFormation.seedStack('app-dev', 'CREATE_COMPLETE', PIPELINE_RESOURCES);
    standIn.world.failures.GetPipelineState = { type: 'ExpiredTokenException', status: 400, message: 'The security token included in the request is expired' };
    await expect(status('app-dev', { apis })).rejects.toMatchObject({ code: 'AwsCredentialsExpired', kind: 'environment', hint: expect.stringMatching(/sso login/) });
  });

  it('retries a throttled call with backoff and succeeds', async () => {
    cloudFormation.seedStack('app-dev', 'CREATE_COMPLETE', PIPELINE_RESOURCES);
    standIn.world.failures.GetConnection = { type: 'ThrottlingException', status: 400, message: 'Rate exceeded', times: 2 };
    const report = await status('app-dev', { apis });
    expect(report.connections).toMatchObject([{ status: 'AVAILABLE' }]);
    expect(standIn.world.calls.filter((call) => call === 'GetConnection')).toHaveLength(3);
  });
});
