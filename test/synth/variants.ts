// The templates slipway emits, as named slipway.yml variants: every source provider × trigger
// (the valid pairs) × own or shared artifact bucket × with or without ECS, plus the options that
// change what the template contains.
import { parseConfig, type SlipwayConfig } from '../../src/config/index.js';

/** One slipway.yml to synthesize, with a name for files and test titles. */
export interface Variant {
  readonly name: string;
  readonly yaml: string;
}

const SOURCES: Record<string, string> = {
  'connection-webhook': 'source: {provider: connection, owner: acme, repository: widget}',
  'connection-none': 'source: {provider: connection, owner: acme, repository: widget, trigger: none}',
  'connection-existing': 'source: {provider: connection, owner: acme, repository: widget, connectionArn: "arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"}',
  'github-webhook': 'source: {provider: github, owner: acme, repository: widget}',
  'github-webhook-secret': 'source: {provider: github, owner: acme, repository: widget, oauthToken: {secret: ci/github, jsonKey: token}}',
  'github-polling': 'source: {provider: github, owner: acme, repository: widget, trigger: polling}',
  'github-none': 'source: {provider: github, owner: acme, repository: widget, trigger: none}',
  'codecommit-webhook': 'source: {provider: codecommit, repository: widget}',
  'codecommit-polling': 'source: {provider: codecommit, repository: widget, trigger: polling}',
  'codecommit-none': 'source: {provider: codecommit, repository: widget, trigger: none}',
};

const SHARED_BUCKET = 'artifacts: {bucket: acme-shared-artifacts}';
const ECS = 'deploy: {ecs: {cluster: web, service: widget}}';

/** Options beyond the matrix, each on the default connection source. */
const OPTIONS: Record<string, string> = {
  kms: 'artifacts: {encryption: KMS}',
  'inline-buildspec': 'build: {inlineBuildspec: true, dockerfile: docker/Dockerfile, context: app}',
  'immutable-with-exclusion': 'image: {repository: acme/widget, tagMutability: IMMUTABLE_WITH_EXCLUSION, tagMutabilityExclusions: [latest, "dev-*"]}',
  'mutable-with-exclusion': 'image: {tagMutability: MUTABLE_WITH_EXCLUSION, tagMutabilityExclusions: ["release-*"]}',
  'existing-roles': 'roles: {pipeline: "arn:aws:iam::123456789012:role/ci-pipeline", build: "arn:aws:iam::123456789012:role/ci-build"}',
  'tags-and-environment': 'tags: {team: platform, cost-center: "42"}\nbuild: {environment: {NODE_ENV: production}, computeType: BUILD_GENERAL1_MEDIUM, timeoutMinutes: 60, logRetentionDays: 90}\npipeline: {executionMode: SUPERSEDED}',
};

/** Every variant of the matrix and the options. */
export function allVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const [source, sourceYaml] of Object.entries(SOURCES)) {
    for (const shared of [false, true]) {
      for (const ecs of [false, true]) {
        const lines = ['name: widget', sourceYaml, ...(shared ? [SHARED_BUCKET] : []), ...(ecs ? [ECS] : [])];
        variants.push({ name: `${source}${shared ? '-shared-bucket' : ''}${ecs ? '-ecs' : ''}`, yaml: `${lines.join('\n')}\n` });
      }
    }
  }
  for (const [option, optionYaml] of Object.entries(OPTIONS)) {
    variants.push({ name: `option-${option}`, yaml: `name: widget\n${SOURCES['connection-webhook']}\n${optionYaml}\n` });
  }
  return variants;
}

/** The validated config of a variant. */
export function configOf(variant: Variant): SlipwayConfig {
  return parseConfig(variant.yaml, `${variant.name}.yml`);
}
