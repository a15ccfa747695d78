// Executions of a local pipeline on real git and a real build (on the host): a commit becomes
// the execution's source revision, its tree (without .git) the source artifact at CodePipeline's
// key layout, variables resolve in the build's configuration, the build's exported variables and
// artifact become the action's outputs, and a failure ends the execution at its stage.
import { afterEach, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../src/local/artifacts/index.js';
import { pipelineTemplate, pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let world: PipelineWorld;
afterEach(() => world?.dispose());

async function run(engine: ReturnType<PipelineWorld['engine']>, variables: Record<string, string> = {}) {
  const started = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' }, variables });
  return engine.wait(started.pipelineExecutionId);
}

async function zipOf(world: PipelineWorld, location: { bucket: string; key: string }) {
  const file = join(mkdtempSync(join(tmpdir(), 'slipway-zip-')), 'artifact.zip');
  writeFileSync(file, world.account.buckets.getObject(location.bucket, location.key)!);
  return readZipEntries(file);
}

describe('an execution', () => {
  it('takes the branch\'s commit, stores its tree without .git at <pipeline>/<artifact>/<7 characters>, and builds it with the variables resolved', async () => {
    world = await pipelineWorld();
    const commit = world.repo.git('rev-parse', 'HEAD');
    const engine = world.engine();
    const ended = await run(engine, { Stage: 'prod' });
    expect(ended).toMatchObject({ status: 'Succeeded', pipelineName: 'app', pipelineVersion: 1, executionMode: 'SUPERSEDED', trigger: { triggerType: 'StartPipelineExecution' } });
    expect(ended.sourceRevisions).toEqual([{ actionName: 'Source', revisionId: commit, revisionSummary: 'initial commit' }]);
    expect(ended.variables).toEqual([{ name: 'Stage', resolvedValue: 'prod' }]);
    const source = ended.artifacts.Src!;
    expect(source.key).toMatch(/^app\/Src\/[A-Za-z0-9]{7}$/);
    expect((await zipOf(world, source)).map((entry) => entry.name).sort()).toEqual(['buildspec.yml', 'version']);
    const actions = world.account.executions.actions({ pipelineExecutionId: ended.pipelineExecutionId });
    // ListActionExecutions: newest first.
    expect(actions.map((action) => `${action.stageName}/${action.actionName} ${action.status}`)).toEqual(['Build/Build Succeeded', 'Source/Source Succeeded']);
    const [build, sourceAction] = actions;
    expect(sourceAction!.output.outputVariables).toMatchObject({ CommitId: commit, BranchName: 'main', CommitMessage: 'initial commit', FullRepositoryName: 'acme/app', ConnectionArn: expect.stringMatching(/^arn:aws:codestar-connections:/) });
    expect(build!.input.resolvedConfiguration.EnvironmentVariables).toBe(`[{"name":"COMMIT","value":"${commit}"},{"name":"STAGE","value":"prod"},{"name":"EXECUTION","value":"${ended.pipelineExecutionId}"}]`);
    expect(build!.output.outputVariables).toEqual({ BUILT: 'built-1' });
    expect((await zipOf(world, ended.artifacts.Out!)).map((entry) => `${entry.name}=${entry.content.toString().trim()}`)).toEqual(['out.txt=built-1']);
    const log = world.account.codebuild.builds.logEvents(build!.output.executionResult!.externalExecutionId!).map((line) => line.message);
    expect(log).toContain(`commit=${commit} resolved=${commit} stage=prod execution=${ended.pipelineExecutionId} initiator=codepipeline/app`);
    expect(log).toContain('no .git in the source');
  });

  it('fails at the stage whose action failed, with CodePipeline\'s error details, and runs nothing after it', async () => {
    world = await pipelineWorld(pipelineTemplate('SUPERSEDED', '        - Name: After\n          Actions:\n            - Name: Again\n              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: \'1\' }\n              Configuration: { ProjectName: !Ref Project }\n              InputArtifacts: [{ Name: Src }]\n'), { fail: 'yes' });
    const ended = await run(world.engine());
    expect(ended).toMatchObject({ status: 'Failed', statusSummary: 'Stage Build failed' });
    const [build] = world.account.executions.actions({ pipelineExecutionId: ended.pipelineExecutionId });
    expect(build).toMatchObject({ actionName: 'Build', status: 'Failed', output: { executionResult: { errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAILED' } } } });
    expect(world.events.filter((event) => event.type === 'stage.started').map((event) => (event as { stageName: string }).stageName)).toEqual(['Source', 'Build']);
  });

  it('fails an action of a provider slipway does not run, naming it', async () => {
    world = await pipelineWorld(pipelineTemplate('SUPERSEDED', '        - Name: Deploy\n          Actions:\n            - Name: Ecs\n              ActionTypeId: { Category: Deploy, Owner: AWS, Provider: ECS, Version: \'1\' }\n              Configuration: { ClusterName: c, ServiceName: s }\n              InputArtifacts: [{ Name: Out }]\n'));
    const ended = await run(world.engine());
    expect(ended.status).toBe('Failed');
    const [deploy] = world.account.executions.actions({ pipelineExecutionId: ended.pipelineExecutionId });
    expect(deploy!.output.executionResult?.errorDetails).toEqual({ code: 'ConfigurationError', message: 'Deploy actions of provider AWS/ECS are not run locally yet (slipway runs Git, S3 and ECR sources, CodeBuild, Commands, CloudFormation and S3 deploy, manual approvals)' });
  });

  it('refuses variables the pipeline does not declare, and empty values, as StartPipelineExecution does', async () => {
    world = await pipelineWorld();
    const engine = world.engine();
    await expect(engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' }, variables: { Stag: 'x', Stage: '' } })).rejects.toThrow("variable 'Stag' is not declared by pipeline app (its variables: Stage); variable 'Stage' needs a non-empty value");
    expect(world.account.executions.list()).toEqual([]);
  });
});
