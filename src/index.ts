// slipway's library entry point. The CDK constructs live at `slipway/constructs`, so that using
// the local engine never loads aws-cdk-lib.
export { SlipwayError, EXIT_CODES, formatProblem } from './errors.js';
export type { ErrorKind, Problem } from './errors.js';
export type { Reporter, SlipwayEvent } from './reporter.js';
export { resolveHome } from './home.js';
export { CONFIG_FILE, CONFIG_SCHEMA, loadConfig, parseConfig } from './config/index.js';
export type { SlipwayConfig, SlipwayConfigInput } from './config/index.js';
export { initRepository, renderBuildspec } from './init/index.js';
export type { InitOptions, InitResult } from './init/index.js';
