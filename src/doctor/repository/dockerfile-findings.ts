// The Dockerfile and build context where slipway.yml says (build.dockerfile, build.context):
// the generated buildspec runs `docker build -f <dockerfile> <context>` with them.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE, type SlipwayConfig } from '../../config/index.js';
import type { LocatedDocument } from '../../yaml/located-document.js';
import type { Finding } from '../finding.js';
import { configPosition } from './config-findings.js';

/** Findings for the Dockerfile (a file) and the build context (a folder). */
export async function dockerfileFindings(dir: string, config: SlipwayConfig, located: LocatedDocument | undefined): Promise<Finding[]> {
  const { dockerfile, context } = config.build;
  const findings: Finding[] = [];
  if (!(await stat(join(dir, dockerfile)).then((entry) => entry.isFile(), () => false))) {
    findings.push({
      check: 'repository.dockerfile',
      severity: 'error',
      file: CONFIG_FILE,
      path: 'build.dockerfile',
      ...configPosition(located, ['build', 'dockerfile']),
      message: `there is no Dockerfile at ${dockerfile}, where build.dockerfile says: docker build fails`,
      fix: `set build.dockerfile to the Dockerfile's path in the repository, or add ${dockerfile}`,
    });
  } else findings.push({ check: 'repository.dockerfile', severity: 'info', file: dockerfile, message: `Dockerfile found at ${dockerfile}` });
  if (!(await stat(join(dir, context)).then((entry) => entry.isDirectory(), () => false))) {
    findings.push({
      check: 'repository.build-context',
      severity: 'error',
      file: CONFIG_FILE,
      path: 'build.context',
      ...configPosition(located, ['build', 'context']),
      message: `the build context ${context} (build.context) is not a folder in the repository`,
      fix: 'set build.context to the folder docker build should send, usually the Dockerfile\'s folder',
    });
  }
  return findings;
}
