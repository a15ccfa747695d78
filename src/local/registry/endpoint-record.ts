// Where this data folder's registry last listened (`host:port` in <data>/endpoint), so that the
// stack engine's RepositoryUri follows the running registry without a flag on every command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replacePrivateFile } from './data-files.js';

/** The file holding the recorded endpoint. */
export function registryEndpointFile(dataDir: string): string {
  return join(dataDir, 'endpoint');
}

/** Records `host:port` as where the registry on `dataDir` listens (replacing the file, never writing through a link). */
export function recordRegistryEndpoint(dataDir: string, registryHost: string): void {
  replacePrivateFile(registryEndpointFile(dataDir), `${registryHost}\n`);
}

/** The recorded `host:port`, or undefined when no registry ever listened on this folder. */
export function readRecordedRegistryEndpoint(dataDir: string): string | undefined {
  try {
    return readFileSync(registryEndpointFile(dataDir), 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
