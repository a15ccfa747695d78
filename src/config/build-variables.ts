// The environment variables the template's CodeBuild project sets for every build: synth writes
// them, the generated buildspec reads them, and slipway.yml may not set them itself.

/** Environment variables the template's CodeBuild project sets and the generated buildspec reads. */
export const BUILD_ENVIRONMENT_VARIABLES = ['REPOSITORY_URI', 'IMAGE_REPO_NAME', 'CONTAINER_NAME', 'AWS_ACCOUNT_ID'] as const;
