// The composition root of the registry: opens the data folder (registry.db, blobs/, uploads/),
// wires the parts, runs lifecycle policies and garbage collection periodically, and serves the
// /v2/ API when asked to listen. The returned object is the library API the local CloudFormation
// engine and the local ECR endpoint call; its methods are ECR's operations, one to one.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import { SlipwayError } from '../../errors.js';
import { silentReporter, type Reporter } from '../../reporter.js';
import { Authorizer, DEFAULT_TOKEN_TTL_MS, REGISTRY_USER } from './authorization.js';
import { BlobStore } from './blob-store.js';
import { systemClock, type Clock } from './clock.js';
import { lockDataDir } from './data-lock.js';
import { openRegistryDatabase } from './database.js';
import { collectGarbage, DEFAULT_GC_GRACE_PERIOD_MS, type GarbageCollectionOptions, type GarbageCollectionResult } from './garbage-collector.js';
import { createRegistryServer } from './http-server.js';
import { ImageApi } from './image-api.js';
import { Images } from './images.js';
import { LifecycleRunner } from './lifecycle-runner.js';
import type { RegistryEvent } from './registry-events.js';
import { Repositories, type RegistryIdentity } from './repositories.js';
import { Uploads } from './uploads.js';

/** How often lifecycle policies and garbage collection run on their own (ECR: within 24 hours). */
export const DEFAULT_MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

export interface RegistryOptions {
  /** Folder for registry.db, blobs/ and uploads/; created if missing. */
  dataDir: string;
  /** Default DEFAULT_ACCOUNT_ID (000000000000). */
  accountId?: string;
  /** Default DEFAULT_REGION (us-east-1). */
  region?: string;
  /** Default the system clock. */
  clock?: Clock;
  /** Default true: /v2/ needs Basic auth with user AWS and an issued password. */
  requireAuth?: boolean;
  /** Default 12 hours, as ECR. */
  tokenTtlMs?: number;
  /** Grace period and upload lifetime of the periodic garbage collection (see garbage-collector.ts). */
  garbageCollection?: GarbageCollectionOptions;
  /** Default DEFAULT_MAINTENANCE_INTERVAL_MS (1 hour); 0 turns the periodic run off. */
  maintenanceIntervalMs?: number;
  /** Default: events are dropped. */
  reporter?: Reporter<RegistryEvent>;
}

/** Where a listening registry can be reached. */
export interface RegistryAddress {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** `127.0.0.1:PORT`, what image names start with and what `docker login` takes. */
  registryHost: string;
}

/** Opens a registry on a data folder. Call close() when done. */
export function openRegistry(options: RegistryOptions) {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const registryId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const region = options.region ?? DEFAULT_REGION;
  const clock = options.clock ?? systemClock;
  const reporter = options.reporter ?? (silentReporter as Reporter<RegistryEvent>);
  const db = openRegistryDatabase(join(dataDir, 'registry.db'));
  let address: RegistryAddress | undefined;
  const ecrHost = `${registryId}.dkr.ecr.${region}.amazonaws.com`;
  const identity: RegistryIdentity = { registryId, region, registryHost: () => address?.registryHost ?? ecrHost };
  const gcOptions = options.garbageCollection ?? {};
  const repositories = new Repositories(db, identity, clock);
  const images = new Images(db, repositories, clock, (gcOptions.gracePeriodMs ?? DEFAULT_GC_GRACE_PERIOD_MS) / 2);
  const imageApi = new ImageApi(images, registryId);
  const blobs = new BlobStore(join(dataDir, 'blobs'));
  const uploadsDir = join(dataDir, 'uploads');
  const uploads = new Uploads(uploadsDir, db, blobs, clock, (repository, digest, size) => images.recordBlob(repository, digest, size));
  const authorizer = new Authorizer(db, clock, options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS);
  const lifecycle = new LifecycleRunner(repositories, images, clock);
  let server: Server | undefined;

  const registry = {
    registryId,
    region,
    dataDir,
    /** The listening address, or undefined before listen(). */
    get address(): RegistryAddress | undefined {
      return address;
    },

    // Repositories (ECR: CreateRepository, DescribeRepositories, DeleteRepository, ...).
    createRepository: repositories.create.bind(repositories),
    describeRepositories: repositories.describe.bind(repositories),
    deleteRepository: repositories.delete.bind(repositories),
    putImageTagMutability: repositories.putImageTagMutability.bind(repositories),
    putImageScanningConfiguration: repositories.putImageScanningConfiguration.bind(repositories),
    putLifecyclePolicy: repositories.putLifecyclePolicy.bind(repositories),
    getLifecyclePolicy: repositories.getLifecyclePolicy.bind(repositories),
    deleteLifecyclePolicy: repositories.deleteLifecyclePolicy.bind(repositories),
    /** GetLifecyclePolicyPreview, answered at once (ECR runs it asynchronously). */
    previewLifecyclePolicy: lifecycle.preview.bind(lifecycle),

    // Images (ECR: DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, PutImage).
    describeImages: imageApi.describeImages.bind(imageApi),
    listImages: imageApi.listImages.bind(imageApi),
    batchGetImage: imageApi.batchGetImage.bind(imageApi),
    batchDeleteImage: imageApi.batchDeleteImage.bind(imageApi),
    putImage: imageApi.putImage.bind(imageApi),

    /** GetAuthorizationToken: base64("AWS:<password>"), valid 12 hours, and where to log in. */
    getAuthorizationToken() {
      const token = authorizer.issue();
      return {
        authorizationData: [
          {
            authorizationToken: Buffer.from(`${REGISTRY_USER}:${token.password}`).toString('base64'),
            expiresAt: new Date(token.expiresAt),
            proxyEndpoint: address?.endpoint ?? `https://${ecrHost}`,
          },
        ],
      };
    },

    /** Expires what lifecycle policies select now (all repositories, or one). */
    applyLifecyclePolicies(input: { repositoryName?: string } = {}) {
      const results = lifecycle.apply(input);
      for (const { repositoryName, expired } of results) {
        for (const image of expired) reporter.emit({ type: 'registry.image.deleted', repositoryName, imageDigest: image.imageDigest, reason: 'lifecycle-policy' });
      }
      return results;
    },

    /** Removes blobs no image uses (after the grace period) and abandoned uploads. */
    async collectGarbage(override: GarbageCollectionOptions = {}): Promise<GarbageCollectionResult> {
      const result = await collectGarbage({ db, blobs, uploads, uploadsDir, clock }, { ...gcOptions, ...override });
      reporter.emit({ type: 'registry.garbage.collected', deletedBlobs: result.deletedBlobs.length, freedBytes: result.freedBytes, expiredUploads: result.expiredUploads });
      return result;
    },

    /** Serves the /v2/ API on host:port (default 127.0.0.1, a free port). */
    async listen(listenOptions: { port?: number; host?: string } = {}): Promise<RegistryAddress> {
      if (server) throw new Error('registry is already listening');
      const host = listenOptions.host ?? '127.0.0.1';
      server = createRegistryServer({ repositories, images, imageApi, uploads, blobs, authorizer, requireAuth: options.requireAuth ?? true, reporter });
      const port = listenOptions.port ?? 0;
      await new Promise<void>((resolveListen, reject) => {
        server!.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(host, port, error) : error));
        server!.listen(port, host, () => resolveListen());
      }).catch((error: unknown) => {
        server = undefined;
        throw error;
      });
      const bound = (server.address() as AddressInfo).port;
      address = { endpoint: `http://${host}:${bound}`, registryHost: `${host}:${bound}` };
      return address;
    },

    /** Stops serving, stops the periodic work and closes the database. */
    async close(): Promise<void> {
      clearInterval(maintenance);
      if (server) {
        const closing = new Promise((done) => server!.close(done));
        server.closeAllConnections();
        await closing;
        server = undefined;
      }
      address = undefined;
      if (db.open) db.close();
      unlock();
    },
  };

  const interval = options.maintenanceIntervalMs ?? DEFAULT_MAINTENANCE_INTERVAL_MS;
  const maintenance = setInterval(() => {
    try {
      registry.applyLifecyclePolicies();
    } catch (error) {
      reporter.emit({ type: 'registry.maintenance.failed', error: String(error) });
    }
    registry.collectGarbage().catch((error: unknown) => reporter.emit({ type: 'registry.maintenance.failed', error: String(error) }));
  }, interval > 0 ? interval : 2 ** 31 - 1);
  if (interval <= 0) clearInterval(maintenance);
  maintenance.unref();
  return registry;
}

function portInUse(host: string, port: number, cause: Error): SlipwayError {
  return new SlipwayError('PortInUse', `cannot listen on ${host}:${port}: the port is in use`, {
    kind: 'environment',
    hint: 'pick another port with --port, or --port 0 for a free one',
    cause,
  });
}

/** The registry library API (what openRegistry returns). */
export type LocalRegistry = ReturnType<typeof openRegistry>;
