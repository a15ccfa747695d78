export { initRepository, planConfig, gitIn } from './init.js';
export type { InitOptions, InitResult } from './init.js';
export { renderBuildspec, latestTagIsMutable } from './buildspec.js';
export { BUILD_ENVIRONMENT_VARIABLES } from '../config/build-variables.js';
export { parseRemoteUrl } from './remote-url.js';
