// The web dashboard `slipway up` serves on its port: pipelines, builds and their logs, the
// registry and the stacks of the local account, live, with the pipeline controls.
export { dashboardRoute } from './dashboard-route.js';
export { CONTENT_SECURITY_POLICY } from './security-headers.js';
export { TOKEN_HEADER } from './page-token.js';
