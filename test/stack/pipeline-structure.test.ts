// CodePipeline's structure rules, checked on resolved pipeline properties (aws-semantics.md §2).
import { describe, expect, it } from 'vitest';
import { normalizeStages, pipelineProblems } from '../../src/local/stack/providers/pipeline-structure.js';

const source = (name = 'Source', output = 'Src') => ({
  Name: name,
  ActionTypeId: { Category: 'Source', Owner: 'AWS', Provider: 'CodeCommit', Version: '1' },
  Configuration: { RepositoryName: 'r', BranchName: 'main' },
  OutputArtifacts: [{ Name: output }],
});
const build = (name: string, inputs: string[], outputs: string[] = [], runOrder?: number) => ({
  Name: name,
  ActionTypeId: { Category: 'Build', Owner: 'AWS', Provider: 'CodeBuild', Version: 1 },
  Configuration: { ProjectName: 'p' },
  InputArtifacts: inputs.map((Name) => ({ Name })),
  OutputArtifacts: outputs.map((Name) => ({ Name })),
  ...(runOrder === undefined ? {} : { RunOrder: runOrder }),
});
const pipeline = (stages: unknown[], extra: Record<string, unknown> = {}) => ({ RoleArn: 'arn:aws:iam::000000000000:role/r', ArtifactStore: { Type: 'S3', Location: 'b' }, Stages: stages, ...extra });

describe('pipeline structure', () => {
  it('accepts a source stage followed by a build stage, with Version given as "1" or 1', () => {
    expect(pipelineProblems(pipeline([{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('Build', ['Src'])] }]))).toEqual([]);
  });

  it('needs at least two stages', () => {
    expect(pipelineProblems(pipeline([{ Name: 'Source', Actions: [source()] }]))).toEqual(['#/Stages: a pipeline must contain at least two stages; it has 1']);
  });

  it('allows source actions only in the first stage, and only source actions there', () => {
    const problems = pipelineProblems(pipeline([{ Name: 'Build', Actions: [build('Build', [])] }, { Name: 'Late', Actions: [source('Late', 'L')] }]));
    expect(problems).toEqual([
      "#/Stages/0/Actions/0: the first stage may contain only source actions; 'Build' is a Build action",
      "#/Stages/1/Actions/0: source actions may appear only in the first stage; 'Late' is in stage 2",
    ]);
  });

  it('needs every input artifact to come from an earlier stage or a lower RunOrder in the same stage', () => {
    const ok = pipeline([{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('A', ['Src'], ['Out'], 1), build('B', ['Out'], [], 2)] }]);
    expect(pipelineProblems(ok)).toEqual([]);
    const parallel = pipeline([{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('A', ['Src'], ['Out'], 1), build('B', ['Out'], [], 1)] }]);
    expect(pipelineProblems(parallel)).toEqual(["#/Stages/1/Actions/1/InputArtifacts: input artifact 'Out' of action 'B' is not the output of an earlier action (an earlier stage, or a lower RunOrder in this stage)"]);
  });

  it('needs output artifact names to be unique, and RunOrder from 1 to 999', () => {
    const problems = pipelineProblems(pipeline([{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('A', ['Src'], ['Src'], 1000)] }]));
    expect(problems).toEqual([
      '#/Stages/1/Actions/0/RunOrder: RunOrder must be an integer from 1 to 999; got 1000',
      "#/Stages/1/Actions/0/OutputArtifacts: output artifact name 'Src' is already used; output artifact names must be unique in the pipeline",
    ]);
  });

  it('names the configuration keys a provider needs', () => {
    const bare = { ...source(), Configuration: { RepositoryName: 'r' } };
    expect(pipelineProblems(pipeline([{ Name: 'Source', Actions: [bare] }, { Name: 'Build', Actions: [build('B', ['Src'])] }]))).toEqual(["#/Stages/0/Actions/0/Configuration: action 'Source' (CodeCommit) is missing the configuration key BranchName"]);
  });

  it('keeps V2 features (QUEUED, variables, triggers) to V2 pipelines, and triggers to connection sources', () => {
    const stages = [{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('B', ['Src'])] }];
    const trigger = { ProviderType: 'CodeStarSourceConnection', GitConfiguration: { SourceActionName: 'Source', Push: [{ Branches: { Includes: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] } }] } };
    expect(pipelineProblems(pipeline(stages, { ExecutionMode: 'QUEUED', Variables: [{ Name: 'v' }], Triggers: [trigger] }))).toEqual([
      '#/ExecutionMode: QUEUED needs PipelineType V2',
      '#/Variables: pipeline-level variables need PipelineType V2',
      '#/Triggers: triggers need PipelineType V2',
      "#/Triggers/0/GitConfiguration/SourceActionName: 'Source' must name a CodeStarSourceConnection source action",
      '#/Triggers/0/GitConfiguration/Push/Branches/Includes: at most 8 patterns are allowed; got 9',
    ]);
  });

  it('normalizes actions for the pipeline engine: Version as a string, RunOrder defaulting to 1', () => {
    const [, stage] = normalizeStages([{ Name: 'Source', Actions: [source()] }, { Name: 'Build', Actions: [build('B', ['Src'])] }]);
    expect(stage?.actions[0]).toMatchObject({ name: 'B', runOrder: 1, actionTypeId: { version: '1', provider: 'CodeBuild' }, inputArtifacts: ['Src'] });
  });
});
