// The AWS API models the local endpoint knows, by the name their file has in ../models/ (copied
// from the version 2 AWS SDK for JavaScript by scripts/aws-models.mjs, which reads this list).
// Each is loaded on first use; dynamic imports keep the JSON in the build (tsc copies what is imported).
import { resolveModel } from './resolve.js';
import type { RawModel, ServiceModel } from './shapes.js';

type Loader = () => Promise<{ default: unknown }>;

// One line per service, `name: () => import('../models/<name>.json', ...)`: the script reads these lines.
const MODEL_LOADERS = {
  cloudformation: () => import('../models/cloudformation.json', { with: { type: 'json' } }),
  codebuild: () => import('../models/codebuild.json', { with: { type: 'json' } }),
  codecommit: () => import('../models/codecommit.json', { with: { type: 'json' } }),
  codeconnections: () => import('../models/codeconnections.json', { with: { type: 'json' } }),
  codepipeline: () => import('../models/codepipeline.json', { with: { type: 'json' } }),
  'codestar-connections': () => import('../models/codestar-connections.json', { with: { type: 'json' } }),
  ecr: () => import('../models/ecr.json', { with: { type: 'json' } }),
  events: () => import('../models/events.json', { with: { type: 'json' } }),
  logs: () => import('../models/logs.json', { with: { type: 'json' } }),
  s3: () => import('../models/s3.json', { with: { type: 'json' } }),
  secretsmanager: () => import('../models/secretsmanager.json', { with: { type: 'json' } }),
  ssm: () => import('../models/ssm.json', { with: { type: 'json' } }),
  sts: () => import('../models/sts.json', { with: { type: 'json' } }),
} satisfies Record<string, Loader>;

/** A service the local endpoint has a model for. */
export type ServiceName = keyof typeof MODEL_LOADERS;

/** Every service with a model, in alphabetical order. */
export const SERVICE_NAMES = Object.keys(MODEL_LOADERS) as ServiceName[];

const loaded = new Map<string, Promise<ServiceModel>>();

/** True when `name` is a service with a model in ../models/. */
export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(MODEL_LOADERS, name);
}

/** The service's model, read once and resolved into typed shapes. */
export function loadServiceModel(name: ServiceName): Promise<ServiceModel> {
  let model = loaded.get(name);
  if (!model) {
    model = MODEL_LOADERS[name]().then((module) => resolveModel(name, module.default as RawModel));
    loaded.set(name, model);
  }
  return model;
}

/** Every model, for routing a request by its target prefix, signing name or query version. */
export function loadAllServiceModels(): Promise<ServiceModel[]> {
  return Promise.all(SERVICE_NAMES.map((name) => loadServiceModel(name)));
}
