// The registry's control plane alone: repositories, their settings and lifecycle policies, and
// the image list, on the metadata in registry.db. It takes no data lock, runs no maintenance and
// serves no HTTP, so the local stack engine can use it while `slipway registry` serves the same
// folder: SQLite in WAL mode lets both processes write, each transaction waiting (busy timeout)
// for the other's. A forced DeleteRepository removes the image records only; the blobs become
// garbage that the serving registry collects after its grace period.
import { join, resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import { systemClock, type Clock } from './clock.js';
import { prepareDataFolder } from './data-files.js';
import { openRegistryDatabase } from './database.js';
import { DEFAULT_GC_GRACE_PERIOD_MS } from './garbage-collector.js';
import { ImageApi } from './image-api.js';
import { Images } from './images.js';
import { Repositories, repositoryOperations } from './repositories.js';

export interface RegistryControlOptions {
  /** The registry's data folder (registry.db); created if missing. */
  dataDir: string;
  /** Default DEFAULT_ACCOUNT_ID (000000000000). */
  accountId?: string;
  /** Default DEFAULT_REGION (us-east-1). */
  region?: string;
  /** Default the system clock. */
  clock?: Clock;
}

/** Opens the control-plane operations of the registry on a data folder. Call close() when done. */
export function openRegistryControl(options: RegistryControlOptions) {
  const dataDir = resolve(options.dataDir);
  prepareDataFolder(dataDir);
  const registryId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const region = options.region ?? DEFAULT_REGION;
  const clock = options.clock ?? systemClock;
  const db = openRegistryDatabase(join(dataDir, 'registry.db'));
  const ecrHost = `${registryId}.dkr.ecr.${region}.amazonaws.com`;
  const repositories = new Repositories(db, { registryId, region, registryHost: () => ecrHost }, clock);
  const imageApi = new ImageApi(new Images(db, repositories, clock, DEFAULT_GC_GRACE_PERIOD_MS / 2), registryId);
  return {
    ...repositoryOperations(repositories),
    describeImages: imageApi.describeImages.bind(imageApi),
    listImages: imageApi.listImages.bind(imageApi),
    /** Closes the database. */
    close(): void {
      if (db.open) db.close();
    },
  };
}

/** The registry's control plane (what openRegistryControl returns). */
export type RegistryControl = ReturnType<typeof openRegistryControl>;
