// CodePipeline's structure rules (../../../../shared/spec/aws-semantics.md §2 and the CodePipeline
// "Pipeline structure reference"), checked on a resolved AWS::CodePipeline::Pipeline, and its
// stages turned into the pipeline service's normalized declarations.
import { isRecord } from '../../../cloudformation/index.js';
import type { ActionDeclaration, StageDeclaration } from '../../pipeline/model.js';

const CATEGORIES = ['Source', 'Build', 'Test', 'Deploy', 'Approval', 'Invoke', 'Compute'];
const OWNERS = ['AWS', 'ThirdParty', 'Custom'];
/** Configuration keys each source provider requires (CodePipeline action structure reference). */
const REQUIRED_CONFIGURATION: Record<string, string[]> = {
  GitHub: ['Owner', 'Repo', 'Branch', 'OAuthToken'],
  CodeStarSourceConnection: ['ConnectionArn', 'FullRepositoryId', 'BranchName'],
  CodeCommit: ['RepositoryName', 'BranchName'],
  S3: ['S3Bucket', 'S3ObjectKey'],
  S3Deploy: ['BucketName', 'Extract'],
  ECR: ['RepositoryName'],
  CodeBuild: ['ProjectName'],
};
const NAME = /^[A-Za-z0-9.@\-_]+$/;
const ARTIFACT_NAME = /^[a-zA-Z0-9_-]+$/;

/** Every structure problem of a resolved pipeline, as `#/Path: message`. */
export function pipelineProblems(properties: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const add = (path: string, message: string) => problems.push(`#/${path}: ${message}`);
  if (properties.RoleArn === undefined) add('RoleArn', 'required key [RoleArn] not found');
  if (properties.Name !== undefined && (!NAME.test(String(properties.Name)) || String(properties.Name).length > 100)) add('Name', `'${String(properties.Name)}' must be 1-100 characters of A-Za-z0-9.@-_`);
  if ((properties.ArtifactStore === undefined) === (properties.ArtifactStores === undefined)) add('ArtifactStore', 'exactly one of ArtifactStore and ArtifactStores must be given');
  const type = String(properties.PipelineType ?? 'V1');
  if (!['V1', 'V2'].includes(type)) add('PipelineType', `'${type}' must be V1 or V2`);
  const mode = String(properties.ExecutionMode ?? 'SUPERSEDED');
  if (!['SUPERSEDED', 'QUEUED', 'PARALLEL'].includes(mode)) add('ExecutionMode', `'${mode}' must be SUPERSEDED, QUEUED or PARALLEL`);
  if (type === 'V1' && mode !== 'SUPERSEDED') add('ExecutionMode', `${mode} needs PipelineType V2`);
  if (type === 'V1' && Array.isArray(properties.Variables) && properties.Variables.length > 0) add('Variables', 'pipeline-level variables need PipelineType V2');
  const stages = Array.isArray(properties.Stages) ? properties.Stages : [];
  if (stages.length < 2) add('Stages', `a pipeline must contain at least two stages; it has ${stages.length}`);
  checkStages(stages, add);
  checkTriggers(properties.Triggers, type, stages, add);
  return problems;
}

function checkStages(stages: unknown[], add: (path: string, message: string) => void): void {
  const produced = new Map<string, string>();
  const stageNames = new Set<string>();
  const namespaces = new Set<string>();
  stages.forEach((stage, stageIndex) => {
    const where = `Stages/${stageIndex}`;
    if (!isRecord(stage)) return add(where, 'a stage must be a mapping with Name and Actions');
    const stageName = String(stage.Name);
    if (stageNames.has(stageName)) add(`${where}/Name`, `stage name '${stageName}' is used twice; stage names must be unique`);
    stageNames.add(stageName);
    const actions = (Array.isArray(stage.Actions) ? stage.Actions : []).filter(isRecord);
    if (actions.length === 0) add(`${where}/Actions`, `stage '${stageName}' must contain at least one action`);
    const actionNames = new Set<string>();
    const producedHere: { runOrder: number; names: string[] }[] = [];
    actions.forEach((action, actionIndex) => {
      const at = `${where}/Actions/${actionIndex}`;
      const normalized = normalizeAction(action);
      if (actionNames.has(normalized.name)) add(`${at}/Name`, `action name '${normalized.name}' is used twice in stage '${stageName}'`);
      actionNames.add(normalized.name);
      checkAction(normalized, stageIndex, at, add);
      if (normalized.namespace) {
        if (namespaces.has(normalized.namespace)) add(`${at}/Namespace`, `namespace '${normalized.namespace}' is used twice; namespaces must be unique in the pipeline`);
        namespaces.add(normalized.namespace);
      }
      for (const input of normalized.inputArtifacts) {
        const earlierInStage = producedHere.some((entry) => entry.runOrder < normalized.runOrder && entry.names.includes(input));
        if (!produced.has(input) && !earlierInStage) add(`${at}/InputArtifacts`, `input artifact '${input}' of action '${normalized.name}' is not the output of an earlier action (an earlier stage, or a lower RunOrder in this stage)`);
      }
      for (const output of normalized.outputArtifacts) {
        if (!ARTIFACT_NAME.test(output) || output.length > 100) add(`${at}/OutputArtifacts`, `artifact name '${output}' must be 1-100 characters of A-Za-z0-9_-`);
        if (produced.has(output) || producedHere.some((entry) => entry.names.includes(output))) add(`${at}/OutputArtifacts`, `output artifact name '${output}' is already used; output artifact names must be unique in the pipeline`);
      }
      producedHere.push({ runOrder: normalized.runOrder, names: normalized.outputArtifacts });
    });
    for (const entry of producedHere) for (const name of entry.names) produced.set(name, stageName);
    return undefined;
  });
}

function checkAction(action: ActionDeclaration, stageIndex: number, at: string, add: (path: string, message: string) => void): void {
  const { category, owner, provider, version } = action.actionTypeId;
  if (!CATEGORIES.includes(category)) add(`${at}/ActionTypeId/Category`, `'${category}' must be one of ${CATEGORIES.join(', ')}`);
  if (!OWNERS.includes(owner)) add(`${at}/ActionTypeId/Owner`, `'${owner}' must be one of ${OWNERS.join(', ')}`);
  if (!/^[0-9A-Za-z_-]{1,9}$/.test(version)) add(`${at}/ActionTypeId/Version`, `'${version}' is not an action type version such as "1"`);
  if (stageIndex === 0 && category !== 'Source') add(at, `the first stage may contain only source actions; '${action.name}' is a ${category} action`);
  if (stageIndex > 0 && category === 'Source') add(at, `source actions may appear only in the first stage; '${action.name}' is in stage ${stageIndex + 1}`);
  if (category === 'Source' && action.inputArtifacts.length > 0) add(`${at}/InputArtifacts`, 'a source action cannot have input artifacts');
  if (!Number.isInteger(action.runOrder) || action.runOrder < 1 || action.runOrder > 999) add(`${at}/RunOrder`, `RunOrder must be an integer from 1 to 999; got ${action.runOrder}`);
  // Deploy/AWS/S3 shares the provider name of the S3 source but has keys of its own (BucketName, Extract).
  for (const key of REQUIRED_CONFIGURATION[category === 'Deploy' && provider === 'S3' ? 'S3Deploy' : provider] ?? []) {
    if (action.configuration[key] === undefined) add(`${at}/Configuration`, `action '${action.name}' (${provider}) is missing the configuration key ${key}`);
  }
  if (provider === 'CodeBuild' && typeof action.configuration.EnvironmentVariables === 'string') {
    try {
      JSON.parse(action.configuration.EnvironmentVariables);
    } catch {
      add(`${at}/Configuration/EnvironmentVariables`, 'EnvironmentVariables must be a JSON string: [{"name","value","type"}]');
    }
  }
}

function checkTriggers(triggers: unknown, type: string, stages: unknown[], add: (path: string, message: string) => void): void {
  if (!Array.isArray(triggers) || triggers.length === 0) return;
  if (type !== 'V2') add('Triggers', 'triggers need PipelineType V2');
  const sourceActions = new Map<string, string>();
  const first = stages[0];
  if (isRecord(first) && Array.isArray(first.Actions)) {
    for (const action of first.Actions.filter(isRecord)) sourceActions.set(
      String(action.Name), String((action.ActionTypeId as Record<string, unknown> | undefined)?.Provider),
    );
  }
  triggers.forEach((trigger, index) => {
    const at = `Triggers/${index}`;
    if (!isRecord(trigger) || !isRecord(trigger.GitConfiguration)) return add(at, 'a trigger needs ProviderType and GitConfiguration');
    const actionName = String(trigger.GitConfiguration.SourceActionName);
    // Triggers apply only to CodeStarSourceConnection source actions (CodePipeline triggers).
    if (sourceActions.get(actionName) !== 'CodeStarSourceConnection') add(`${at}/GitConfiguration/SourceActionName`, `'${actionName}' must name a CodeStarSourceConnection source action`);
    for (const kind of ['Push', 'PullRequest']) {
      const filters = trigger.GitConfiguration[kind];
      if (filters !== undefined && (!Array.isArray(filters) || filters.length > 3)) add(`${at}/GitConfiguration/${kind}`, `${kind} must be a list of at most 3 filters`);
      for (const filter of Array.isArray(filters) ? filters.filter(isRecord) : []) {
        for (const [field, group] of Object.entries(filter)) {
          if (!isRecord(group)) continue;
          for (const list of ['Includes', 'Excludes']) {
            const patterns = group[list];
            if (Array.isArray(patterns) && patterns.length > 8) add(`${at}/GitConfiguration/${kind}/${field}/${list}`, `at most 8 patterns are allowed; got ${patterns.length}`);
          }
        }
      }
    }
    return undefined;
  });
}

/** An action in the normalized form (Version "1" and 1 both become "1"; RunOrder defaults to 1). */
export function normalizeAction(action: Record<string, unknown>): ActionDeclaration {
  const type = isRecord(action.ActionTypeId) ? action.ActionTypeId : {};
  const names = (list: unknown) => (Array.isArray(list) ? list.filter(isRecord).map((item) => String(item.Name)) : []);
  return {
    name: String(action.Name),
    actionTypeId: { category: String(type.Category), owner: String(type.Owner), provider: String(type.Provider), version: String(type.Version) },
    runOrder: action.RunOrder === undefined ? 1 : Number(action.RunOrder),
    configuration: isRecord(action.Configuration) ? action.Configuration : {},
    inputArtifacts: names(action.InputArtifacts),
    outputArtifacts: names(action.OutputArtifacts),
    namespace: action.Namespace as string | undefined,
    roleArn: action.RoleArn as string | undefined,
    region: action.Region as string | undefined,
    timeoutInMinutes: action.TimeoutInMinutes === undefined ? undefined : Number(action.TimeoutInMinutes),
    commands: Array.isArray(action.Commands) ? action.Commands.map(String) : undefined,
    outputVariables: Array.isArray(action.OutputVariables) ? action.OutputVariables.map(String) : undefined,
    outputArtifactFiles: filesOf(action.OutputArtifacts),
  };
}

/** OutputArtifacts[].Files by artifact name, or undefined when no output lists files. */
function filesOf(outputs: unknown): Record<string, string[]> | undefined {
  const listed = (Array.isArray(outputs) ? outputs.filter(isRecord) : []).filter((output) => Array.isArray(output.Files));
  return listed.length === 0 ? undefined : Object.fromEntries(listed.map((output) => [String(output.Name), (output.Files as unknown[]).map(String)]));
}

/** The normalized stages of a resolved pipeline. */
export function normalizeStages(stages: unknown): StageDeclaration[] {
  return (Array.isArray(stages) ? stages : []).filter(isRecord).map((stage) => ({
    name: String(stage.Name),
    actions: (Array.isArray(stage.Actions) ? stage.Actions : []).filter(isRecord).map(normalizeAction),
    beforeEntry: stage.BeforeEntry,
    onSuccess: stage.OnSuccess,
    onFailure: stage.OnFailure,
  }));
}
