// slipway's library entry point. The CDK constructs live at `slipway/constructs`, so that using
// the local engine never loads aws-cdk-lib.
export { SlipwayError, EXIT_CODES, formatProblem } from './errors.js';
export type { ErrorKind, Problem } from './errors.js';
export type { Reporter, SlipwayEvent } from './reporter.js';
export { resolveHome } from './home.js';
