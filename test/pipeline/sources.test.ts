// The Git source providers and the CodeBuild action's inputs and outputs, on real git and real
// host builds: GitHub version 1 and CodeCommit with their output variables, a connection by its
// codeconnections ARN, CODEBUILD_CLONE_REF (a clone with history at the commit), two inputs with
// PrimarySource (CODEBUILD_SRC_DIR_<name>), and secondary artifacts as the action's outputs.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../support/git-repo.js';
import { pipelineWorld, type PipelineWorld } from './support/pipeline-world.js';

let world: PipelineWorld;
afterEach(() => world?.dispose());

/** A template with the usual bucket, role and project, `resources` more, and `stages`. */
function template(stages: string, resources = ''): string {
  return `Resources:
  Artifacts: { Type: AWS::S3::Bucket, Properties: { BucketName: src-artifacts } }
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: [codepipeline.amazonaws.com] }, Action: sts:AssumeRole }] } }
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app-build
      ServiceRole: !GetAtt Role.Arn
      Source: { Type: CODEPIPELINE }
      Artifacts: { Type: CODEPIPELINE }
      Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: 'aws/codebuild/standard:7.0' }
${resources}  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: app
      PipelineType: V2
      RoleArn: !GetAtt Role.Arn
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Stages:
${stages}`;
}

const BUILD_STAGE = (inputs = '[{ Name: Src }]', configuration = '{ ProjectName: !Ref Project }', outputs = '[{ Name: Out }]') => `        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              Configuration: ${configuration}
              InputArtifacts: ${inputs}
              OutputArtifacts: ${outputs}
`;

const ECHO_BUILDSPEC = (commands: string[]) => `version: 0.2
phases:
  build:
    commands:
${commands.map((command) => `      - ${JSON.stringify(command)}`).join('\n')}
artifacts:
  files: ['**/*']
`;

async function runOnce() {
  const engine = world.engine();
  const started = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
  const ended = await engine.wait(started.pipelineExecutionId);
  const actions = world.account.executions.actions({ pipelineExecutionId: ended.pipelineExecutionId });
  const log = (name: string) => {
    const id = actions.find((action) => action.actionName === name)?.output.executionResult?.externalExecutionId;
    return id ? world.account.codebuild.builds.logEvents(id).map((line) => line.message) : [];
  };
  return { ended, actions, log };
}

describe('Git sources', () => {
  it('GitHub version 1 sets CommitUrl, CommitterDate and RepositoryName; its OAuth token never shows', async () => {
    world = await pipelineWorld(template(`        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: ThirdParty, Provider: GitHub, Version: '1' }
              Configuration: { Owner: acme, Repo: app, Branch: main, OAuthToken: ghp_secretvalue, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]
${BUILD_STAGE()}`), { 'buildspec.yml': ECHO_BUILDSPEC(['echo built']) });
    const commit = world.repo.git('rev-parse', 'HEAD');
    const { ended, actions } = await runOnce();
    expect(ended.status).toBe('Succeeded');
    const source = actions.find((action) => action.actionName === 'Source')!;
    expect(source.output.outputVariables).toMatchObject({ CommitId: commit, BranchName: 'main', RepositoryName: 'app', CommitUrl: `https://github.com/acme/app/commit/${commit}`, CommitterDate: expect.stringMatching(/^\d{4}-/), AuthorDate: expect.stringMatching(/^\d{4}-/) });
    expect(JSON.stringify(world.account.executions.list())).not.toContain('ghp_secretvalue');
  });

  it('CodeCommit reads the account\'s own repository, where a push lands', async () => {
    world = await pipelineWorld(template(`        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1' }
              Configuration: { RepositoryName: infra, BranchName: main, PollForSourceChanges: false }
              OutputArtifacts: [{ Name: Src }]
${BUILD_STAGE()}`, `  Repo: { Type: AWS::CodeCommit::Repository, Properties: { RepositoryName: infra } }
`), { 'buildspec.yml': ECHO_BUILDSPEC(['cat version']) });
    world.repo.git('push', '-q', world.account.codecommit.get('infra')!.path, 'main');
    const commit = world.repo.git('rev-parse', 'HEAD');
    const { ended, actions, log } = await runOnce();
    expect(ended.status).toBe('Succeeded');
    expect(actions.find((action) => action.actionName === 'Source')!.output.outputVariables).toMatchObject({ CommitId: commit, RepositoryName: 'infra', BranchName: 'main' });
    expect(log('Build')).toContain('1');
  });

  it('a connection named by its codeconnections ARN, with CODEBUILD_CLONE_REF: the build gets a clone with history at the commit', async () => {
    world = await pipelineWorld(template(`        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Conn, FullRepositoryId: acme/app, BranchName: main, OutputArtifactFormat: CODEBUILD_CLONE_REF, DetectChanges: false }
              OutputArtifacts: [{ Name: Src }]
${BUILD_STAGE()}`, `  Conn: { Type: AWS::CodeConnections::Connection, Properties: { ConnectionName: gh, ProviderType: GitHub } }
`), { 'buildspec.yml': ECHO_BUILDSPEC(['git log --format=%s', 'echo "head=$(git rev-parse HEAD) resolved=$CODEBUILD_RESOLVED_SOURCE_VERSION"']) });
    const first = world.repo.git('rev-parse', 'HEAD');
    const second = world.repo.commit({ version: '2\n' }, 'second commit');
    const { ended, actions, log } = await runOnce();
    expect(ended.status).toBe('Succeeded');
    expect(actions.find((action) => action.actionName === 'Source')!.output.outputVariables.ConnectionArn).toMatch(/^arn:aws:codeconnections:us-east-1:000000000000:connection\//);
    expect(log('Build')).toEqual(expect.arrayContaining(['second commit', 'initial commit', `head=${second} resolved=${second}`]));
    expect(first).not.toBe(second);
  });
});

describe('the CodeBuild action\'s inputs and outputs', () => {
  it('puts the PrimarySource in CODEBUILD_SRC_DIR and the other input in CODEBUILD_SRC_DIR_<name>; secondary artifacts become the outputs', async () => {
    const lib = makeGitRepo({ 'lib.txt': 'library\n' });
    world = await pipelineWorld(template(`        - Name: Source
          Actions:
            - Name: App
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Conn, FullRepositoryId: acme/app, BranchName: main, DetectChanges: false }
              OutputArtifacts: [{ Name: AppSrc }]
            - Name: Lib
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Conn, FullRepositoryId: acme/lib, BranchName: main, DetectChanges: false }
              OutputArtifacts: [{ Name: LibSrc }]
${BUILD_STAGE('[{ Name: AppSrc }, { Name: LibSrc }]', '{ ProjectName: !Ref Project, PrimarySource: AppSrc }', '[{ Name: Image }, { Name: Report }]')}`, `  Conn: { Type: AWS::CodeStarConnections::Connection, Properties: { ConnectionName: gh, ProviderType: GitHub } }
`), {
      'buildspec.yml': `version: 0.2
phases:
  build:
    commands:
      - cat version "$CODEBUILD_SRC_DIR_LibSrc/lib.txt"
      - echo image > image.txt
      - echo report > report.txt
artifacts:
  files: [image.txt]
  secondary-artifacts:
    Image: { files: [image.txt] }
    Report: { files: [report.txt] }
`,
    });
    world.account.sources.map('acme/lib', lib.dir);
    try {
      const { ended, log } = await runOnce();
      expect(ended.status, log('Build').join('\n')).toBe('Succeeded');
      expect(log('Build')).toEqual(expect.arrayContaining(['1', 'library']));
      expect(Object.keys(ended.artifacts).sort()).toEqual(['AppSrc', 'Image', 'LibSrc', 'Report']);
      expect(ended.sourceRevisions.map((revision) => revision.actionName).sort()).toEqual(['App', 'Lib']);
    } finally {
      rmSync(lib.dir, { recursive: true, force: true });
    }
  });

  it('fails a CodeBuild action with two inputs and no PrimarySource, as CodePipeline does', async () => {
    world = await pipelineWorld(template(`        - Name: Source
          Actions:
            - Name: App
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Conn, FullRepositoryId: acme/app, BranchName: main, DetectChanges: false }
              OutputArtifacts: [{ Name: AppSrc }]
            - Name: Again
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Conn, FullRepositoryId: acme/app, BranchName: main, DetectChanges: false }
              OutputArtifacts: [{ Name: AgainSrc }]
${BUILD_STAGE('[{ Name: AppSrc }, { Name: AgainSrc }]', '{ ProjectName: !Ref Project }', '[]')}`, `  Conn: { Type: AWS::CodeStarConnections::Connection, Properties: { ConnectionName: gh, ProviderType: GitHub } }
`));
    const { ended, actions } = await runOnce();
    expect(ended.status).toBe('Failed');
    expect(actions.find((action) => action.actionName === 'Build')!.output.executionResult?.errorDetails).toEqual({ code: 'ConfigurationError', message: 'PrimarySource is required when a CodeBuild action has more than one input artifact' });
  });
});
