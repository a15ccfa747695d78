// AWS::CodePipeline::Pipeline and AWS::CodePipeline::Webhook: checked with CodePipeline's rules
// and made pipelines and webhooks of the account's CodePipeline, normalized.
import { randomBytes } from 'node:crypto';
import { isRecord } from '../../../cloudformation/index.js';
import type { ArtifactStoreDeclaration, PipelineDeclaration, WebhookDeclaration } from '../../pipeline/model.js';
import { normalizeStages, pipelineProblems } from './pipeline-structure.js';
import { PropertyChecks } from './property-checks.js';
import type { ResourceProvider } from './provider.js';
import { recordedProvider } from './recorded-provider.js';
import { RESOURCE_PROPERTY_NAMES } from '../resource-property-names.js';

/** AWS::CodePipeline::Pipeline: Ref is the pipeline name; GetAtt Version counts updates from 1. */
export const pipelineProvider: ResourceProvider = recordedProvider({
  type: 'AWS::CodePipeline::Pipeline',
  properties: RESOURCE_PROPERTY_NAMES['AWS::CodePipeline::Pipeline'],
  nameProperty: 'Name',
  maxNameLength: 100,
  replaceOn: ['Name'],
  validate: pipelineProblems,
  precheck(ctx, properties) {
    // The local pipeline engine stores artifact zips in the artifact store's bucket, so it must be a local one.
    const stores = [
      storeOf(properties.ArtifactStore),
      ...(Array.isArray(properties.ArtifactStores) ? properties.ArtifactStores.filter(isRecord).map((entry) => storeOf(entry.ArtifactStore)) : [])
    ];
    for (const store of stores) {
      if (store && !ctx.artifacts.hasBucket(store.location)) {
        throw new Error(`The artifact store bucket '${store.location}' does not exist locally; create it with an AWS::S3::Bucket in this stack or in another local stack first`);
      }
    }
  },
  identity(_ctx, name, _properties, previous) {
    const version = previous ? Number(previous.attributes.Version ?? 1) + 1 : 1;
    return { physicalId: name, ref: name, attributes: { Version: String(version) } };
  },
  service: {
    exists: (ctx, name) => ctx.services.pipelines.get(name) !== undefined,
    create: (ctx, name, properties) => void ctx.services.pipelines.create(declarationOf(name, properties)),
    // A pipeline missing from the service (a home from before pipelines had their own table) is made again.
    update: (ctx, name, properties) => void (ctx.services.pipelines.get(name)
      ? ctx.services.pipelines.update(declarationOf(name, properties)) : ctx.services.pipelines.create(declarationOf(name, properties))),
    delete: (ctx, name) => ctx.services.pipelines.delete(name),
  },
});

/** The pipeline declaration of a pipeline named `name` with these (resolved) properties. */
function declarationOf(name: string, properties: Record<string, unknown>): PipelineDeclaration {
  const list = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);
  return {
    name,
    roleArn: String(properties.RoleArn),
    pipelineType: (properties.PipelineType ?? 'V1') as PipelineDeclaration['pipelineType'],
    executionMode: (properties.ExecutionMode ?? 'SUPERSEDED') as PipelineDeclaration['executionMode'],
    artifactStore: storeOf(properties.ArtifactStore),
    artifactStores: Array.isArray(properties.ArtifactStores) ? list(properties.ArtifactStores).map((entry) => ({
      region: String(entry.Region), artifactStore: storeOf(entry.ArtifactStore)!,
    })) : undefined,
    stages: normalizeStages(properties.Stages),
    variables: list(properties.Variables).map((variable) => ({
      name: String(variable.Name), defaultValue: variable.DefaultValue as string | undefined,
      description: variable.Description as string | undefined,
    })),
    triggers: list(properties.Triggers).map((trigger) => ({
      providerType: String(trigger.ProviderType), gitConfiguration: (trigger.GitConfiguration ?? {}) as Record<string, unknown>,
    })),
    restartExecutionOnUpdate: properties.RestartExecutionOnUpdate === true || properties.RestartExecutionOnUpdate === 'true',
    disableInboundStageTransitions: list(properties.DisableInboundStageTransitions).map((entry) => ({
      stageName: String(entry.StageName), reason: String(entry.Reason),
    })),
  };
}

function storeOf(value: unknown): ArtifactStoreDeclaration | undefined {
  if (!isRecord(value)) return undefined;
  return { type: String(value.Type ?? 'S3'), location: String(value.Location), encryptionKey: value.EncryptionKey };
}

/** AWS::CodePipeline::Webhook: Ref is the webhook name; GetAtt Url is where deliveries go. */
export const webhookProvider: ResourceProvider = recordedProvider({
  type: 'AWS::CodePipeline::Webhook',
  properties: RESOURCE_PROPERTY_NAMES['AWS::CodePipeline::Webhook'],
  nameProperty: 'Name',
  maxNameLength: 100,
  replaceOn: ['Name'],
  validate(properties) {
    const configuration = isRecord(properties.AuthenticationConfiguration) ? properties.AuthenticationConfiguration : {};
    const filters = Array.isArray(properties.Filters) ? properties.Filters : [];
    return new PropertyChecks(properties).required('Authentication', 'AuthenticationConfiguration', 'Filters', 'TargetPipeline', 'TargetAction', 'TargetPipelineVersion')
      .oneOf('Authentication', ['GITHUB_HMAC', 'IP', 'UNAUTHENTICATED'])
      .when(properties.Authentication === 'GITHUB_HMAC' && !configuration.SecretToken, '#/AuthenticationConfiguration/SecretToken: GITHUB_HMAC authentication needs a SecretToken')
      .when(properties.Authentication === 'IP' && !configuration.AllowedIPRange, '#/AuthenticationConfiguration/AllowedIPRange: IP authentication needs an AllowedIPRange')
      .when(filters.length < 1 || filters.length > 5, `#/Filters: a webhook needs 1 to 5 filters; it has ${filters.length}`)
      .when(filters.some((filter) => !isRecord(filter) || typeof filter.JsonPath !== 'string' || !filter.JsonPath.startsWith('$')), '#/Filters: every filter needs a JsonPath starting with $').problems;
  },
  precheck(ctx, properties) {
    // PutWebhook needs the target pipeline and its source action to exist.
    const pipeline = ctx.services.pipelines.get(String(properties.TargetPipeline))?.pipeline;
    if (!pipeline) throw new Error(`The webhook's TargetPipeline '${String(properties.TargetPipeline)}' is not a local pipeline; create the pipeline first (e.g. TargetPipeline: !Ref Pipeline)`);
    const sources = pipeline.stages[0]?.actions.map((action) => action.name) ?? [];
    if (!sources.includes(String(properties.TargetAction))) {
      throw new Error(`The webhook's TargetAction '${String(properties.TargetAction)}' is not a source action of pipeline '${pipeline.name}' (its source actions: ${sources.join(', ')})`);
    }
  },
  identity(ctx, name, _properties, previous) {
    // AWS's shape is https://<region>.webhooks.aws/trigger?t=<token>&v=1; locally the base is the engine's webhook endpoint.
    const url = String(previous?.attributes.Url ?? `${ctx.webhookEndpoint}/trigger?t=${randomBytes(24).toString('base64url')}&v=1`);
    return { physicalId: name, ref: name, attributes: { Url: url } };
  },
  service: {
    exists: (ctx, name) => ctx.services.pipelines.getWebhook(name) !== undefined,
    create: (ctx, name, properties, result) => ctx.services.pipelines.putWebhook(webhookOf(name, properties, String(result.attributes.Url))),
    update: (ctx, name, properties, result) => ctx.services.pipelines.putWebhook(webhookOf(name, properties, String(result.attributes.Url))),
    delete: (ctx, name) => ctx.services.pipelines.deleteWebhook(name),
  },
});

/** The webhook definition of a webhook named `name`, delivered to `url`. */
function webhookOf(name: string, properties: Record<string, unknown>, url: string): WebhookDeclaration {
  return {
    name,
    url,
    authentication: properties.Authentication as WebhookDeclaration['authentication'],
    authenticationConfiguration: properties.AuthenticationConfiguration as WebhookDeclaration['authenticationConfiguration'],
    filters: (properties.Filters as Record<string, unknown>[]).map((filter) => ({
      jsonPath: String(filter.JsonPath), matchEquals: filter.MatchEquals as string | undefined,
    })),
    targetPipeline: String(properties.TargetPipeline),
    targetAction: String(properties.TargetAction),
    targetPipelineVersion: Number(properties.TargetPipelineVersion),
    registerWithThirdParty: properties.RegisterWithThirdParty === true || properties.RegisterWithThirdParty === 'true',
  };
}
