// A stored pipeline in CodePipeline's GetPipeline shape. The account keeps the declaration as the
// template gave it, normalized (src/local/pipeline/model.ts); what came through unchanged from
// the template (stage conditions, trigger filters, encryption keys) is in CloudFormation's
// PascalCase and becomes the API's camelCase here, except inside configuration maps, whose keys
// are the action's or rule's own. Configuration values are strings in the API.
import type { ActionDeclaration, ArtifactStoreDeclaration, StoredPipeline } from '../../pipeline/index.js';

/** GetPipeline's `pipeline` and `metadata`. */
export function pipelineShape(stored: StoredPipeline): { pipeline: Record<string, unknown>; metadata: Record<string, unknown> } {
  const declaration = stored.pipeline;
  const pipeline = {
    name: declaration.name,
    roleArn: declaration.roleArn,
    ...(declaration.artifactStore ? { artifactStore: storeShape(declaration.artifactStore) } : {}),
    ...(declaration.artifactStores
      ? { artifactStores: Object.fromEntries(declaration.artifactStores.map((entry) => [entry.region, storeShape(entry.artifactStore)])) } : {}),
    stages: declaration.stages.map((stage) => ({
      name: stage.name,
      actions: stage.actions.map(actionShape),
      ...Object.fromEntries((['beforeEntry', 'onSuccess', 'onFailure'] as const).flatMap((key) => (stage[key] === undefined ? [] : [[key, camelCase(stage[key])]]))),
    })),
    version: stored.version,
    executionMode: declaration.executionMode,
    pipelineType: declaration.pipelineType,
    ...(declaration.variables.length > 0 ? { variables: declaration.variables } : {}),
    ...(declaration.triggers.length > 0 ? { triggers: declaration.triggers.map((trigger) => ({
      providerType: trigger.providerType, gitConfiguration: camelCase(trigger.gitConfiguration),
    })) } : {}),
  };
  const { pipelineArn, created, updated } = stored.metadata;
  return { pipeline, metadata: { pipelineArn, created: new Date(created), updated: new Date(updated) } };
}

function storeShape(store: ArtifactStoreDeclaration): Record<string, unknown> {
  return { type: store.type, location: store.location, ...(store.encryptionKey !== undefined ? { encryptionKey: camelCase(store.encryptionKey) } : {}) };
}

function actionShape(action: ActionDeclaration): Record<string, unknown> {
  return {
    name: action.name,
    actionTypeId: action.actionTypeId,
    runOrder: action.runOrder,
    configuration: configurationShape(action.configuration),
    outputArtifacts: action.outputArtifacts.map((name) => ({ name })),
    inputArtifacts: action.inputArtifacts.map((name) => ({ name })),
    ...(action.roleArn ? { roleArn: action.roleArn } : {}),
    ...(action.region ? { region: action.region } : {}),
    ...(action.namespace ? { namespace: action.namespace } : {}),
    ...(action.timeoutInMinutes !== undefined ? { timeoutInMinutes: action.timeoutInMinutes } : {}),
  };
}

/** A configuration map as the API gives it: every value a string (JSON for structured ones). */
function configurationShape(configuration: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(configuration).map(([key, value]) => [key, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)]));
}

/** CloudFormation's PascalCase keys as the API's camelCase, all the way down, except inside Configuration maps. */
function camelCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCase);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => {
    const name = key.charAt(0).toLowerCase() + key.slice(1);
    return [name, name === 'configuration' && inner !== null && typeof inner === 'object' ? configurationShape(inner as Record<string, unknown>) : camelCase(inner)];
  }));
}
