// The Commands action of V2 pipelines (`Compute/AWS/Commands/1`, CodePipeline "Commands action
// reference"): the action's `commands` (1-50 single-line strings, fields of the action and not
// of its configuration) run as the build phase of a CodeBuild build without a project, on the
// same executor as the CodeBuild action, in the AL2023 standard 5.0 image (mapped to a local
// image, else on the host) with the documented 55-minute timeout. Inputs are unzipped as for
// CodeBuild (the first is the primary source); `outputVariables` are exported as the action's
// variables; the output artifact packs the files its `Files` globs match (all files without it).
import { join } from 'node:path';
import { SlipwayError } from '../../errors.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { storeArtifact } from './artifact-files.js';
import { prepareInputs } from './codebuild-action.js';
import { resolveText } from './variables.js';

/** The image Commands actions run in ("an Amazon Linux 2023 standard 5.0 image"). */
export const COMMANDS_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';
/** "The timeout for builds with the Commands action is 55 minutes." */
export const COMMANDS_TIMEOUT_MINUTES = 55;

/** What is wrong with the action's declaration, if anything (ActionDeclaration `commands`: 1-50 items, each 1-1000 characters). */
function problemOf(run: ActionRun): string | undefined {
  const commands = run.action.commands ?? [];
  if (run.pipeline.pipelineType !== 'V2') return 'the Commands action is only available in V2 pipelines (PipelineType: V2)';
  if (commands.length < 1 || commands.length > 50) return `a Commands action needs 1 to 50 commands; it has ${commands.length}`;
  const bad = commands.findIndex((command) => command.length < 1 || command.length > 1000 || /[\r\n]/.test(command));
  if (bad >= 0) return `Commands[${bad}] must be one line of 1 to 1000 characters ("multi-line formats" are not supported)`;
  if (run.inputs.length < 1) return 'a Commands action needs an input artifact';
  if (run.action.outputArtifacts.length > 1) return `a Commands action has at most one output artifact; it has ${run.action.outputArtifacts.length}`;
  return undefined;
}

/** The buildspec the commands run as; JSON is YAML, and keeps every command one quoted scalar. */
function buildspecOf(commands: string[], outputVariables: string[], files: string[] | undefined): string {
  const spec: Record<string, unknown> = { version: 0.2, phases: { build: { commands } } };
  if (outputVariables.length > 0) spec.env = { 'exported-variables': outputVariables };
  if (files) spec.artifacts = { files };
  return JSON.stringify(spec, null, 2);
}

/** Runs a Commands action. */
export async function runCommandsAction(run: ActionRun): Promise<ActionOutcome> {
  const problem = problemOf(run);
  if (problem) return failed('ConfigurationError', problem);
  const output = run.action.outputArtifacts[0];
  const files = output === undefined ? undefined : (run.action.outputArtifactFiles?.[output] ?? ['**/*']);
  try {
    const scope = {
      pipelineExecutionId: run.execution.pipelineExecutionId,
      pipelineVariables: Object.fromEntries(run.execution.variables.map((v) => [v.name, v.resolvedValue])),
      namespaces: run.execution.outputs,
    };
    const commands = run.action.commands!.map((command, index) => resolveText(command, scope, `Commands[${index}] of action ${run.action.name}`));
    const primary = run.inputs[0]!;
    const { primaryDir, secondary } = await prepareInputs(run, primary);
    const build = await run.services.codebuild.startBuild({
      adHocName: `${run.pipeline.name}-${run.action.name}`.replace(/[^A-Za-z0-9_-]/g, '-'), sourceDir: primaryDir, secondarySources: secondary,
      buildspecOverride: buildspecOf(commands, run.action.outputVariables ?? [], files), imageOverride: COMMANDS_IMAGE,
      timeoutInMinutesOverride: COMMANDS_TIMEOUT_MINUTES,
      runner: { imageMap: run.services.imageMap() }, artifactsDir: join(run.workDir, 'out'), initiator: `codepipeline/${run.pipeline.name}`,
      sourceVersion: `arn:aws:s3:::${primary.bucket}/${primary.key}`, resolvedSourceVersion: primary.revision ?? run.execution.sourceRevisions[0]?.revisionId,
    }, { signal: run.signal, onStarted: (buildId) => run.progress({ externalExecutionId: buildId }) });
    const result = { externalExecutionId: build.id, externalExecutionSummary: `Commands ${build.buildStatus.toLowerCase()}` };
    run.say(`commands ran as build ${build.id}: ${build.buildStatus} (slipway logs ${build.id})`);
    if (build.buildStatus !== 'SUCCEEDED') return failed('JobFailed', `Commands terminated with state: ${build.buildStatus}`, { executionResult: result });
    const outputs = output && build.artifacts ? [await storeArtifact(
      run.services.buckets, run.bucket, run.pipeline.name, output, build.artifacts.location,
    )] : [];
    if (output && outputs.length === 0) return failed('JobFailed', `the commands produced no files for the output artifact ${output}`, { executionResult: result });
    return { status: 'Succeeded', outputArtifacts: outputs, outputVariables: Object.fromEntries(build.exportedEnvironmentVariables.map((one) => [one.name, one.value])), executionResult: result };
  } catch (error) {
    if (error instanceof SlipwayError) return failed('ConfigurationError', error.message);
    throw error;
  }
}
