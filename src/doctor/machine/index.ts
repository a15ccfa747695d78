// The machine's part of `slipway doctor`: what slipway needs installed and running here.
import type { Finding } from '../finding.js';
import { awsFindings } from './aws-credentials.js';
import { dockerBuilderFinding, dockerEngineFinding } from './docker-engine.js';
import { freePortFindings, LOCAL_ACCOUNT_PORTS, type LocalPort } from './free-ports.js';
import { gitFinding } from './git.js';
import { nodeVersionFinding } from './node-version.js';
import { privilegedFinding } from './privileged-probe.js';
import { staticDockerCliFinding } from './static-docker-cli.js';

export { awsRegion } from './aws-credentials.js';

/** What the machine checks look at. */
export interface MachineOptions {
  env: NodeJS.ProcessEnv;
  /** The running Node.js version. Default: this process's. */
  nodeVersion?: string;
  /** The ports to find free. Default: the local account's. */
  ports?: readonly LocalPort[];
}

/** Every machine finding, in a fixed order; the engine's builder and privileges only when it answers. */
export async function machineFindings(options: MachineOptions): Promise<Finding[]> {
  const { env } = options;
  const engine = await dockerEngineFinding(env);
  const docker = engine.answers ? [engine.finding, await dockerBuilderFinding(env), await privilegedFinding(env)] : [engine.finding];
  return [
    nodeVersionFinding(options.nodeVersion ?? process.versions.node),
    await gitFinding(env),
    ...docker,
    await staticDockerCliFinding(env),
    ...(await freePortFindings(options.ports ?? LOCAL_ACCOUNT_PORTS)),
    ...awsFindings(env),
  ];
}
