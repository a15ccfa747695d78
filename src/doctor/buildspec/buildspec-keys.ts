// The keys a version 0.2 buildspec may have, level by level (CodeBuild user guide, "Build
// specification reference for CodeBuild"), for "did you mean" on the misspelt ones.

export const TOP_KEYS = ['version', 'run-as', 'env', 'proxy', 'batch', 'phases', 'reports', 'artifacts', 'cache'];
export const ENV_KEYS = ['shell', 'variables', 'parameter-store', 'secrets-manager', 'exported-variables', 'git-credential-helper'];
export const PHASE_NAMES = ['install', 'pre_build', 'build', 'post_build'];
export const PHASE_KEYS = ['run-as', 'on-failure', 'commands', 'finally', 'runtime-versions'];
export const ARTIFACT_KEYS = ['files', 'name', 'discard-paths', 'base-directory', 'exclude-paths', 'enable-symlinks', 's3-prefix'];
export const REPORT_KEYS = ['files', 'base-directory', 'discard-paths', 'file-format'];
export const CACHE_KEYS = ['paths', 'key', 'fallback-keys', 'action'];
export const PROXY_KEYS = ['upload-artifacts', 'logs'];
