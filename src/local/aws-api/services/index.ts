// Placeholder until the service handlers land: no operation is served yet.
import type { ServiceTable } from '../handler.js';

export const SERVICE_HANDLERS: ServiceTable = {};
