// Buildspec keys that CodeBuild's buildspec reference documents as deprecated ("Buildspec
// versions": in version 0.2 "environment_variables has been renamed to env", "plaintext has
// been renamed to variables", and "the type property for artifacts has been deprecated").
// CodeBuild still runs buildspecs that carry them (AWS SAM's application templates shipped
// `artifacts: type: zip` for years), so they are read, with a warning that says what they mean.

/** `artifacts.type` (and a secondary artifact's): ignored, as CodeBuild ignores it. */
export const ARTIFACT_TYPE_KEY = 'type';

/** The warning for `artifacts.type`. */
export function artifactTypeWarning(path: string, value: string | undefined): string {
  return `${path}${value ? ` (${value})` : ''} is deprecated since buildspec version 0.2 and ignored: artifacts are zip files`;
}

/** Version 0.1's name for `env`, and its one key, `plaintext` (version 0.2's `env.variables`). */
export const LEGACY_ENV_KEY = 'environment_variables';
export const LEGACY_VARIABLES_KEY = 'plaintext';

/** The warning for `environment_variables` in a version 0.2 buildspec. */
export function legacyEnvWarning(): string {
  return 'environment_variables.plaintext is the buildspec version 0.1 spelling, renamed to env.variables in version 0.2; read as env.variables (a variable in both takes env.variables\' value)';
}
