// Templates and helpers for the action provider tests: a stack with the pipeline's role, artifact
// bucket, connection and CodeBuild project, more resources when a test needs them, and a V2
// pipeline `app` made of the stages a test writes; running it once, and reading an artifact.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZipEntries } from '../../../../src/local/artifacts/index.js';
import type { PipelineExecution } from '../../../../src/local/pipeline/index.js';
import { PIPELINE_RESOURCES, type PipelineWorld } from '../../support/pipeline-world.js';

/** The Git source stage: the connection's repository acme/app at main, as the artifact Src (namespace SourceVariables). */
export const GIT_SOURCE_STAGE = `        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1' }
              Configuration: { ConnectionArn: !Ref Connection, FullRepositoryId: acme/app, BranchName: main }
              OutputArtifacts: [{ Name: Src }]
              Namespace: SourceVariables
`;

/** A build stage running the project app-build (the repository's buildspec.yml) on Src, into Out. */
export const BUILD_STAGE = `        - Name: Build
          Actions:
            - Name: Build
              ActionTypeId: { Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1' }
              Configuration: { ProjectName: !Ref Project }
              InputArtifacts: [{ Name: Src }]
              OutputArtifacts: [{ Name: Out }]
`;

/** The stack: `resources` (YAML at two spaces) beside the pipeline's own, and the pipeline `app` of `stages`. */
export function providerTemplate(stages: string, resources = '', pipelineType: 'V1' | 'V2' = 'V2'): string {
  return `Resources:
${PIPELINE_RESOURCES}${resources}  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: app
      PipelineType: ${pipelineType}
      RoleArn: !GetAtt Role.Arn
      ArtifactStore: { Type: S3, Location: !Ref Artifacts }
      Stages:
${stages}`;
}

/** Starts the pipeline once and waits for the execution to end. */
export async function runOnce(world: PipelineWorld, engine = world.engine()): Promise<PipelineExecution> {
  const started = await engine.start('app', { trigger: { triggerType: 'StartPipelineExecution' } });
  return engine.wait(started.pipelineExecutionId);
}

/** The action executions of an execution, by action name. */
export function actionsOf(world: PipelineWorld, execution: PipelineExecution) {
  return Object.fromEntries(world.account.executions.actions({ pipelineExecutionId: execution.pipelineExecutionId })
    .map((action) => [action.actionName, action]));
}

/** The entries of the zip stored at `location`, as name → text. */
export async function zipTexts(world: PipelineWorld, location: { bucket: string; key: string }): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-provider-zip-'));
  try {
    writeFileSync(join(dir, 'artifact.zip'), world.account.buckets.getObject(location.bucket, location.key)!);
    return Object.fromEntries((await readZipEntries(join(dir, 'artifact.zip'))).filter((entry) => !entry.name.endsWith('/')).map((entry) => [entry.name, entry.content.toString('utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
