// A statically linked docker CLI: a privileged container build whose image has no docker CLI
// gets the host's mounted, and only a static one starts in any image (see
// src/local/codebuild/host-docker-cli.ts, which this check asks the same question as).
import { findStaticDockerCli } from '../../local/codebuild/host-docker-cli.js';
import type { Finding } from '../finding.js';

/** Whether PATH holds a docker CLI that can be mounted into build containers. */
export async function staticDockerCliFinding(env: NodeJS.ProcessEnv): Promise<Finding> {
  const cli = await findStaticDockerCli(env.PATH);
  if ('path' in cli) return { check: 'machine.static-docker-cli', severity: 'info', message: `${cli.path} is statically linked: container builds can use it` };
  return {
    check: 'machine.static-docker-cli',
    severity: 'warning',
    message: `${cli.reason}: a privileged container build whose image has no docker CLI cannot run docker (AWS's standard images bring their own; --host builds are not affected)`,
    fix: 'put a statically linked docker CLI first on PATH (Docker\'s static binaries: download.docker.com/linux/static/stable/)',
  };
}
