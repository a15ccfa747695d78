// The buildspec as plain data, after parsing and validation (../../../shared/spec/aws-semantics.md §1).

/** The four phases a buildspec may declare, in the order CodeBuild runs them. */
export const BUILDSPEC_PHASES = ['install', 'pre_build', 'build', 'post_build'] as const;
export type BuildspecPhaseName = (typeof BUILDSPEC_PHASES)[number];

/** What to do when a phase fails (buildspec `on-failure`). */
export type OnFailure =
  | { action: 'ABORT' }
  | { action: 'CONTINUE' }
  /** RETRY, RETRY-<count>, RETRY-<regex>, RETRY-<count>-<regex>: `retries` more tries at most. */
  | { action: 'RETRY'; retries: number; pattern?: string };

/** One phase of the buildspec. */
export interface PhaseSpec {
  runAs?: string;
  onFailure?: OnFailure;
  commands: string[];
  finally: string[];
  runtimeVersions: Record<string, string>;
}

/** The keys shared by the primary artifact and each secondary one. */
export interface ArtifactSpec {
  files: string[];
  name?: string;
  discardPaths: boolean;
  baseDirectory?: string;
  excludePaths: string[];
  enableSymlinks: boolean;
  s3Prefix?: string;
}

/** A report group: test result files to summarise. */
export interface ReportSpec {
  name: string;
  files: string[];
  baseDirectory?: string;
  discardPaths: boolean;
  fileFormat: string;
}

/** `cache`: what to keep between builds of a project, and under which key. */
export interface CacheSpec {
  paths: string[];
  /** Evaluated by the build's shell (`npm-$(codebuild-hash-files package-lock.json)`); absent: one cache per project. */
  key?: string;
  /** Prefixes tried in order when no cache has `key` itself. */
  fallbackKeys: string[];
  /** `restore` only restores, `save` only saves; absent: both. */
  action?: 'restore' | 'save';
}

/** A validated buildspec. */
export interface Buildspec {
  version: '0.1' | '0.2';
  runAs?: string;
  env: {
    shell?: string;
    variables: Record<string, string>;
    parameterStore: Record<string, string>;
    secretsManager: Record<string, string>;
    exportedVariables: string[];
    gitCredentialHelper: boolean;
  };
  phases: Partial<Record<BuildspecPhaseName, PhaseSpec>>;
  /** The primary artifact; absent when the buildspec declares none (or only secondary ones). */
  artifacts?: ArtifactSpec;
  secondaryArtifacts: Record<string, ArtifactSpec>;
  reports: ReportSpec[];
  cache?: CacheSpec;
}
