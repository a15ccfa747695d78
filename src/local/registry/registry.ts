// The composition root of the registry: opens the data folder (registry.db, blobs/, uploads/),
// wires the parts, runs lifecycle policies and garbage collection periodically, and serves the
// /v2/ API when asked to listen. The returned object is the library API the local CloudFormation
// engine and the local ECR endpoint call; its methods are ECR's operations, one to one.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../cloudformation/aws-location.js';
import { SlipwayError } from '../../errors.js';
import { silentReporter, type Reporter } from '../../reporter.js';
import { Authorizer, DEFAULT_TOKEN_TTL_MS, REGISTRY_USER } from './authorization.js';
import { BlobStore } from './blob-store.js';
import { prepareDataFolder } from './data-files.js';
import { systemClock, type Clock } from './clock.js';
import { lockDataDir } from './data-lock.js';
import { openRegistryDatabase, type RegistryDatabase } from './database.js';
import { collectGarbage, DEFAULT_GC_GRACE_PERIOD_MS, type GarbageCollectionOptions, type GarbageCollectionResult } from './garbage-collector.js';
import { createRegistryServer } from './http-server.js';
import { ImageApi } from './image-api.js';
import { Images } from './images.js';
import { LifecycleRunner } from './lifecycle-runner.js';
import type { RegistryEvent } from './registry-events.js';
import { Repositories, repositoryOperations, type RegistryIdentity } from './repositories.js';
import { Uploads } from './uploads.js';

/** How often lifecycle policies and garbage collection run on their own (ECR: within 24 hours). */
export const DEFAULT_MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;

export interface RegistryOptions {
  /** Folder for registry.db, blobs/ and uploads/; created (0700) if missing. */
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
  const settings = settingsOf(options);
  prepareDataFolder(settings.dataDir);
  const unlock = lockDataDir(settings.dataDir);
  const where: Listening = {};
  const ecrHost = `${settings.registryId}.dkr.ecr.${settings.region}.amazonaws.com`;
  let parts: Parts;
  try {
    parts = wireParts(settings, () => where.address?.registryHost ?? ecrHost);
  } catch (error) {
    unlock();
    throw error;
  }
  const http = registryHttp(parts, settings, where);
  const registry = {
    registryId: settings.registryId,
    region: settings.region,
    dataDir: settings.dataDir,
    /** The listening address, or undefined before listen(). */
    get address(): RegistryAddress | undefined {
      return where.address;
    },
    ...ecrOperations(parts),
    /** GetAuthorizationToken: base64("AWS:<password>"), valid 12 hours, and where to log in. */
    getAuthorizationToken: () => authorizationToken(parts.authorizer, where.address?.endpoint ?? `https://${ecrHost}`),
    /** Expires what lifecycle policies select now (all repositories, or one). */
    applyLifecyclePolicies: (input: { repositoryName?: string } = {}) => applyLifecyclePolicies(parts, settings.reporter, input),
    /** Removes blobs no image uses (after the grace period) and abandoned uploads. */
    collectGarbage: (override: GarbageCollectionOptions = {}) => runGarbageCollection(parts, settings, override),
    /** Serves the /v2/ API on host:port (default 127.0.0.1, a free port); `mount` adds more to the server (slipway up). */
    listen: http.listen,
    /** Stops serving, stops the periodic work and closes the database. */
    async close(): Promise<void> {
      stopMaintenance();
      await http.close();
      if (parts.db.open) parts.db.close();
      unlock();
    },
  };
  const stopMaintenance = startMaintenance(registry, settings);
  return registry;
}

/** RegistryOptions with every default filled in. */
interface Settings {
  dataDir: string;
  registryId: string;
  region: string;
  clock: Clock;
  requireAuth: boolean;
  tokenTtlMs: number;
  gcOptions: GarbageCollectionOptions;
  maintenanceIntervalMs: number;
  reporter: Reporter<RegistryEvent>;
}

function settingsOf(options: RegistryOptions): Settings {
  return {
    dataDir: resolve(options.dataDir),
    registryId: options.accountId ?? DEFAULT_ACCOUNT_ID,
    region: options.region ?? DEFAULT_REGION,
    clock: options.clock ?? systemClock,
    requireAuth: options.requireAuth ?? true,
    tokenTtlMs: options.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS,
    gcOptions: options.garbageCollection ?? {},
    maintenanceIntervalMs: options.maintenanceIntervalMs ?? DEFAULT_MAINTENANCE_INTERVAL_MS,
    reporter: options.reporter ?? (silentReporter as Reporter<RegistryEvent>),
  };
}

/** Where the registry listens, once it does (image URIs and the token's proxyEndpoint follow it). */
interface Listening {
  address?: RegistryAddress;
}

/** The registry's parts, wired on one data folder. */
interface Parts {
  db: RegistryDatabase;
  repositories: Repositories;
  images: Images;
  imageApi: ImageApi;
  blobs: BlobStore;
  uploads: Uploads;
  uploadsDir: string;
  authorizer: Authorizer;
  lifecycle: LifecycleRunner;
}

function wireParts(settings: Settings, registryHost: () => string): Parts {
  const { dataDir, registryId, region, clock } = settings;
  const db = openRegistryDatabase(join(dataDir, 'registry.db'));
  const identity: RegistryIdentity = { registryId, region, registryHost };
  const repositories = new Repositories(db, identity, clock);
  const images = new Images(db, repositories, clock, (settings.gcOptions.gracePeriodMs ?? DEFAULT_GC_GRACE_PERIOD_MS) / 2);
  const blobs = new BlobStore(join(dataDir, 'blobs'));
  const uploadsDir = join(dataDir, 'uploads');
  const uploads = new Uploads(uploadsDir, db, blobs, clock, (repository, digest, size) => images.recordBlob(repository, digest, size));
  return {
    db, repositories, images, blobs, uploads, uploadsDir,
    imageApi: new ImageApi(images, registryId),
    authorizer: new Authorizer(db, clock, settings.tokenTtlMs),
    lifecycle: new LifecycleRunner(repositories, images, clock),
  };
}

/** ECR's repository and image operations, one to one. */
function ecrOperations({ repositories, lifecycle, imageApi }: Parts) {
  return {
    ...repositoryOperations(repositories),
    /** GetLifecyclePolicyPreview, answered at once (ECR runs it asynchronously). */
    previewLifecyclePolicy: lifecycle.preview.bind(lifecycle),
    // Images (ECR: DescribeImages, ListImages, BatchGetImage, BatchDeleteImage, PutImage).
    describeImages: imageApi.describeImages.bind(imageApi),
    listImages: imageApi.listImages.bind(imageApi),
    batchGetImage: imageApi.batchGetImage.bind(imageApi),
    batchDeleteImage: imageApi.batchDeleteImage.bind(imageApi),
    putImage: imageApi.putImage.bind(imageApi),
  };
}

function authorizationToken(authorizer: Authorizer, proxyEndpoint: string) {
  const token = authorizer.issue();
  return {
    authorizationData: [
      {
        authorizationToken: Buffer.from(`${REGISTRY_USER}:${token.password}`).toString('base64'),
        expiresAt: new Date(token.expiresAt),
        proxyEndpoint,
      },
    ],
  };
}

function applyLifecyclePolicies({ lifecycle }: Parts, reporter: Reporter<RegistryEvent>, input: { repositoryName?: string }) {
  const results = lifecycle.apply(input);
  for (const { repositoryName, expired } of results) {
    for (const image of expired) reporter.emit({ type: 'registry.image.deleted', repositoryName, imageDigest: image.imageDigest, reason: 'lifecycle-policy' });
  }
  return results;
}

async function runGarbageCollection(parts: Parts, settings: Settings, override: GarbageCollectionOptions): Promise<GarbageCollectionResult> {
  const { db, blobs, uploads, uploadsDir } = parts;
  const result = await collectGarbage({ db, blobs, uploads, uploadsDir, clock: settings.clock }, { ...settings.gcOptions, ...override });
  settings.reporter.emit({ type: 'registry.garbage.collected', deletedBlobs: result.deletedBlobs.length, freedBytes: result.freedBytes, expiredUploads: result.expiredUploads });
  return result;
}

/** The /v2/ server: listen() records the address in `where`, close() stops it. */
function registryHttp(parts: Parts, settings: Settings, where: Listening) {
  let server: Server | undefined;
  return {
    async listen(listenOptions: { port?: number; host?: string; mount?: (server: Server) => void } = {}): Promise<RegistryAddress> {
      if (server) throw new Error('registry is already listening');
      const host = listenOptions.host ?? '127.0.0.1';
      const port = listenOptions.port ?? 0;
      const created = createRegistryServer({ ...parts, requireAuth: settings.requireAuth, reporter: settings.reporter });
      server = created;
      listenOptions.mount?.(created);
      await new Promise<void>((resolveListen, reject) => {
        created.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portInUse(host, port, error) : error));
        created.listen(port, host, () => resolveListen());
      }).catch((error: unknown) => {
        server = undefined;
        throw error;
      });
      const bound = (created.address() as AddressInfo).port;
      where.address = { endpoint: `http://${host}:${bound}`, registryHost: `${host}:${bound}` };
      return where.address;
    },
    async close(): Promise<void> {
      if (server) {
        const closing = new Promise((done) => server!.close(done));
        server.closeAllConnections();
        await closing;
        server = undefined;
      }
      where.address = undefined;
    },
  };
}

/** Runs lifecycle policies and garbage collection every maintenanceIntervalMs (0: never); returns the stop. */
function startMaintenance(registry: Pick<LocalRegistry, 'applyLifecyclePolicies' | 'collectGarbage'>, settings: Settings): () => void {
  if (settings.maintenanceIntervalMs <= 0) return () => {};
  const failed = (error: unknown) => settings.reporter.emit({ type: 'registry.maintenance.failed', error: String(error) });
  const timer = setInterval(() => {
    try {
      registry.applyLifecyclePolicies();
    } catch (error) {
      failed(error);
    }
    registry.collectGarbage().catch(failed);
  }, settings.maintenanceIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
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
