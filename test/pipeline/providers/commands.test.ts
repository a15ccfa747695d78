// V2's Commands action in real executions, run as a CodeBuild build on the host: the commands run
// in the unzipped input with variables resolved, its OutputVariables become the action's
// variables, the output artifact holds only the files its Files globs match; a failing command
// fails the action with the build's log, and a V1 pipeline cannot run it.
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineWorld, type PipelineWorld } from '../support/pipeline-world.js';
import { actionsOf, GIT_SOURCE_STAGE, providerTemplate, runOnce, zipTexts } from './support/provider-pipeline.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

const commandsStage = (commands: string[], outputs = "[{ Name: Greeting, Files: ['out/**/*'] }]") => `        - Name: Run
          Actions:
            - Name: Greet
              ActionTypeId: { Category: Compute, Owner: AWS, Provider: Commands, Version: '1' }
              Commands:
${commands.map((command) => `                - ${JSON.stringify(command)}\n`).join('')}              OutputVariables: [GREETING, CODEBUILD_BUILD_ID]
              InputArtifacts: [{ Name: Src }]
              OutputArtifacts: ${outputs}
              Namespace: Greet
`;

const GREET = ['cat hello.txt', 'export GREETING="$(cat hello.txt)-#{SourceVariables.CommitId}"', 'mkdir -p out/deep && echo "$GREETING" > out/deep/greeting.txt && echo scratch > scratch.txt'];

describe('a Commands action', () => {
  it('runs its commands on the input with variables resolved, exports its OutputVariables, and packs only the files its output lists', async () => {
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + commandsStage(GREET)), { 'hello.txt': 'hi\n' });
    const ended = await runOnce(world);
    expect(ended.status).toBe('Succeeded');
    const commit = world.repo.git('rev-parse', 'HEAD');
    const greet = actionsOf(world, ended).Greet!;
    const buildId = greet.output.executionResult!.externalExecutionId!;
    expect(buildId).toMatch(/^app-Greet:/);
    expect(greet.output.outputVariables).toEqual({ GREETING: `hi-${commit}`, CODEBUILD_BUILD_ID: buildId });
    expect(await zipTexts(world, ended.artifacts.Greeting!)).toEqual({ 'out/deep/greeting.txt': `hi-${commit}\n` });
    const log = world.account.codebuild.builds.logEvents(buildId).map((line) => line.message);
    expect(log).toContain('hi');
    // The image AWS runs Commands in is not here and no local image is mapped to it, so the host ran them.
    expect(log.some((line) => line.includes('because the project image aws/codebuild/amazonlinux-x86_64-standard:5.0 is not available offline'))).toBe(true);
  });

  it('fails when a command fails, and in a V1 pipeline', async () => {
    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + commandsStage(['echo before', 'exit 7', 'echo after'], '[]')));
    const failed = await runOnce(world);
    const greet = actionsOf(world, failed).Greet!;
    expect(greet).toMatchObject({ status: 'Failed', output: { executionResult: { errorDetails: { code: 'JobFailed', message: 'Commands terminated with state: FAILED' } } } });
    const log = world.account.codebuild.builds.logEvents(greet.output.executionResult!.externalExecutionId!).map((line) => line.message);
    expect(log).toContain('before');
    expect(log).not.toContain('after');
    await world.dispose();

    world = await pipelineWorld(providerTemplate(GIT_SOURCE_STAGE + commandsStage(GREET), '', 'V1'), { 'hello.txt': 'hi\n' });
    const v1 = await runOnce(world);
    expect(actionsOf(world, v1).Greet!.output.executionResult?.errorDetails?.message).toBe('the Commands action is only available in V2 pipelines (PipelineType: V2)');
  });
});
