// The CloudFormation deploy action (`Deploy/AWS/CloudFormation/1`, CodePipeline "AWS
// CloudFormation action reference"): checks ActionMode, StackName and ChangeSetName, runs the
// mode (cloudformation-modes.ts) on the local stack engine, and hands back the stack's outputs as
// the action's output variables and, with OutputFileName, as a JSON file in its output artifact
// ("The JSON file contains the contents of the Outputs section"). RoleArn is accepted: the local
// engine acts as the account itself.
import { SlipwayError } from '../../errors.js';
import type { StackOutput } from '../stack/index.js';
import { failed, type ActionOutcome, type ActionRun } from './action-run.js';
import { storeFileArtifact } from './artifact-files.js';
import { deleteStack, deployStack, executeChangeSet, replaceChangeSet, type ModeResult } from './cloudformation-modes.js';

/** The action modes, and whether each needs ChangeSetName. */
const MODES: Record<string, { changeSet: boolean }> = {
  CREATE_UPDATE: { changeSet: false }, REPLACE_ON_FAILURE: { changeSet: false }, DELETE_ONLY: { changeSet: false },
  CHANGE_SET_REPLACE: { changeSet: true }, CHANGE_SET_EXECUTE: { changeSet: true },
};

function problemOf(config: Record<string, unknown>): string | undefined {
  const mode = MODES[String(config.ActionMode)];
  if (!mode) return `ActionMode must be one of ${Object.keys(MODES).join(', ')}; got ${String(config.ActionMode)}`;
  if (config.StackName === undefined || config.StackName === '') return 'StackName is required';
  if (mode.changeSet && (config.ChangeSetName === undefined || config.ChangeSetName === '')) return `ChangeSetName is required in the action mode ${String(config.ActionMode)}`;
  return undefined;
}

function runMode(run: ActionRun, stackName: string): Promise<ModeResult> {
  const changeSetName = String(run.configuration.ChangeSetName);
  switch (String(run.configuration.ActionMode)) {
    case 'CREATE_UPDATE':
      return deployStack(run, stackName, false);
    case 'REPLACE_ON_FAILURE':
      return deployStack(run, stackName, true);
    case 'DELETE_ONLY':
      return deleteStack(run, stackName);
    case 'CHANGE_SET_REPLACE':
      return replaceChangeSet(run, stackName, changeSetName);
    default:
      return executeChangeSet(run, stackName, changeSetName);
  }
}

/** The outcome of a mode that succeeded: outputs as variables, and as OutputFileName when set. */
async function succeeded(run: ActionRun, summary: string, outputs: StackOutput[] | undefined): Promise<ActionOutcome> {
  const variables = Object.fromEntries((outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
  const fileName = run.configuration.OutputFileName;
  const artifactName = run.action.outputArtifacts[0];
  const outputArtifacts = [];
  if (fileName !== undefined && fileName !== '' && outputs !== undefined) {
    if (!artifactName) return failed('ConfigurationError', `OutputFileName ${String(fileName)} needs an output artifact to be written into`);
    outputArtifacts.push(await storeFileArtifact(run.services.buckets, run.bucket, run.pipeline.name, artifactName, { name: String(fileName), content: `${JSON.stringify(variables, null, 2)}\n` }));
  }
  run.say(summary);
  return { status: 'Succeeded', outputArtifacts, outputVariables: variables, executionResult: { externalExecutionId: String(run.configuration.StackName), externalExecutionSummary: summary } };
}

/** Runs a CloudFormation deploy action. */
export async function runCloudFormationAction(run: ActionRun): Promise<ActionOutcome> {
  const problem = problemOf(run.configuration);
  if (problem) return failed('ConfigurationError', problem);
  const stackName = String(run.configuration.StackName);
  try {
    const result = await runMode(run, stackName);
    if (!result.ok) return failed(result.code, result.message, { executionResult: { externalExecutionId: stackName } });
    return await succeeded(run, result.summary, result.outputs);
  } catch (error) {
    if (!(error instanceof SlipwayError)) throw error;
    // A template's problems say where they are; the message already quotes the first one.
    const first = error.problems[0];
    const at = first?.path ? ` (in ${String(run.configuration.TemplatePath)} at ${first.path}${first.line ? `, line ${first.line}` : ''})` : '';
    return failed(error.code, `${error.message}${at}`);
  }
}
