// A local account on a temporary home with a stack holding one pipeline (a connection source
// mapped to a real Git repository, then a CodeBuild action running on the host), and the events
// its engine reports: the world the pipeline tests run in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalAccount } from '../../../src/local/account/index.js';
import type { PipelineEngine, PipelineEvent } from '../../../src/local/pipeline/index.js';
import { makeGitRepo, type GitRepo } from '../../support/git-repo.js';

/** The build the pipeline runs: prints what it was given, sleeps when asked, exports and packs. */
export const BUILDSPEC = `version: 0.2
env:
  exported-variables: [BUILT]
phases:
  build:
    commands:
      - echo "commit=$COMMIT resolved=$CODEBUILD_RESOLVED_SOURCE_VERSION stage=$STAGE execution=$EXECUTION initiator=$CODEBUILD_INITIATOR"
      - test ! -e .git && echo "no .git in the source"
      - if [ -f sleep ]; then sleep "$(cat sleep)"; fi
      - if [ -f fail ]; then exit 3; fi
      - BUILT="built-$(cat version)"
      - echo "$BUILT" > out.txt
artifacts:
  files: out.txt
`;

/** What every test pipeline's stack holds besides the pipeline (YAML at two spaces): its artifact bucket, role, connection and CodeBuild project app-build. */
export const PIPELINE_RESOURCES = `  Artifacts: { Type: AWS::S3::Bucket, Properties: { BucketName: pipe-artifacts } }
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: [codepipeline.amazonaws.com, codebuild.amazonaws.com] }, Action: sts:AssumeRole }] } }
  Connection: { Type: AWS::CodeStarConnections::Connection, Properties: { ConnectionName: gh, ProviderType: GitHub } }
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Name: app-build
      ServiceRole: !GetAtt Role.Arn
      Source: { Type: CODEPIPELINE }
      Artifacts: { Type: CODEPIPELINE }
      Environment: { Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: 'aws/codebuild/standard:7.0' }
`;

/**
 * The stack's template; `mode` is the pipeline's execution mode, `extraStage` a stage of any kind,
 * `detectChanges` whether a push to the branch starts an execution.
 */
export function pipelineTemplate(mode: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL' = 'SUPERSEDED', extraStage = '', detectChanges = false): string {
  return `Resources:
${PIPELINE_RESOURCES}  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: app
      PipelineType: V2
      ExecutionMode: ${mode}
      RoleArn: !GetAtt Role.Arn
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Variables: [{ Name: Stage, DefaultValue: dev }]
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Connection, FullRepositoryId: acme/app, BranchName: main, DetectChanges: ${detectChanges} }
              OutputArtifacts: [{ Name: Src }]
              Namespace: SourceVariables
        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              Configuration:
                ProjectName: !Ref Project
                EnvironmentVariables: '[{"name":"COMMIT","value":"#{SourceVariables.CommitId}"},{"name":"STAGE","value":"#{variables.Stage}"},{"name":"EXECUTION","value":"#{codepipeline.PipelineExecutionId}"}]'
              InputArtifacts: [{ Name: Src }]
              OutputArtifacts: [{ Name: Out }]
              Namespace: BuildVariables
${extraStage}`;
}

/** A temporary account with the pipeline's stack, its repository, and its engine's events. */
export interface PipelineWorld {
  home: string;
  account: LocalAccount;
  repo: GitRepo;
  events: PipelineEvent[];
  engine(): PipelineEngine;
  dispose(): Promise<void>;
}

/** Makes the world: the repository (with `files`), the stack from `template`, the source mapping. */
export async function pipelineWorld(template = pipelineTemplate(), files: Record<string, string> = {}): Promise<PipelineWorld> {
  const home = mkdtempSync(join(tmpdir(), 'slipway-pipeline-'));
  const repo = makeGitRepo({ 'buildspec.yml': BUILDSPEC, version: '1\n', ...files });
  const account = new LocalAccount({ home });
  account.sources.map('acme/app', repo.dir);
  const events: PipelineEvent[] = [];
  account.events.subscribe((event) => {
    if (event.source === 'codepipeline') events.push(event.payload as PipelineEvent);
  });
  const created = await account.stacks.create({ stackName: 'pipe', templateBody: template, templateFile: join(home, 'pipeline.yaml') });
  if (created.status !== 'CREATE_COMPLETE') throw new Error(`the pipeline's stack was not created: ${created.reason ?? created.status}`);
  const engines: PipelineEngine[] = [];
  return {
    home, account, repo, events,
    engine: () => {
      const engine = account.pipelineEngine();
      engines.push(engine);
      return engine;
    },
    dispose: async () => {
      for (const engine of engines) await engine.close();
      account.close();
      rmSync(home, { recursive: true, force: true });
      rmSync(repo.dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once an event matching `test` has been reported. */
export async function eventually(events: PipelineEvent[], test: (event: PipelineEvent) => boolean, timeoutMs = 30_000): Promise<PipelineEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events.find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such event in ${timeoutMs} ms; saw: ${events.map((event) => event.type).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
