// The stack engine's settings, each with its default in one place.
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/index.js';
import type { Reporter } from '../../reporter.js';
import type { StateDatabase } from '../state/index.js';
import type { StackEngineEvent } from './model.js';
import type { RepositoryControl } from './providers/repository-control.js';

/** Where `slipway registry` listens unless told otherwise, and so where RepositoryUri points. */
export const DEFAULT_REGISTRY_ENDPOINT = '127.0.0.1:5000';
/** The base of webhook URLs (GetAtt Url) unless told otherwise. */
export const DEFAULT_WEBHOOK_ENDPOINT = 'http://127.0.0.1:8790/webhooks';

/** Settings of a stack engine. */
export interface StackEngineOptions {
  /** The state folder: `<home>/slipway.db`, `<home>/artifacts`, `<home>/codecommit`. */
  home: string;
  /** Default 000000000000. */
  accountId?: string;
  /** Default us-east-1. */
  region?: string;
  /** `host:port` of the local registry; default 127.0.0.1:5000. */
  registryEndpoint?: string;
  /** Base URL for webhook deliveries; default http://127.0.0.1:8790/webhooks. */
  webhookEndpoint?: string;
  /** The local registry, as the ECR provider needs it. */
  repositories: RepositoryControl;
  /** Receives every stack event as it happens; default: none. */
  reporter?: Reporter<StackEngineEvent>;
  /** An open state database to use instead of `<home>/slipway.db` (the caller closes it). */
  database?: StateDatabase;
}

/** Settings with every default applied. */
export type ResolvedStackEngineOptions = Required<Omit<StackEngineOptions, 'database'>> & { database?: StateDatabase };

/** Applies the defaults. */
export function resolveStackEngineOptions(options: StackEngineOptions): ResolvedStackEngineOptions {
  return {
    accountId: DEFAULT_ACCOUNT_ID,
    region: DEFAULT_REGION,
    registryEndpoint: DEFAULT_REGISTRY_ENDPOINT,
    webhookEndpoint: DEFAULT_WEBHOOK_ENDPOINT,
    reporter: { emit: () => {} },
    ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
  } as unknown as ResolvedStackEngineOptions;
}
