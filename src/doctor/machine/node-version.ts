// Node.js: slipway needs 20 or newer (package.json `engines`); Debian 12's own nodejs is 18.
import type { Finding } from '../finding.js';

/** The oldest Node.js major version slipway runs on. */
export const MINIMUM_NODE_MAJOR = 20;

/** The finding for a Node.js version such as `20.20.2`. */
export function nodeVersionFinding(version: string): Finding {
  const major = Number(version.split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return { check: 'machine.node', severity: 'info', message: `Node.js ${version}` };
  return {
    check: 'machine.node',
    severity: 'error',
    message: `Node.js ${version} is too old: slipway needs ${MINIMUM_NODE_MAJOR} or newer`,
    fix: `install Node.js ${MINIMUM_NODE_MAJOR} or newer (nodejs.org or NodeSource's packages)`,
  };
}
