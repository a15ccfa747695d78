// AWS::CodeBuild::Project's properties (PascalCase, as the template writes them) turned into the
// CreateProject / UpdateProject input of the account's CodeBuild (camelCase, as the API takes it).
import { isRecord } from '../../../cloudformation/index.js';
import type { ProjectArtifacts, ProjectInput, ProjectSource } from '../../codebuild/projects.js';
import type { EnvironmentVariable } from '../../codebuild/request.js';

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));
const flag = (value: unknown): boolean => value === true || value === 'true';
const number = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));
const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function sourceOf(source: Record<string, unknown>): ProjectSource {
  return {
    type: String(source.Type), location: text(source.Location), buildspec: text(source.BuildSpec),
    gitCloneDepth: number(source.GitCloneDepth), sourceIdentifier: text(source.SourceIdentifier),
  };
}

function artifactsOf(artifacts: Record<string, unknown>): ProjectArtifacts {
  return {
    type: String(artifacts.Type) as ProjectArtifacts['type'],
    location: text(artifacts.Location),
    path: text(artifacts.Path),
    name: text(artifacts.Name),
    namespaceType: text(artifacts.NamespaceType) as ProjectArtifacts['namespaceType'],
    packaging: text(artifacts.Packaging) as ProjectArtifacts['packaging'],
    artifactIdentifier: text(artifacts.ArtifactIdentifier),
  };
}

function variablesOf(environment: Record<string, unknown>): EnvironmentVariable[] {
  return records(environment.EnvironmentVariables).map((variable) => ({
    name: String(variable.Name),
    value: String(variable.Value),
    // PLAINTEXT when absent (CodeBuild EnvironmentVariable.Type).
    type: (text(variable.Type) ?? 'PLAINTEXT') as EnvironmentVariable['type'],
  }));
}

/** The project input for a project named `name` with these (resolved) properties. */
export function projectInputOf(name: string, properties: Record<string, unknown>): ProjectInput {
  const environment = isRecord(properties.Environment) ? properties.Environment : {};
  const cache = isRecord(properties.Cache) ? properties.Cache : undefined;
  return {
    name,
    description: text(properties.Description),
    source: sourceOf(isRecord(properties.Source) ? properties.Source : {}),
    secondarySources: records(properties.SecondarySources).map(sourceOf),
    artifacts: artifactsOf(isRecord(properties.Artifacts) ? properties.Artifacts : {}),
    secondaryArtifacts: records(properties.SecondaryArtifacts).map(artifactsOf),
    cache: cache ? { type: String(cache.Type) as 'NO_CACHE' | 'LOCAL' | 'S3', location: text(cache.Location), modes: Array.isArray(cache.Modes) ? cache.Modes.map(String) : undefined } : undefined,
    environment: {
      type: String(environment.Type),
      image: String(environment.Image),
      computeType: String(environment.ComputeType),
      privilegedMode: flag(environment.PrivilegedMode),
      environmentVariables: variablesOf(environment),
      imagePullCredentialsType: text(environment.ImagePullCredentialsType),
    },
    serviceRole: String(properties.ServiceRole),
    timeoutInMinutes: number(properties.TimeoutInMinutes),
    queuedTimeoutInMinutes: number(properties.QueuedTimeoutInMinutes),
    encryptionKey: text(properties.EncryptionKey),
    concurrentBuildLimit: number(properties.ConcurrentBuildLimit),
    logsConfig: isRecord(properties.LogsConfig) ? lowerKeys(properties.LogsConfig) as ProjectInput['logsConfig'] : undefined,
  };
}

/** LogsConfig's nested keys in the API's camelCase (CloudWatchLogs → cloudWatchLogs, GroupName → groupName). */
function lowerKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.charAt(0).toLowerCase() + key.slice(1), isRecord(item) ? lowerKeys(item) : item]));
}
