// The CodeBuild build and test action (CodePipeline "CodeBuild build and test action reference"):
// input artifacts are unzipped, the primary one (PrimarySource, required with several inputs) into
// CODEBUILD_SRC_DIR and the others into CODEBUILD_SRC_DIR_<artifact name>; the project's build runs
// with the action's EnvironmentVariables as start-build overrides; the build's exported variables
// become the action's output variables and its artifacts the action's output artifacts (with
// several outputs, each named after a secondary artifact identifier of the buildspec).
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SlipwayError } from '../../errors.js';
import type { Build, EnvironmentVariable } from '../codebuild/index.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { extractArtifact, storeArtifact } from './artifact-files.js';
import type { ArtifactLocation } from './execution-model.js';
import { CLONE_REF_FILE } from './source-action.js';

const git = promisify(execFile);

/** The action's EnvironmentVariables configuration: a JSON string `[{"name","value","type"}]` (type PLAINTEXT by default). */
function environmentOf(text: unknown): EnvironmentVariable[] {
  if (text === undefined || text === '') return [];
  const parsed = JSON.parse(String(text)) as { name: string; value: string; type?: EnvironmentVariable['type'] }[];
  return parsed.map((variable) => ({ name: variable.name, value: String(variable.value), type: variable.type ?? 'PLAINTEXT' }));
}

/** Unzips every input; a CODEBUILD_CLONE_REF primary input becomes a clone with history, at its commit. */
export async function prepareInputs(run: ActionRun, primary: ArtifactLocation): Promise<{ primaryDir: string; secondary: Record<string, string> }> {
  const dirOf = (input: ArtifactLocation) => join(run.workDir, 'src', input.name);
  for (const input of run.inputs) await extractArtifact(run.services.buckets, input, dirOf(input), join(run.workDir, 'zips', input.name));
  const primaryDir = dirOf(primary);
  const ref = await readFile(join(primaryDir, CLONE_REF_FILE), 'utf8').catch(() => undefined);
  if (ref !== undefined) {
    const { repository, commit } = JSON.parse(ref) as { repository: string; commit: string };
    await rm(primaryDir, { recursive: true, force: true });
    await git('git', ['clone', '--quiet', '--no-checkout', repository, primaryDir], { signal: run.signal });
    await git('git', ['-C', primaryDir, 'checkout', '--quiet', commit], { signal: run.signal });
    run.say(`cloned ${repository} at ${commit.slice(0, 7)} (CODEBUILD_CLONE_REF)`);
  }
  const secondary = Object.fromEntries(run.inputs.filter((input) => input !== primary).map((input) => [input.name, dirOf(input)]));
  return { primaryDir, secondary };
}

/** The action's outputs from the build's artifacts: one output is the primary artifact, several match secondary identifiers. */
async function outputsOf(run: ActionRun, build: Build): Promise<ArtifactLocation[] | string> {
  const names = run.action.outputArtifacts;
  const zipOf = (name: string) => (names.length === 1
    ? build.artifacts?.location : build.secondaryArtifacts.find((one) => one.artifactIdentifier === name)?.location);
  const outputs: ArtifactLocation[] = [];
  for (const name of names) {
    const zip = zipOf(name);
    if (!zip) return names.length === 1 ? 'the build produced no artifacts, but the action has an output artifact: the buildspec needs an artifacts section' : `the build produced no secondary artifact '${name}' (the buildspec's secondary-artifacts identifiers must match the action's output artifact names)`;
    outputs.push(await storeArtifact(run.services.buckets, run.bucket, run.pipeline.name, name, zip));
  }
  return outputs;
}

/** Runs a CodeBuild action. */
export async function runCodeBuildAction(run: ActionRun): Promise<ActionOutcome> {
  const config = run.configuration;
  if (run.inputs.length > 1 && config.PrimarySource === undefined) return failed('ConfigurationError', 'PrimarySource is required when a CodeBuild action has more than one input artifact');
  const primary = run.inputs.find((input) => input.name === config.PrimarySource) ?? run.inputs[0];
  if (!primary) return failed('ConfigurationError', 'a CodeBuild action needs an input artifact');
  try {
    const { primaryDir, secondary } = await prepareInputs(run, primary);
    const build = await run.services.codebuild.startBuild({
      projectName: String(config.ProjectName), sourceDir: primaryDir, secondarySources: secondary,
      environmentVariablesOverride: environmentOf(config.EnvironmentVariables),
      runner: { imageMap: run.services.imageMap() }, artifactsDir: join(run.workDir, 'out'), initiator: `codepipeline/${run.pipeline.name}`,
      sourceVersion: `arn:aws:s3:::${primary.bucket}/${primary.key}`, resolvedSourceVersion: primary.revision ?? run.execution.sourceRevisions[0]?.revisionId,
    }, { signal: run.signal, onStarted: (buildId) => run.progress({ externalExecutionId: buildId }) });
    const result = { externalExecutionId: build.id, externalExecutionSummary: `Build ${build.buildStatus.toLowerCase()}` };
    run.say(`build ${build.id} ${build.buildStatus} (slipway logs ${build.id})`);
    if (build.buildStatus !== 'SUCCEEDED') return failed('JobFailed', `Build terminated with state: ${build.buildStatus}`, { executionResult: result });
    const outputs = await outputsOf(run, build);
    if (typeof outputs === 'string') return failed('JobFailed', outputs, { executionResult: result });
    return { status: 'Succeeded', outputArtifacts: outputs, outputVariables: Object.fromEntries(build.exportedEnvironmentVariables.map((one) => [one.name, one.value])), executionResult: result };
  } catch (error) {
    if (error instanceof SlipwayError || error instanceof SyntaxError) return failed('ConfigurationError', error.message);
    throw error;
  }
}
