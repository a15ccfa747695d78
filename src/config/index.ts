export { CONFIG_FILE, loadConfig, parseConfig } from './load.js';
export type { SlipwayConfig } from './normalize.js';
export { CONFIG_SCHEMA, COMPUTE_TYPES, DEFAULT_BUILD_IMAGE, EXECUTION_MODES, SOURCE_PROVIDERS, TAG_MUTABILITY, TRIGGERS } from './schema.js';
export type { SlipwayConfigInput } from './schema.js';
