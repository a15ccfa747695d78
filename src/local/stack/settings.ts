// What the stack engine is wired with by the account: the state database it keeps stacks in, the
// services its providers are clients of, and where the account is. Every default is stated here.
import type { Reporter } from '../../reporter.js';
import type { ArtifactStore } from '../artifacts/index.js';
import type { FaultPoint, ProcessOwner, StateDatabase } from '../state/index.js';
import type { StackEngineEvent } from './model.js';
import type { ProviderServices } from './providers/provider.js';
import type { RepositoryControl } from './providers/repository-control.js';

/** Where the account is and how its resources are reached; read when an operation starts. */
export interface StackLocationSettings {
  accountId: string;
  region: string;
  /** `host:port` RepositoryUri points at. */
  registryEndpoint: string;
  /** The base of webhook URLs (GetAtt Url of AWS::CodePipeline::Webhook). */
  webhookEndpoint: string;
}

/** Settings of a stack engine. */
export interface StackEngineOptions {
  /** The open state database (the account opened it; the engine never closes it). */
  database: StateDatabase;
  /** The home folder: nested templates given without a file are looked up from it. */
  home: string;
  location: () => StackLocationSettings;
  /** The account's buckets. */
  artifacts: ArtifactStore;
  /** The account's registry, as the ECR provider needs it. */
  repositories: RepositoryControl;
  services: ProviderServices;
  /** This process, recorded as the owner of the operations it runs. */
  owner: ProcessOwner;
  /** Receives every stack event as it happens; default: none. */
  reporter?: Reporter<StackEngineEvent>;
  /** Fault injection for crash tests (src/local/state/faults.ts); default: none. */
  fault?: FaultPoint;
}
