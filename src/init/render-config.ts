// Writes slipway.yml as a person would: the chosen values, with a comment on what each does.
import { stringify } from 'yaml';
import type { SlipwayConfigInput } from '../config/index.js';

/** Renders a config as commented YAML; keys with default values are left out so defaults stay in one place. */
export function renderConfig(config: SlipwayConfigInput): string {
  const value = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();
  const source = config.source;
  const lines = [
    '# slipway.yml: the CI pipeline for this repository (every key and its default: see the README).',
    '# Every push to the branch builds the Dockerfile and pushes the image to ECR (or to the',
    '# local registry when the pipeline runs on this machine).',
    `name: ${value(config.name)}            # prefix of the stack and resource names`,
    `env: ${value(config.env ?? 'dev')}`,
    'source:',
    `  provider: ${value(source.provider)}   # connection (AWS CodeConnections), github (OAuth, version 1) or codecommit`,
    ...(source.owner ? [`  owner: ${value(source.owner)}`] : []),
    `  repository: ${value(source.repository)}`,
    `  branch: ${value(source.branch)}`,
    '  trigger: webhook     # webhook (push events), polling, or none',
    'image:',
    `  repository: ${value(config.image?.repository)}   # ECR repository name`,
    '  tagMutability: MUTABLE',
    '  scanOnPush: true',
    `  containerName: ${value(config.image?.containerName)}   # the name in imagedefinitions.json`,
    ...(config.image?.port ? [`  port: ${config.image.port}`] : []),
    'build:',
    `  buildspec: ${value(config.build?.buildspec ?? 'buildspec.yml')}`,
    `  dockerfile: ${value(config.build?.dockerfile ?? 'Dockerfile')}`,
    `  context: ${value(config.build?.context ?? '.')}`,
    '  computeType: BUILD_GENERAL1_SMALL',
    '  timeoutMinutes: 30',
    'artifacts:',
    '  bucket: ""   # empty: the stack creates one; or the name of a shared bucket',
  ];
  return `${lines.join('\n')}\n`;
}
