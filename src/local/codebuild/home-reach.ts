// Where a build of the account's CodeBuild reaches the account: its key and location from the
// settings, and the running `slipway up` read from the home (`<home>/up.json`, while its process
// lives) with the Docker proxy's socket that up listens on (docker-proxy/socket-path.ts). Read
// when each build starts, so a build started by hand finds an up started after slipway opened.
import { readRunningUp } from '../account/running-up.js';
import { buildDockerSocketPath } from '../docker-proxy/socket-path.js';
import type { AccountReach } from './account-reach.js';

/** The account's settings a build reaches it with (its key is optional for callers with none: no reach then). */
export interface ReachSettings {
  accountId: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** The reach of a home's builds, or undefined when the settings carry no key. */
export function homeReach(home: string, settings: ReachSettings): AccountReach | undefined {
  if (!settings.accessKeyId || !settings.secretAccessKey) return undefined;
  const running = readRunningUp(home);
  const reach: AccountReach = {
    accountId: settings.accountId, region: settings.region, accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
  };
  if (running) reach.up = { endpoint: running.endpoint, dockerSocket: buildDockerSocketPath(home) };
  return reach;
}
