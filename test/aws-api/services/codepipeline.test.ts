// CodePipeline and the connections services through the local endpoint's handlers, on pipelines
// and connections a stack made (the corpus template connection-v2-triggers.yaml, created through
// CreateStack): declarations in GetPipeline's shape, state without executions, and the errors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PIPELINE_P } from '../../stack/support/pipeline-template.js';
import { apiHarness, type ApiHarness } from './support/api-harness.js';

let api: ApiHarness;
const pipelines = (operation: string, input: Record<string, unknown> = {}) => api.call('codepipeline', operation, input);
let connectionArn: string;
let pipelineName: string;

beforeEach(async () => {
  api = apiHarness();
  const template = readFileSync(join(import.meta.dirname, '..', '..', 'cloudformation', 'templates', 'connection-v2-triggers.yaml'), 'utf8');
  await api.call('cloudformation', 'CreateStack', { StackName: 'ci', TemplateBody: template, Capabilities: ['CAPABILITY_IAM'] });
  await api.tasks.settled();
  const stack = ((await api.call('cloudformation', 'DescribeStacks', { StackName: 'ci' })) as { Stacks: { StackStatus: string; Outputs: { OutputKey: string; OutputValue: string }[] }[] }).Stacks[0]!;
  expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  connectionArn = stack.Outputs.find((output) => output.OutputKey === 'ConnectionArn')!.OutputValue;
  pipelineName = api.account.pipelines.list()[0]!.pipeline.name;
});
afterEach(() => api.dispose());

describe('pipelines', () => {
  it('lists pipelines with their version, type and execution mode', async () => {
    expect(await pipelines('ListPipelines')).toEqual({
      pipelines: [{ name: pipelineName, version: 1, pipelineType: 'V2', executionMode: 'QUEUED', created: expect.any(Date), updated: expect.any(Date) }],
    });
  });

  it("gives the declaration in GetPipeline's shape: string configuration values, camelCase triggers, artifacts by name", async () => {
    const { pipeline, metadata } = (await pipelines('GetPipeline', { name: pipelineName })) as { pipeline: { stages: { actions: unknown[] }[]; triggers: unknown; variables: unknown }; metadata: Record<string, unknown> };
    expect(metadata).toEqual({ pipelineArn: `arn:aws:codepipeline:us-east-1:000000000000:${pipelineName}`, created: expect.any(Date), updated: expect.any(Date) });
    expect(pipeline).toMatchObject({ name: pipelineName, version: 1, pipelineType: 'V2', executionMode: 'QUEUED', artifactStore: { type: 'S3', location: expect.any(String) } });
    const source = pipeline.stages[0]!.actions[0];
    expect(source).toMatchObject({
      name: 'Source', runOrder: 1, namespace: 'SourceVariables', outputArtifacts: [{ name: 'Source' }], inputArtifacts: [],
      actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' },
      configuration: { ConnectionArn: connectionArn, FullRepositoryId: 'octo-org/service', BranchName: 'main', DetectChanges: 'true' },
    });
    expect(pipeline.triggers).toEqual([{
      providerType: 'CodeStarSourceConnection',
      gitConfiguration: {
        sourceActionName: 'Source',
        push: [{ branches: { includes: ['main', 'release/*'], excludes: ['experimental/*'] }, filePaths: { includes: ['src/**', 'Dockerfile'] } }],
        pullRequest: [{ events: ['OPEN', 'UPDATED'], branches: { includes: ['main'] } }],
      },
    }]);
    expect(pipeline.variables).toEqual([{ name: 'DeployTarget', defaultValue: 'us-east-1', description: 'Region the image is promoted to' }]);
    await expect(pipelines('GetPipeline', { name: pipelineName, version: 2 })).rejects.toMatchObject({ code: 'PipelineVersionNotFoundException' });
  });

  it('shows every stage and action without an execution, and lists no executions yet', async () => {
    expect(await pipelines('GetPipelineState', { name: pipelineName })).toEqual({
      pipelineName, pipelineVersion: 1, created: expect.any(Date), updated: expect.any(Date),
      stageStates: [
        { stageName: 'Source', inboundTransitionState: { enabled: true }, actionStates: [{ actionName: 'Source' }] },
        { stageName: 'Build', inboundTransitionState: { enabled: true }, actionStates: [{ actionName: 'Image' }] },
      ],
    });
    expect(await pipelines('ListPipelineExecutions', { pipelineName, maxResults: 10 })).toEqual({ pipelineExecutionSummaries: [] });
  });

  it('answers PipelineNotFoundException for a pipeline that is not there, and ValidationException for a bad name', async () => {
    await expect(pipelines('GetPipeline', { name: 'nope' })).rejects.toMatchObject({ code: 'PipelineNotFoundException', message: "Account '000000000000' does not have a pipeline with name 'nope'" });
    await expect(pipelines('GetPipelineState', { name: 'nope' })).rejects.toMatchObject({ code: 'PipelineNotFoundException' });
    await expect(pipelines('ListPipelineExecutions', { pipelineName: 'nope' })).rejects.toMatchObject({ code: 'PipelineNotFoundException' });
    await expect(pipelines('GetPipeline', { name: 'bad name!' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('pages ListPipelines by maxResults', async () => {
    await api.call('cloudformation', 'CreateStack', { StackName: 'second', TemplateBody: PIPELINE_P });
    await api.tasks.settled();
    const first = (await pipelines('ListPipelines', { maxResults: 1 })) as { pipelines: { name: string }[]; nextToken?: string };
    const second = (await pipelines('ListPipelines', { maxResults: 1, nextToken: first.nextToken })) as typeof first;
    expect([...first.pipelines, ...second.pipelines].map((pipeline) => pipeline.name).sort()).toEqual([pipelineName, 'p'].sort());
    expect(second.nextToken).toBeUndefined();
    await expect(pipelines('ListPipelines', { nextToken: 'bad' })).rejects.toMatchObject({ code: 'InvalidNextTokenException' });
  });
});

describe('connections', () => {
  it('gets a connection through both services, by either form of its ARN', async () => {
    const expected = { Connection: { ConnectionName: 'ci-gh', ConnectionArn: connectionArn, ProviderType: 'GitHub', OwnerAccountId: '000000000000', ConnectionStatus: 'AVAILABLE' } };
    expect(await api.call('codestar-connections', 'GetConnection', { ConnectionArn: connectionArn })).toEqual(expected);
    const renamed = connectionArn.replace(':codestar-connections:', ':codeconnections:');
    expect(renamed).not.toBe(connectionArn);
    expect(await api.call('codeconnections', 'GetConnection', { ConnectionArn: renamed })).toEqual(expected);
  });

  it('lists connections, filtered by provider type', async () => {
    expect(await api.call('codestar-connections', 'ListConnections')).toEqual({ Connections: [expect.objectContaining({ ConnectionArn: connectionArn })] });
    expect(await api.call('codeconnections', 'ListConnections', { ProviderTypeFilter: 'Bitbucket' })).toEqual({ Connections: [] });
  });

  it('answers ResourceNotFoundException for a connection that is not there, and ValidationException for what is no ARN', async () => {
    await expect(api.call('codestar-connections', 'GetConnection', { ConnectionArn: 'arn:aws:codestar-connections:us-east-1:000000000000:connection/none' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(api.call('codestar-connections', 'GetConnection', { ConnectionArn: 'none' })).rejects.toMatchObject({ code: 'ValidationException' });
  });
});

describe("the stack's CodeBuild project", () => {
  it("is in BatchGetProjects' shape as the AWS::CodeBuild::Project made it", async () => {
    const [name] = api.account.codebuild.projects.list();
    const { projects } = (await api.call('codebuild', 'BatchGetProjects', { names: [name] })) as { projects: Record<string, unknown>[] };
    expect(projects[0]).toMatchObject({
      name, source: { type: 'CODEPIPELINE' }, artifacts: { type: 'CODEPIPELINE' },
      environment: { type: 'ARM_CONTAINER', computeType: 'BUILD_GENERAL1_LARGE', image: 'aws/codebuild/amazonlinux-aarch64-standard:3.0', privilegedMode: true },
    });
  });
});
