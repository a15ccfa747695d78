export { initRepository, planConfig, gitIn } from './init.js';
export type { InitOptions, InitResult } from './init.js';
export { renderBuildspec, latestTagIsMutable, BUILD_ENVIRONMENT_VARIABLES } from './buildspec.js';
export { parseRemoteUrl } from './remote-url.js';
