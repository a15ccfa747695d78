// The port `slipway up` serves on. Without --port it is the port this home's registry last
// listened on, so that the registry address its stacks recorded (an ECR repository's
// RepositoryUri, a CodeBuild project's REPOSITORY_URI built from it, imagedefinitions.json) stays
// right from one `up` to the next, as a repository's URI never changes on AWS; a home that never
// ran a registry gets the default port.
import { SlipwayError } from '../../errors.js';
import { DEFAULT_ACCOUNT_PORT, LOCAL_HOST } from '../../local/account/addresses.js';
import type { LocalAccount } from '../../local/account/index.js';
import { readRecordedRegistryEndpoint } from '../../local/registry/index.js';

/** The port `--port` names (0: any free one); refused when it is not one. */
export function flagPort(flag: string): number {
  const port = Number(flag);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SlipwayError('InvalidPort', `--port must be an integer from 0 to 65535, got '${flag}'`);
  return port;
}

/** The port the home's registry last listened on at 127.0.0.1, if any. */
export function recordedPort(account: LocalAccount): number | undefined {
  const recorded = readRecordedRegistryEndpoint(account.layout.registry);
  const port = recorded?.startsWith(`${LOCAL_HOST}:`) ? Number(recorded.slice(LOCAL_HOST.length + 1)) : undefined;
  return port !== undefined && Number.isInteger(port) && port > 0 ? port : undefined;
}

/** --port when given, else the recorded port, else the default. */
export function upPort(account: LocalAccount, flag: string | undefined): number {
  return flag !== undefined ? flagPort(flag) : (recordedPort(account) ?? DEFAULT_ACCOUNT_PORT);
}

/** A warning when up listens elsewhere than the address the home's stacks recorded, or undefined. */
export function movedRegistryWarning(account: LocalAccount, recorded: number | undefined, listening: string): string | undefined {
  if (recorded === undefined || listening === `${LOCAL_HOST}:${recorded}` || account.stacks.listStacks().length === 0) return undefined;
  return `warning: this home's stacks recorded the registry at ${LOCAL_HOST}:${recorded} (RepositoryUri, REPOSITORY_URI), but up listens on ${listening}: builds that push to the recorded address fail; run slipway up without --port (or with --port ${recorded}) to keep it`;
}
