// What a caller asks for when it runs one build (the CLI, or the local pipeline per CodeBuild
// action). Every default is stated here, once.
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import type { Reporter } from '../../reporter.js';
import type { ParameterSource } from '../parameters/store.js';
import type { AccountReach } from './account-reach.js';
import type { BuildEvent } from './events.js';
import type { ContainerRuntime } from './runtime.js';

/** A CodeBuild environment variable (project or start-build override). */
export interface EnvironmentVariable {
  name: string;
  value: string;
  /** PLAINTEXT (default): the value; PARAMETER_STORE: a parameter name; SECRETS_MANAGER: a secret reference. */
  type?: 'PLAINTEXT' | 'PARAMETER_STORE' | 'SECRETS_MANAGER';
}

/** Where the build's commands run. */
export type RunnerChoice = ({ kind: 'host' } | { kind: 'container'; image: string; network?: 'host' | 'none' }) & {
  /** Why this runner was chosen, for the log (e.g. "--host was given"). */
  reason?: string;
};

export interface BuildRequest {
  /** A buildspec file (relative to the source dir) or inline YAML; default `buildspec.yml`. */
  buildspec?: { file: string } | { inline: string };
  /** The primary source folder (CODEBUILD_SRC_DIR). */
  sourceDir: string;
  /** Secondary sources: identifier → folder (CODEBUILD_SRC_DIR_<identifier>). */
  secondarySources?: Record<string, string>;
  /** Where artifact zips go; default `<stateDir>/codebuild/<project>/artifacts/<buildNumber>`. */
  artifactsDir?: string;
  project: {
    /** Default `local-build`. */
    name?: string;
    /** The project's `Environment.Image`; default `aws/codebuild/standard:7.0`. */
    image?: string;
    /** Default false. */
    privilegedMode?: boolean;
    /** `TimeoutInMinutes`; default 60 (CodeBuild's default). Fractions are allowed locally. */
    timeoutInMinutes?: number;
    environmentVariables?: EnvironmentVariable[];
    /** False when the project's Cache.Type is NO_CACHE: the buildspec's `cache` is not used. Default true. */
    cache?: boolean;
    /** False when the project's Artifacts.Type is NO_ARTIFACTS: the buildspec's `artifacts` are not packed. Default true. */
    artifacts?: boolean;
  };
  /** Start-build / pipeline action overrides: they win over project and buildspec variables. */
  environmentOverrides?: EnvironmentVariable[];
  /** How the build runs; see chooseRunner for the CLI's mapping from images. */
  runner: RunnerChoice;
  /** CODEBUILD_INITIATOR: `codepipeline/<name>` from a pipeline, else the user name. */
  initiator: string;
  /** CODEBUILD_SOURCE_VERSION; default: the commit id of a Git source. */
  sourceVersion?: string;
  /**
   * CODEBUILD_RESOLVED_SOURCE_VERSION: the commit id of the source (the local pipeline passes its
   * source action's commit, since a source zip has no .git). Default: the source folder's HEAD,
   * else `sourceVersion` when it is a full 40-character commit id.
   */
  resolvedSourceVersion?: string;
  /** CODEBUILD_SOURCE_REPO_URL; default: the Git remote `origin`, if any. */
  sourceRepoUrl?: string;
  /** What to say of the source (where a copy is, how it differs from its commit), first in DOWNLOAD_SOURCE. */
  sourceNotes?: { level: 'info' | 'warning'; text: string }[];
  webhook?: { event?: string; headRef?: string; trigger?: string; prevCommit?: string };
  /** Default DEFAULT_REGION and DEFAULT_ACCOUNT_ID of src/cloudformation/aws-location.ts (us-east-1, 000000000000). */
  region?: string;
  accountId?: string;
}

export interface BuildDeps {
  reporter: Reporter<BuildEvent>;
  /** Needed for container builds. */
  containerRuntime?: ContainerRuntime;
  parameters: ParameterSource;
  /** Aborting stops the build (STOPPED). */
  signal?: AbortSignal;
  /** slipway's state folder (`<home>`): artifacts and caches go under `<home>/codebuild/<project>/`. */
  stateDir: string;
  /** CODEBUILD_BUILD_NUMBER, taken by the caller from the account's build records (per project, from 1). */
  buildNumber: number;
  /** slipway's own environment: the host runner inherits PATH, HOME and (without `reach`) AWS_* from it. */
  env: NodeJS.ProcessEnv;
  /**
   * The local account the build reaches (its key, region, and the running up's endpoint and Docker
   * proxy): set, the build gets them and the `aws` stand-in, and inherits no AWS_* from `env`.
   * Default: none (the build environment is CodeBuild's built-ins alone).
   */
  reach?: AccountReach;
  now?: () => number;
}

export const BUILD_DEFAULTS = {
  buildspecFile: 'buildspec.yml',
  projectName: 'local-build',
  image: 'aws/codebuild/standard:7.0',
  timeoutInMinutes: 60,
  region: DEFAULT_REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  network: 'host' as const,
};
